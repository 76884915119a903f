"""Stage 2, timeline & impact."""
