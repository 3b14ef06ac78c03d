"""The transactional outbox: tasks leave a request as rows of its own transaction, then a relay sends them."""
