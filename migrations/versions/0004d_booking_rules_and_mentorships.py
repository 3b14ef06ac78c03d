"""booking rules, calendar feeds, mentorships and their sessions

Revision ID: 0004d
Revises: 0004c
Create Date: 2026-12-01 23:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004d'
down_revision = '0004c'
branch_labels = None
depends_on = None

LAB_COLUMNS = (
    ('approval_required', sa.Boolean(), sa.true()),
    ('min_slot_minutes', sa.Integer(), sa.text('30')),
    ('max_slot_minutes', sa.Integer(), sa.text('240')),
    ('book_ahead_days', sa.Integer(), sa.text('60')),
    ('training_equipment', sa.Text(), sa.text("''")),
)
BOOKING_COLUMNS = (
    ('equipment', sa.Text(), sa.text("''")),
    ('people', sa.Integer(), sa.text('1')),
    ('reason', sa.Text(), sa.text("''")),
)


def upgrade():
    # Plain ADD COLUMN (no batch): recreating labs on SQLite would cascade-delete its bookings.
    for name, type_, default in LAB_COLUMNS:
        op.add_column('labs', sa.Column(name, type_, nullable=False, server_default=default))
    for name, type_, default in BOOKING_COLUMNS:
        op.add_column('bookings', sa.Column(name, type_, nullable=False, server_default=default))
    op.add_column('bookings', sa.Column('decided_at', sa.DateTime(), nullable=True))
    op.add_column('mentor_profiles', sa.Column('max_mentees', sa.Integer(), nullable=False, server_default=sa.text('3')))
    op.create_table('lab_opening_hours',
    sa.Column('lab_id', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('opens_at', sa.Time(), nullable=False),
    sa.Column('closes_at', sa.Time(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.CheckConstraint('weekday BETWEEN 0 AND 6', name=op.f('ck_lab_opening_hours_weekday_valid')),
    sa.CheckConstraint('closes_at > opens_at', name=op.f('ck_lab_opening_hours_closes_after_opening')),
    sa.ForeignKeyConstraint(['lab_id'], ['labs.id'], name=op.f('fk_lab_opening_hours_lab_id_labs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_opening_hours')),
    sa.UniqueConstraint('lab_id', 'weekday', name=op.f('uq_lab_opening_hours_lab_id'))
    )
    with op.batch_alter_table('lab_opening_hours', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lab_opening_hours_lab_id'), ['lab_id'], unique=False)

    op.create_table('lab_closed_dates',
    sa.Column('lab_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['lab_id'], ['labs.id'], name=op.f('fk_lab_closed_dates_lab_id_labs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_closed_dates')),
    sa.UniqueConstraint('lab_id', 'day', name=op.f('uq_lab_closed_dates_lab_id'))
    )
    with op.batch_alter_table('lab_closed_dates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lab_closed_dates_lab_id'), ['lab_id'], unique=False)

    op.create_table('lab_trainings',
    sa.Column('lab_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('equipment', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['lab_id'], ['labs.id'], name=op.f('fk_lab_trainings_lab_id_labs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_lab_trainings_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lab_trainings')),
    sa.UniqueConstraint('lab_id', 'user_id', 'equipment', name=op.f('uq_lab_trainings_lab_id'))
    )
    with op.batch_alter_table('lab_trainings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lab_trainings_lab_id'), ['lab_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lab_trainings_user_id'), ['user_id'], unique=False)

    op.create_table('calendar_feeds',
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('lab', 'user')", name=op.f('ck_calendar_feeds_kind_valid')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_feeds')),
    sa.UniqueConstraint('kind', 'subject_id', name=op.f('uq_calendar_feeds_kind')),
    sa.UniqueConstraint('token', name=op.f('uq_calendar_feeds_token'))
    )
    op.create_table('mentorships',
    sa.Column('mentor_id', sa.Integer(), nullable=False),
    sa.Column('founder_id', sa.Integer(), nullable=False),
    sa.Column('startup_id', sa.Integer(), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("status IN ('requested', 'active', 'declined', 'completed', 'cancelled')", name=op.f('ck_mentorships_status_valid')),
    sa.ForeignKeyConstraint(['founder_id'], ['users.id'], name=op.f('fk_mentorships_founder_id_users')),
    sa.ForeignKeyConstraint(['mentor_id'], ['users.id'], name=op.f('fk_mentorships_mentor_id_users')),
    sa.ForeignKeyConstraint(['startup_id'], ['startups.id'], name=op.f('fk_mentorships_startup_id_startups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentorships'))
    )
    with op.batch_alter_table('mentorships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentorships_founder_id'), ['founder_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mentorships_mentor_id'), ['mentor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mentorships_startup_id'), ['startup_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mentorships_status'), ['status'], unique=False)

    op.create_table('mentor_sessions',
    sa.Column('mentorship_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('private_notes', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('duration_minutes > 0', name=op.f('ck_mentor_sessions_duration_positive')),
    sa.ForeignKeyConstraint(['mentorship_id'], ['mentorships.id'], name=op.f('fk_mentor_sessions_mentorship_id_mentorships'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mentor_sessions'))
    )
    with op.batch_alter_table('mentor_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mentor_sessions_mentorship_id'), ['mentorship_id'], unique=False)


def downgrade():
    op.drop_table('mentor_sessions')
    op.drop_table('mentorships')
    op.drop_table('calendar_feeds')
    op.drop_table('lab_trainings')
    op.drop_table('lab_closed_dates')
    op.drop_table('lab_opening_hours')
    # Plain DROP COLUMN (SQLite >= 3.35), for the same reason as in upgrade.
    op.drop_column('mentor_profiles', 'max_mentees')
    for name in ('decided_at', *(c[0] for c in BOOKING_COLUMNS)):
        op.drop_column('bookings', name)
    for name, _type, _default in LAB_COLUMNS:
        op.drop_column('labs', name)
