"""The only layer that runs git."""
