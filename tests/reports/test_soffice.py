"""LibreOffice opens and converts the exported workbook (runs where `soffice` exists; CI installs it).

Debian packages: libreoffice-calc (with --no-install-recommends it pulls libreoffice-core and
the common files; no Java needed).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.services.returns.build import export_returns
from tests.pdfread import pdf_text
from tests.reports.conftest import Built

pytestmark = [
    pytest.mark.soffice,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed here"),
]


def test_libreoffice_converts_the_county_workbook(county_data: Built, tmp_path: Path) -> None:
    (xlsx,) = export_returns(county_data.db, county_data.unit_id, county_data.period_id, "all", ["xlsx"],
                             tmp_path / "in")
    out = tmp_path / "out"
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), str(xlsx)],
        capture_output=True, text=True, timeout=240,
    )
    assert result.returncode == 0, result.stderr
    pdf = out / (xlsx.stem + ".pdf")
    assert pdf.exists() and pdf.stat().st_size > 1000
    assert "龙川县第一小学" in pdf_text(pdf)
