"""cocreation models."""
