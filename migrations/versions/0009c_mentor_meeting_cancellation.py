"""mentor meetings can be cancelled: a status, who cancelled, when, and their message

Revision ID: 0009c
Revises: 0009q
Create Date: 2026-12-07 22:40:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0009c"
down_revision = "0009q"
branch_labels = None
depends_on = None

STATUSES_OLD = "status IN ('proposed', 'accepted', 'declined', 'replaced')"
STATUSES_NEW = "status IN ('proposed', 'accepted', 'declined', 'replaced', 'cancelled')"


def upgrade():
    with op.batch_alter_table("mentor_meetings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cancelled_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("cancelled_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("cancel_message", sa.Text(), nullable=False, server_default=""))
        batch_op.create_foreign_key(
            batch_op.f("fk_mentor_meetings_cancelled_by_id_users"), "users", ["cancelled_by_id"], ["id"]
        )
        batch_op.drop_constraint(batch_op.f("ck_mentor_meetings_status_valid"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_mentor_meetings_status_valid"), STATUSES_NEW)


def downgrade():
    op.execute("UPDATE mentor_meetings SET status = 'declined' WHERE status = 'cancelled'")
    with op.batch_alter_table("mentor_meetings", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_mentor_meetings_status_valid"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_mentor_meetings_status_valid"), STATUSES_OLD)
        batch_op.drop_constraint(batch_op.f("fk_mentor_meetings_cancelled_by_id_users"), type_="foreignkey")
        batch_op.drop_column("cancel_message")
        batch_op.drop_column("cancelled_by_id")
        batch_op.drop_column("cancelled_at")
