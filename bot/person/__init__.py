"""A person's own case: the facts they tell, read from their words."""
