"""actors stages."""
