"""Render the annual report's files to images to look at them (run by hand; issue 6 “the files open in
LibreOffice and look right”).

    GONGKAI_VAR_DIR=/tmp/gk-var .venv/bin/python bench/render_report.py [--out DIR] [--json REPORT.json]

Writes report.{json,html,docx,pdf,xlsx} for the sample report (gongkai/reports/tests/sample.py) or for a
report JSON of `gongkai report annual --format json`, converts the DOCX and XLSX to PDF with LibreOffice
(`soffice --headless --convert-to pdf`, skipped with a note when it is not installed), and every PDF to PNG
pages with `pdftoppm -r 60`. Open the PNGs and check: title, six sections, the merged header cells of tables
二、三、四, the numbers under the right headers, no missing (tofu) characters.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def _setup() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    import django

    django.setup()


def _load(path: Path | None):  # type: ignore[no-untyped-def]
    from gongkai.reports.export import ReportDocument
    from gongkai.reports.tests.sample import sample_report

    if path is None:
        return sample_report()
    data = json.loads(path.read_text(encoding="utf-8"))
    return ReportDocument(
        unit=data["organ"],
        year=int(data["year"]),
        tables={key: data[key] for key in ("二", "三", "四")},
        sections=data.get("sections", {}),
    )


def _png(pdf: Path, out: Path) -> list[Path]:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print("pdftoppm (poppler-utils) not installed: no images")
        return []
    prefix = out / pdf.stem
    subprocess.run([pdftoppm, "-png", "-r", "60", str(pdf), str(prefix)], check=True, timeout=120)
    return sorted(out.glob(f"{pdf.stem}-*.png"))


def _soffice(source: Path, out: Path) -> Path | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print(f"LibreOffice not installed: {source.name} not converted")
        return None
    target = out / f"{source.stem}-{source.suffix[1:]}-lo.pdf"
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(source),
            ],
            check=True,
            timeout=300,
            capture_output=True,
        )
        shutil.move(Path(tmp) / f"{source.stem}.pdf", target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("bench/results/report-render"))
    parser.add_argument(
        "--json", type=Path, default=None, help="a report JSON instead of the sample"
    )
    args = parser.parse_args()
    _setup()
    from gongkai.reports import export

    doc = _load(args.json)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png"):
        old.unlink()
    (out / "report.json").write_text(export.to_json(doc), encoding="utf-8")
    (out / "report.html").write_text(export.to_html(doc), encoding="utf-8")
    docx, xlsx, pdf = out / "report.docx", out / "report.xlsx", out / "report.pdf"
    docx.write_bytes(export.to_docx(doc))
    xlsx.write_bytes(export.to_xlsx(doc))
    pdf.write_bytes(export.to_pdf(doc))
    pdfs = [pdf]
    for source in (docx, xlsx):
        converted = _soffice(source, out)
        if converted is not None:
            pdfs.append(converted)
    for p in pdfs:
        for png in _png(p, out):
            print(png)


if __name__ == "__main__":
    main()
