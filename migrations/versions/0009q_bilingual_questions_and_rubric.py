"""programs: questions and rubric in Vietnamese and English (one shape for every program)

Questions were strings and a criterion's label and guide single texts, in no stated language. They
become {"vi": ..., "en": ...}; the old text goes to Vietnamese, the language always written (as for
`description`), and English starts empty, so every reader sees what it saw before.

Revision ID: 0009q
Revises: 0008k
Create Date: 2026-12-07 22:50:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0009q"
down_revision = "0008k"
branch_labels = None
depends_on = None

programs = sa.table("programs", sa.column("id", sa.Integer), sa.column("questions", sa.JSON),
                    sa.column("rubric", sa.JSON))  # fmt: skip


def _both(value, empty):
    """`value` as {"vi", "en"}: an old single text becomes the Vietnamese one."""
    return value if isinstance(value, dict) else {"vi": value or empty, "en": empty}


def _bilingual(questions, rubric):
    questions = [_both(q, "") for q in questions or []]
    rubric = [dict(c, label=_both(c.get("label"), ""), guide=_both(c.get("guide"), [])) for c in rubric or []]
    return questions, rubric


def _single(questions, rubric):
    questions = [q["vi"] if isinstance(q, dict) else q for q in questions or []]
    rubric = [dict(c, label=c["label"]["vi"] if isinstance(c.get("label"), dict) else c.get("label"),
                   guide=c["guide"]["vi"] if isinstance(c.get("guide"), dict) else c.get("guide"))
              for c in rubric or []]  # fmt: skip
    return questions, rubric


def _convert(change):
    bind = op.get_bind()
    for row in bind.execute(sa.select(programs.c.id, programs.c.questions, programs.c.rubric)).all():
        questions, rubric = change(row.questions, row.rubric)
        if (questions, rubric) != (row.questions or [], row.rubric or []):
            bind.execute(
                programs.update().where(programs.c.id == row.id).values(questions=questions, rubric=rubric)
            )


def upgrade():
    _convert(_bilingual)


def downgrade():
    _convert(_single)
