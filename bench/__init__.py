"""Benchmarks (``make bench``): each module has one function per benchmark; ``run.py`` runs all."""
