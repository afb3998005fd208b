"""insights models."""
