"""Rule kinds (the code).  Rule instances live as YAML in the top-level rules/ folder."""
