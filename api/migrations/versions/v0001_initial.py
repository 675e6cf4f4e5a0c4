"""Initial schema: jobs, roadmaps and comparisons.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str, nullable: bool = True) -> sa.Column[dt.datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _versions() -> list[sa.Column[str]]:
    return [
        sa.Column("capplan_version", sa.String(40), nullable=False),
        sa.Column("solver_version", sa.String(40), nullable=False),
        sa.Column("catalog_version", sa.String(40), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("submitted", sa.Text(), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("result_id", sa.String(32), nullable=True),
        _when("created_at", nullable=False),
        _when("started_at"),
        _when("finished_at"),
    )
    op.create_index("ix_jobs_state", "jobs", ["state"])
    op.create_index("ix_jobs_created_at", "jobs", ["created_at"])

    op.create_table(
        "roadmaps",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("job_id", sa.String(32), nullable=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("status", sa.String(40), nullable=False),
        sa.Column("submitted", sa.Text(), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("params", sa.Text(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("current_tier", sa.Integer(), nullable=True),
        sa.Column("target_tier", sa.Integer(), nullable=True),
        sa.Column("target_period", sa.Integer(), nullable=True),
        sa.Column("total_cost", sa.BigInteger(), nullable=True),
        sa.Column("runtime", sa.Float(), nullable=False, server_default="0"),
        *_versions(),
        _when("created_at", nullable=False),
        _when("finished_at", nullable=False),
    )
    for column in ("job_id", "name", "status", "created_at"):
        op.create_index(f"ix_roadmaps_{column}", "roadmaps", [column])

    op.create_table(
        "comparisons",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("job_id", sa.String(32), nullable=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("submitted", sa.Text(), nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("request", sa.Text(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        *_versions(),
        _when("created_at", nullable=False),
        _when("finished_at", nullable=False),
    )
    for column in ("job_id", "kind", "name", "created_at"):
        op.create_index(f"ix_comparisons_{column}", "comparisons", [column])


def downgrade() -> None:
    op.drop_table("comparisons")
    op.drop_table("roadmaps")
    op.drop_table("jobs")
