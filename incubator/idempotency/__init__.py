"""Idempotency keys: a form sent twice acts once, and the second answer shows the first result."""
