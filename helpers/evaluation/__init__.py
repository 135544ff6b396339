"""Judging models: error and ranking metrics, the reveal experiment, results tables."""
