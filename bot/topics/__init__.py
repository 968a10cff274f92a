"""Topics: one record per topic, and the answers for each kind of topic."""
