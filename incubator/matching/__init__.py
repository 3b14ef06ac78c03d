"""Matching runs and the suggestions they produce."""
