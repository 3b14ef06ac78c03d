"""The versioned JSON API under /api/v1 (flask-smorest, OpenAPI 3) and its organisation tokens."""
