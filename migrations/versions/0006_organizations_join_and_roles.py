"""organizations join by themselves: verification status, membership roles, contacts, verified e-mails

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 12:00:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("users", sa.Column("email_verified_at", sa.DateTime(), nullable=True))
    # Accounts that exist already were made by admins or used for months: count them as verified.
    op.execute("UPDATE users SET email_verified_at = created_at")

    text_columns = (
        ("name_en", sa.String(length=200)),
        ("registration_code", sa.String(length=40)),
        ("address", sa.String(length=255)),
        ("status_reason", sa.Text()),
    )
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        for name, type_ in text_columns:
            batch_op.add_column(sa.Column(name, type_, nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("status", sa.String(length=20), nullable=False, server_default="verified")
        )
        batch_op.add_column(sa.Column("verified_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("created_by_id", sa.Integer(), nullable=True))
        batch_op.create_check_constraint("status_valid", "status IN ('pending', 'verified', 'rejected')")
        batch_op.create_foreign_key(
            batch_op.f("fk_organizations_created_by_id_users"),
            "users",
            ["created_by_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index(batch_op.f("ix_organizations_status"), ["status"], unique=False)
    op.execute("UPDATE organizations SET verified_at = created_at")

    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.add_column(sa.Column("role", sa.String(length=20), nullable=False, server_default="member"))
        batch_op.add_column(
            sa.Column("status", sa.String(length=20), nullable=False, server_default="active")
        )
        batch_op.add_column(sa.Column("is_contact", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.create_check_constraint("role_valid", "role IN ('admin', 'lab_manager', 'member')")
        batch_op.create_check_constraint("status_valid", "status IN ('pending', 'active', 'refused')")
    # Keep what existing members could do: a university or enterprise account in an organization of its
    # kind administers it and is its contact; everyone else (a founder or staff member) is a member.
    op.execute(
        "UPDATE memberships SET role = 'admin', is_contact = true WHERE EXISTS ("
        "SELECT 1 FROM users JOIN organizations ON organizations.id = memberships.organization_id "
        "WHERE users.id = memberships.user_id AND users.role = organizations.kind)"
    )

    op.create_table(
        "membership_labs",
        sa.Column("membership_id", sa.Integer(), nullable=False),
        sa.Column("lab_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["lab_id"], ["labs.id"], name=op.f("fk_membership_labs_lab_id_labs"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["membership_id"],
            ["memberships.id"],
            name=op.f("fk_membership_labs_membership_id_memberships"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("membership_id", "lab_id", name=op.f("pk_membership_labs")),
    )
    with op.batch_alter_table("membership_labs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_membership_labs_lab_id"), ["lab_id"], unique=False)


def downgrade():
    with op.batch_alter_table("membership_labs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_membership_labs_lab_id"))
    op.drop_table("membership_labs")
    with op.batch_alter_table("memberships", schema=None) as batch_op:
        batch_op.drop_constraint("ck_memberships_status_valid", type_="check")
        batch_op.drop_constraint("ck_memberships_role_valid", type_="check")
        for name in ("is_contact", "status", "role"):
            batch_op.drop_column(name)
    with op.batch_alter_table("organizations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organizations_status"))
        batch_op.drop_constraint(batch_op.f("fk_organizations_created_by_id_users"), type_="foreignkey")
        batch_op.drop_constraint("ck_organizations_status_valid", type_="check")
        for name in (
            "created_by_id",
            "verified_at",
            "status",
            "status_reason",
            "address",
            "registration_code",
            "name_en",
        ):
            batch_op.drop_column(name)
    op.drop_column("users", "email_verified_at")
