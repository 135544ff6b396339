"""Coding exercises: the checker and its cases, one module per notebook."""
