"""Rule kinds. Each module registers one kind; ``ruleset.load_kinds`` imports them all."""
