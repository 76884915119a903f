"""Stage 4, what worked and what did not."""
