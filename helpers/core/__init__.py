"""The lowest layer: argument validation, seeding, timing and process settings."""
