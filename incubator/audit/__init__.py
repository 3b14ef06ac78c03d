"""The audit trail: one row for every decision."""
