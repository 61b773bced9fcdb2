"""Cleaning: boilerplate removal, appended-article split, metadata from text, language."""
