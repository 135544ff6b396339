"""The models: each fits ratings and predicts, scores or folds in users (see `protocol`)."""
