"""The government's read-only view of the ecosystem."""
