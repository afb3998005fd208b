"""opendata models."""
