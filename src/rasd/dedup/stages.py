"""Dedup stage slot (filled by the dedup package)."""
