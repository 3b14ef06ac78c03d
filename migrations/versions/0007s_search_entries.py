"""search entries: each record's folded text and glossary concepts, for search across languages

Revision ID: 0007s
Revises: 0007m
Create Date: 2026-12-07 16:00:00.000000

The entries are filled by `flask search reindex` (and kept in step at every save afterwards): an
existing database runs it once after this upgrade; `flask seed-demo` and new records fill it anyway.
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0007s"
down_revision = "0007m"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "search_entries",
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("object_id", sa.Integer(), nullable=False),
        sa.Column("folded", sa.Text(), nullable=False),
        sa.Column("concepts", sa.Text(), nullable=False),
        sa.Column("phrases", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_entries")),
        sa.UniqueConstraint("kind", "object_id", name="uq_search_entries_kind_object"),
    )
    if op.get_bind().dialect.name == "postgresql":
        trigram_indexes()


def trigram_indexes():
    """On PostgreSQL, trigram indexes serve `LIKE '%word%'` without a scan of the table; where the
    pg_trgm extension cannot be created, search works the same, by a scan."""
    bind = op.get_bind()
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except sa.exc.DBAPIError:
        return
    for column in ("folded", "concepts"):
        op.create_index(
            f"ix_search_entries_{column}_trgm",
            "search_entries",
            [column],
            postgresql_using="gin",
            postgresql_ops={column: "gin_trgm_ops"},
        )


def downgrade():
    op.drop_table("search_entries")
