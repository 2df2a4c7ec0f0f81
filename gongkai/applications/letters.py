"""A case's letter as an official document (gongkai.letters layout)."""

from __future__ import annotations

from gongkai.applications.models import Letter
from gongkai.letters.layout import Letter as Layout
from gongkai.letters.layout import render_docx, render_pdf


def as_document(letter: Letter) -> Layout:
    case = letter.application
    unit = case.organisation
    phone = getattr(unit, "office_phone", "") or ""
    return Layout(
        title=letter.title,
        doc_number=letter.doc_number,
        recipient=f"{letter.recipient or case.applicant_name}：",
        paragraphs=list(letter.paragraphs),
        issuer=unit.name,
        issued_on=letter.issued_on,
        contact=f"（联系电话：{phone}）" if phone else "",
    )


def render_letter(letter: Letter, fmt: str) -> bytes:
    document = as_document(letter)
    return render_docx(document) if fmt == "docx" else render_pdf(document)
