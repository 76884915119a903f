"""Stage 6, communication & follow-up."""
