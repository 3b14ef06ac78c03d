"""lab machines and seats: a booking is of one machine (exclusive) or of seats up to the lab's capacity

Existing bookings had the whole lab: they become seat bookings of the lab's full capacity, so the
approved ones (which never overlapped) still never hold more people than seats. PostgreSQL's
exclusion constraint moves from the lab to the machine.

Revision ID: 0008m
Revises: 0008t
Create Date: 2026-12-07 19:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0008m"
down_revision = "0008t"
branch_labels = None
depends_on = None

LAB_NO_OVERLAP = "ex_bookings_no_overlapping_approved"
MACHINE_NO_OVERLAP = "ex_bookings_machine_no_overlapping_approved"


def upgrade():
    op.create_table(
        "lab_machines",
        sa.Column("lab_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("needs_training", sa.Boolean(), nullable=False),
        sa.Column("bookable", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["lab_id"], ["labs.id"], name=op.f("fk_lab_machines_lab_id_labs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lab_machines")),
        sa.UniqueConstraint("lab_id", "name", name=op.f("uq_lab_machines_lab_id")),
    )
    with op.batch_alter_table("lab_machines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lab_machines_lab_id"), ["lab_id"], unique=False)
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.execute(f"ALTER TABLE bookings DROP CONSTRAINT IF EXISTS {LAB_NO_OVERLAP}")
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("machine_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_bookings_machine_id"), ["machine_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_bookings_machine_id_lab_machines"),
            "lab_machines",
            ["machine_id"],
            ["id"],
            ondelete="CASCADE",
        )
    op.execute("UPDATE bookings SET people = (SELECT capacity FROM labs WHERE labs.id = bookings.lab_id)")
    if postgresql:
        # Two approved bookings of one machine may never overlap, even under concurrent requests.
        op.execute(
            f"ALTER TABLE bookings ADD CONSTRAINT {MACHINE_NO_OVERLAP} EXCLUDE USING gist "
            "(machine_id WITH =, tsrange(starts_at, ends_at) WITH &&) "
            "WHERE (status = 'approved' AND machine_id IS NOT NULL)"
        )


def downgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.execute(f"ALTER TABLE bookings DROP CONSTRAINT IF EXISTS {MACHINE_NO_OVERLAP}")
    op.execute("DELETE FROM bookings WHERE machine_id IS NOT NULL")
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_bookings_machine_id_lab_machines"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_bookings_machine_id"))
        batch_op.drop_column("machine_id")
    with op.batch_alter_table("lab_machines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lab_machines_lab_id"))
    op.drop_table("lab_machines")
    if postgresql:
        op.execute(
            f"ALTER TABLE bookings ADD CONSTRAINT {LAB_NO_OVERLAP} EXCLUDE USING gist "
            "(lab_id WITH =, tsrange(starts_at, ends_at) WITH &&) WHERE (status = 'approved')"
        )
