"""Accounts: registration, login, profile, languages and user administration."""
