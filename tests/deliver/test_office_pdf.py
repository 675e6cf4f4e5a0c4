"""An office suite opens every export: LibreOffice headless converts each to PDF."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from planner.deliver.context import ExportContext
from planner.deliver.docx_report import write_docx
from planner.deliver.pptx_deck import write_pptx
from planner.deliver.xlsx import write_xlsx
from tests.deliver.conftest import soffice

WRITERS = {"xlsx": write_xlsx, "pptx": write_pptx, "docx": write_docx}


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_libreoffice_converts_each_export_to_pdf(
    fmt: str, zh: ExportContext, tmp_path: Path
) -> None:
    tool = soffice()
    source = tmp_path / f"plan.{fmt}"
    source.write_bytes(WRITERS[fmt](zh))
    profile = tmp_path / "profile"  # a private LibreOffice profile: tests may run in parallel
    done = subprocess.run(
        [
            tool,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / "plan.pdf"
    assert pdf.exists(), done.stderr.decode(errors="replace")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = pdf_pages(data)
    if fmt == "pptx":
        assert pages == 9  # one page per slide
    else:
        assert pages >= 2


def test_a_missing_tool_skips_locally_and_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.deliver.conftest import require_tool

    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="LibreOffice is missing"):
        require_tool("/no/such/soffice", "LibreOffice")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="LibreOffice is missing"):
        require_tool(None, "LibreOffice")
    assert require_tool(__file__, "this file") == __file__
