"""失业保险助手's own package: knowledge base, calculators and answers (no Rasa here)."""
