"""Keep derived data (the facet index) in step with the practices table."""
