"""mentor meetings and contact cards: the two sides of a mentorship agree times and reach each other

Revision ID: 0008t
Revises: 0007i
Create Date: 2026-12-10 09:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0008t"
down_revision = "0007i"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "contact_cards",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("share_email", sa.Boolean(), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("zalo", sa.String(length=80), nullable=False),
        sa.Column("other", sa.String(length=300), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_contact_cards_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_cards")),
        sa.UniqueConstraint("user_id", name=op.f("uq_contact_cards_user_id")),
    )
    op.create_table(
        "mentor_meetings",
        sa.Column("mentorship_id", sa.Integer(), nullable=False),
        sa.Column("proposed_by_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("place", sa.String(length=500), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('proposed', 'accepted', 'declined', 'replaced')",
            name=op.f("ck_mentor_meetings_status_valid"),
        ),
        sa.CheckConstraint("duration_minutes > 0", name=op.f("ck_mentor_meetings_meeting_duration_positive")),
        sa.ForeignKeyConstraint(
            ["mentorship_id"],
            ["mentorships.id"],
            name=op.f("fk_mentor_meetings_mentorship_id_mentorships"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["proposed_by_id"], ["users.id"], name=op.f("fk_mentor_meetings_proposed_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["mentor_sessions.id"],
            name=op.f("fk_mentor_meetings_session_id_mentor_sessions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentor_meetings")),
        sa.UniqueConstraint("session_id", name=op.f("uq_mentor_meetings_session_id")),
    )
    with op.batch_alter_table("mentor_meetings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentor_meetings_mentorship_id"), ["mentorship_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_mentor_meetings_status"), ["status"], unique=False)


def downgrade():
    with op.batch_alter_table("mentor_meetings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentor_meetings_status"))
        batch_op.drop_index(batch_op.f("ix_mentor_meetings_mentorship_id"))

    op.drop_table("mentor_meetings")
    op.drop_table("contact_cards")
