"""at most one active matching run

Revision ID: 0004b
Revises: 0004a
Create Date: 2026-12-01 23:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004b'
down_revision = '0004a'
branch_labels = None
depends_on = None

ACTIVE = sa.text("status IN ('queued', 'running')")


def upgrade():
    # Older databases may hold several active runs: keep the newest, fail the others.
    op.execute(
        "UPDATE matching_runs SET status = 'failed', error = 'Superseded by a newer run.' "
        "WHERE status IN ('queued', 'running') "
        "AND id < (SELECT MAX(id) FROM matching_runs WHERE status IN ('queued', 'running'))"
    )
    op.create_index(
        'uq_matching_runs_one_active',
        'matching_runs',
        [sa.text("(status IN ('queued', 'running'))")],
        unique=True,
        sqlite_where=ACTIVE,
        postgresql_where=ACTIVE,
    )


def downgrade():
    op.drop_index('uq_matching_runs_one_active', table_name='matching_runs')
