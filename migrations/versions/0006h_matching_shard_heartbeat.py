"""matching shard heartbeat: a shard in progress is touched, a silent one queued again

Revision ID: 0006h
Revises: 0006b
Create Date: 2026-12-08 12:00:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0006h"
down_revision = "0006b"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("matching_run_shards", schema=None) as batch_op:
        batch_op.add_column(sa.Column("queued_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("heartbeat_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("lease", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("requeues", sa.Integer(), nullable=False, server_default="0"))


def downgrade():
    with op.batch_alter_table("matching_run_shards", schema=None) as batch_op:
        batch_op.drop_column("requeues")
        batch_op.drop_column("lease")
        batch_op.drop_column("heartbeat_at")
        batch_op.drop_column("queued_at")
