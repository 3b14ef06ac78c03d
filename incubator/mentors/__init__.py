"""Mentors: expert profiles and their availability."""
