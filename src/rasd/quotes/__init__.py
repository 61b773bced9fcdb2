"""quotes stages."""
