"""glossary candidates: English ↔ Vietnamese pairs mined from bilingual profiles, decided by staff

Revision ID: 0007m
Revises: 0006h
Create Date: 2026-12-07 15:30:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0007m"
down_revision = "0006h"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "glossary_candidates",
        sa.Column("english", sa.String(length=200), nullable=False),
        sa.Column("vietnamese", sa.String(length=200), nullable=False),
        sa.Column("source_kind", sa.String(length=20), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("snippet", sa.String(length=300), nullable=False),
        sa.Column("seen_count", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('pending', 'accepted', 'rejected')", name=op.f("ck_glossary_candidates_status_valid")
        ),
        sa.CheckConstraint(
            "source_kind IN ('challenge', 'capability', 'lab', 'mentor', 'startup', 'program')",
            name=op.f("ck_glossary_candidates_source_kind_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["users.id"],
            name=op.f("fk_glossary_candidates_decided_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_glossary_candidates")),
        sa.UniqueConstraint("english", "vietnamese", name="uq_glossary_candidates_pair"),
    )
    with op.batch_alter_table("glossary_candidates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_glossary_candidates_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_glossary_candidates_decided_by_id"), ["decided_by_id"], unique=False)


def downgrade():
    with op.batch_alter_table("glossary_candidates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_glossary_candidates_decided_by_id"))
        batch_op.drop_index(batch_op.f("ix_glossary_candidates_status"))
    op.drop_table("glossary_candidates")
