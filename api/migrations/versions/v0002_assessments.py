"""Assessments: stored questionnaires with their scored result; roadmaps planned from one.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "assessments",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("industry", sa.String(100), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("tier", sa.Integer(), nullable=False),
        sa.Column("target_tier", sa.Integer(), nullable=True),
        sa.Column("target_row", sa.String(40), nullable=True),
        sa.Column("submitted", sa.LargeBinary(), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("gap", sa.Text(), nullable=True),
        sa.Column("capplan_version", sa.String(40), nullable=False),
        sa.Column("catalog_version", sa.String(40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    for column in ("name", "industry", "created_at"):
        op.create_index(f"ix_assessments_{column}", "assessments", [column])
    with op.batch_alter_table("roadmaps") as batch:
        batch.add_column(sa.Column("assessment_id", sa.String(32), nullable=True))
        batch.create_index("ix_roadmaps_assessment_id", ["assessment_id"])


def downgrade() -> None:
    with op.batch_alter_table("roadmaps") as batch:
        batch.drop_index("ix_roadmaps_assessment_id")
        batch.drop_column("assessment_id")
    op.drop_table("assessments")
