"""irm models."""
