"""dedup stages."""
