"""notification message ids: a notification's msgid and parameters, rendered in the reader's language

Revision ID: 0009n
Revises: 0009c
Create Date: 2026-12-07 22:45:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0009n"
down_revision = "0009c"
branch_labels = None
depends_on = None


def upgrade():
    # Old rows keep message_id NULL: they show their stored text.
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("message_id", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("params", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_column("params")
        batch_op.drop_column("message_id")
