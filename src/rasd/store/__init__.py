"""Storage (placeholder until the store module lands)."""
