"""challenge details, capability team and TRL, introductions answered, partnerships with outcomes

Revision ID: 0004e
Revises: 0004d
Create Date: 2026-12-01 22:47:23.548778

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004e'
down_revision = '0004d'
branch_labels = None
depends_on = None

PARTNERSHIP_STATUS = "status IN ('proposed', 'active', 'completed', 'ended')"
BUDGET_RANGE = "budget_range IN ('', 'under_100m', '100m_500m', '500m_2b', 'over_2b')"


def create_partnerships():
    # Nothing ever wrote a partnership before this revision: the table is rebuilt with its parties.
    op.create_table('partnerships',
    sa.Column('introduction_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('source_type', sa.String(length=20), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('target_type', sa.String(length=20), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('source_organization_id', sa.Integer(), nullable=True),
    sa.Column('target_organization_id', sa.Integer(), nullable=True),
    sa.Column('started_on', sa.Date(), nullable=True),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint(PARTNERSHIP_STATUS, name=op.f('ck_partnerships_status_valid')),
    sa.ForeignKeyConstraint(['introduction_id'], ['introductions.id'], name=op.f('fk_partnerships_introduction_id_introductions')),
    sa.ForeignKeyConstraint(['source_organization_id'], ['organizations.id'], name=op.f('fk_partnerships_source_organization_id_organizations')),
    sa.ForeignKeyConstraint(['target_organization_id'], ['organizations.id'], name=op.f('fk_partnerships_target_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partnerships')),
    sa.UniqueConstraint('introduction_id', name=op.f('uq_partnerships_introduction_id'))
    )
    with op.batch_alter_table('partnerships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partnerships_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_partnerships_source_organization_id'), ['source_organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_partnerships_target_organization_id'), ['target_organization_id'], unique=False)


def upgrade():
    op.drop_table('partnerships')
    create_partnerships()
    op.create_table('capability_labs',
    sa.Column('capability_id', sa.Integer(), nullable=False),
    sa.Column('lab_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['capability_id'], ['capabilities.id'], name=op.f('fk_capability_labs_capability_id_capabilities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['lab_id'], ['labs.id'], name=op.f('fk_capability_labs_lab_id_labs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('capability_id', 'lab_id', name=op.f('pk_capability_labs'))
    )
    op.create_table('partnership_outcomes',
    sa.Column('partnership_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('happened_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('mou', 'joint_project', 'pilot', 'contract', 'patent')", name=op.f('ck_partnership_outcomes_kind_valid')),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnerships.id'], name=op.f('fk_partnership_outcomes_partnership_id_partnerships'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_partnership_outcomes_recorded_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partnership_outcomes'))
    )
    with op.batch_alter_table('partnership_outcomes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partnership_outcomes_partnership_id'), ['partnership_id'], unique=False)

    with op.batch_alter_table('capabilities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('team', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('trl', sa.Integer(), nullable=True))
        batch_op.create_check_constraint(op.f('ck_capabilities_trl_range'), 'trl IS NULL OR trl BETWEEN 1 AND 9')

    with op.batch_alter_table('challenges', schema=None) as batch_op:
        batch_op.add_column(sa.Column('desired_outcome', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('budget_range', sa.String(length=20), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('confidential_details', sa.Text(), nullable=False, server_default=''))
        batch_op.create_check_constraint(op.f('ck_challenges_budget_range_valid'), BUDGET_RANGE)

    with op.batch_alter_table('introductions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_reason', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('target_reason', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('source_answered_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('target_answered_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('revealed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('last_reminded_at', sa.DateTime(), nullable=True))
        batch_op.alter_column('introduced_by_id', existing_type=sa.Integer(), nullable=True)

    with op.batch_alter_table('suggestions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reject_reason', sa.String(length=30), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('decision_note', sa.Text(), nullable=False, server_default=''))

    for table, columns in {
        'capabilities': ('team',),
        'challenges': ('desired_outcome', 'budget_range', 'confidential_details'),
        'introductions': ('source_reason', 'target_reason'),
        'suggestions': ('reject_reason', 'decision_note'),
    }.items():  # the defaults filled existing rows; the models supply them from now on
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.alter_column(column, server_default=None)


def downgrade():
    with op.batch_alter_table('suggestions', schema=None) as batch_op:
        batch_op.drop_column('decision_note')
        batch_op.drop_column('reject_reason')

    with op.batch_alter_table('introductions', schema=None) as batch_op:
        batch_op.alter_column('introduced_by_id', existing_type=sa.Integer(), nullable=False)
        for column in ('last_reminded_at', 'revealed_at', 'target_answered_at', 'source_answered_at',
                       'target_reason', 'source_reason'):
            batch_op.drop_column(column)

    with op.batch_alter_table('challenges', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_challenges_budget_range_valid'), type_='check')
        batch_op.drop_column('confidential_details')
        batch_op.drop_column('budget_range')
        batch_op.drop_column('desired_outcome')

    with op.batch_alter_table('capabilities', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_capabilities_trl_range'), type_='check')
        batch_op.drop_column('trl')
        batch_op.drop_column('team')

    op.drop_table('partnership_outcomes')
    op.drop_table('capability_labs')
    op.drop_table('partnerships')
    op.create_table('partnerships',
    sa.Column('introduction_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('outcomes', sa.Text(), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=True),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('proposed', 'active', 'completed', 'cancelled')", name=op.f('ck_partnerships_status_valid')),
    sa.ForeignKeyConstraint(['introduction_id'], ['introductions.id'], name=op.f('fk_partnerships_introduction_id_introductions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partnerships')),
    sa.UniqueConstraint('introduction_id', name=op.f('uq_partnerships_introduction_id'))
    )
    with op.batch_alter_table('partnerships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partnerships_status'), ['status'], unique=False)
