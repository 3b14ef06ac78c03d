"""glossary terms: staff-entered English ↔ Vietnamese pairs extending matchcore's glossary

Revision ID: 0005
Revises: 0004e
Create Date: 2026-12-03 07:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004e'
branch_labels = None
depends_on = None

DOMAINS = (
    "domain IN ('manufacturing', 'automation', 'electronics', 'food', 'agriculture', 'textiles', "
    "'wood', 'logistics', 'energy', 'environment', 'chemistry_pharma', 'construction_materials', "
    "'ict_ai', 'ip_law', 'other')"
)


def upgrade():
    op.create_table('glossary_terms',
    sa.Column('english', sa.String(length=200), nullable=False),
    sa.Column('vietnamese', sa.String(length=200), nullable=False),
    sa.Column('domain', sa.String(length=40), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint(DOMAINS, name=op.f('ck_glossary_terms_domain_valid')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_glossary_terms_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_glossary_terms')),
    sa.UniqueConstraint('english', 'vietnamese', name='uq_glossary_terms_pair')
    )
    with op.batch_alter_table('glossary_terms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_glossary_terms_created_by_id'), ['created_by_id'], unique=False)


def downgrade():
    with op.batch_alter_table('glossary_terms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_glossary_terms_created_by_id'))
    op.drop_table('glossary_terms')
