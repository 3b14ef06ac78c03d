"""calendar feeds belong to the person who obtained them: an owner column, one URL per owner and subject

Revision ID: 0006b
Revises: 0006
Create Date: 2026-12-08 09:00:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0006b"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("calendar_feeds", schema=None) as batch_op:
        batch_op.add_column(sa.Column("owner_id", sa.Integer(), nullable=True))
    # A user's own feed is theirs; a lab's shared feed goes to the lab's manager (anyone else who views
    # the lab gets an address of their own). A feed whose owner no longer exists is dropped.
    op.execute("UPDATE calendar_feeds SET owner_id = subject_id WHERE kind = 'user'")
    op.execute(
        "UPDATE calendar_feeds SET owner_id = "
        "(SELECT manager_id FROM labs WHERE labs.id = calendar_feeds.subject_id) WHERE kind = 'lab'"
    )
    op.execute("DELETE FROM calendar_feeds WHERE owner_id IS NULL OR owner_id NOT IN (SELECT id FROM users)")
    with op.batch_alter_table("calendar_feeds", schema=None) as batch_op:
        batch_op.alter_column("owner_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_constraint("uq_calendar_feeds_kind", type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_calendar_feeds_owner_id"), ["owner_id", "kind", "subject_id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_calendar_feeds_owner_id_users"), "users", ["owner_id"], ["id"], ondelete="CASCADE"
        )


def downgrade():
    # One shared URL per lab or user again: keep the oldest of each.
    op.execute(
        "DELETE FROM calendar_feeds WHERE id NOT IN "
        "(SELECT MIN(id) FROM calendar_feeds GROUP BY kind, subject_id)"
    )
    with op.batch_alter_table("calendar_feeds", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_calendar_feeds_owner_id_users"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("uq_calendar_feeds_owner_id"), type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_calendar_feeds_kind"), ["kind", "subject_id"])
        batch_op.drop_column("owner_id")
