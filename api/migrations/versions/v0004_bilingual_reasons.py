"""Jobs: why a job failed or was cancelled, and its note, in Chinese beside the English.

``reason`` and ``note`` keep the English; ``reason_zh`` and ``note_zh`` are new. Rows stored
before this revision have only the one text: it is shown in both languages.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("reason_zh", sa.Text(), nullable=True))
        batch.add_column(sa.Column("note_zh", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("note_zh")
        batch.drop_column("reason_zh")
