"""Stage 1, scope & audience."""
