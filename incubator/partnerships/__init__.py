"""Introductions between parties and the partnerships that grow from them."""
