"""Startups: the founders' company profiles."""
