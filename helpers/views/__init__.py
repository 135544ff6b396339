"""What the learner sees: figures, slider views and widgets (they compute nothing new)."""
