"""Stage 3, root cause analysis: the whys tree, the fishbone, the summary."""
