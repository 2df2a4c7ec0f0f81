"""The official-document layout: DOCX and PDF of a 告知书 and of a document with a merged-header table."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree
from PIL import Image
from pypdf import PdfReader

from gongkai.letters.layout import (
    Cell,
    Document,
    Letter,
    render_docx,
    render_html,
    render_pdf,
)

BODY = [
    "本机关于2026年2月10日收到您提出的政府信息公开申请，现答复如下：",
    "经查，您申请公开的《南昌市2025年义务教育阶段学校招生工作方案》属于本机关已经主动公开的政府信息。",
    "如对本答复不服，您可以自收到本告知书之日起60日内依法向南昌市人民政府申请行政复议。",
]


def make_letter(**changes: object) -> Letter:
    values: dict[str, object] = {
        "title": "政府信息公开申请答复告知书",
        "doc_number": "洪教依申告〔2026〕12号",
        "recipient": "张三",
        "paragraphs": BODY,
        "issuer": "南昌市教育局",
        "issued_on": dt.date(2026, 3, 5),
        "attachments": ["政府信息公开申请表"],
        "cc": "南昌市人民政府办公室",
        "contact": "（联系人：李四，电话：0791-83881234）",
    }
    values.update(changes)
    return Letter(**values)  # type: ignore[arg-type]


def docx_text(data: bytes) -> list[str]:
    return [p.text for p in open_docx(io.BytesIO(data)).paragraphs]


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "".join(page.extract_text() for page in reader.pages)


def squash(text: str) -> str:
    return "".join(text.split())


def dark_fraction(pdf: bytes, tmp_path: Path) -> float:
    source = tmp_path / "page.pdf"
    source.write_bytes(pdf)
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm is not None
    subprocess.run(  # noqa: S603 - fixed arguments, our own file
        [pdftoppm, "-png", "-r", "50", "-f", "1", "-l", "1", str(source), str(tmp_path / "p")],
        check=True,
        timeout=60,
    )
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    histogram = image.histogram()
    return sum(histogram[:128]) / sum(histogram)


def test_letter_docx_has_every_element_in_order() -> None:
    paragraphs = docx_text(render_docx(make_letter()))
    expected = [
        "政府信息公开申请答复告知书",
        "洪教依申告〔2026〕12号",
        "张三：",
        *BODY,
        "附件：政府信息公开申请表",
        "南昌市教育局",
        "2026年3月5日",
        "（联系人：李四，电话：0791-83881234）",
        "抄送：南昌市人民政府办公室。",
    ]
    found = [p for p in paragraphs if p]
    assert found == expected


def test_letter_docx_page_setup_and_fonts() -> None:
    document = open_docx(io.BytesIO(render_docx(make_letter())))
    section = document.sections[0]
    measured = [
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    ]
    # stored in twips: within a tenth of a millimetre
    assert [round(length.mm, 1) for length in measured] == [210, 297, 37, 35, 28, 26]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"  # 22 lines; characters by tracking (LibreOffice)
    tracking = document.styles["Normal"].element.rPr.find(qn("w:spacing"))
    assert tracking is not None and tracking.get(qn("w:val")) == "-5"

    normal = document.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    title, body = document.paragraphs[0], document.paragraphs[4]
    assert title.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert title.runs[0].font.size == Pt(22)
    assert body.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert body.paragraph_format.first_line_indent == Pt(32)  # two characters of 3号
    # no theme font in the defaults may override the explicit East Asian font
    defaults = document.styles.element.find(qn("w:docDefaults"))
    defaults_xml = etree.tostring(defaults, encoding="unicode")
    assert "eastAsiaTheme" not in defaults_xml
    assert 'w:eastAsia="仿宋_GB2312"' in defaults_xml
    # the date stands four characters from the right margin
    date = next(p for p in document.paragraphs if p.text == "2026年3月5日")
    assert date.paragraph_format.right_indent == Pt(64)


def test_letter_docx_page_numbers_in_footers() -> None:
    document = open_docx(io.BytesIO(render_docx(make_letter())))
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer in (section.footer, section.even_page_footer):
        xml = footer._element.xml
        assert "PAGE" in xml
        assert "— " in xml


def test_letter_pdf_text_round_trips(tmp_path: Path) -> None:
    pages, text = pdf_text(render_pdf(make_letter()))
    assert pages >= 1
    flat = squash(text)
    assert "政府信息公开申请答复告知书" in flat
    assert squash(BODY[1]) in flat  # same characters back: no tofu, no missing glyphs
    assert "南昌市教育局" in flat
    assert "2026年3月5日" in flat
    assert "—1—" in flat  # page number


@pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm (poppler-utils) not installed"
)
def test_letter_pdf_page_is_not_blank(tmp_path: Path) -> None:
    fraction = dark_fraction(render_pdf(make_letter()), tmp_path)
    assert 0.002 < fraction < 0.5


def test_letter_html_escapes_and_reserves_the_seal_area() -> None:
    page = render_html(make_letter(paragraphs=["<b>不是标签</b> & 正文"]))
    assert "&lt;b&gt;不是标签&lt;/b&gt; &amp; 正文" in page
    assert 'class="gw-seal"' in page
    assert '<html lang="zh-CN">' in page


def test_letter_without_optional_parts() -> None:
    letter = make_letter(doc_number="", attachments=(), cc="", contact="")
    found = [p for p in docx_text(render_docx(letter)) if p]
    assert found == ["政府信息公开申请答复告知书", "张三：", *BODY, "南昌市教育局", "2026年3月5日"]
    assert "抄送" not in squash(pdf_text(render_pdf(letter))[1])


def test_pdf_renders_fast_after_the_first() -> None:
    render_pdf(make_letter())
    start = time.perf_counter()
    render_pdf(make_letter())
    assert time.perf_counter() - start < 1.5  # ≈ 0.1 s on the development machine


def report_document() -> Document:
    doc = Document()
    doc.title("南昌市教育局2025年政府信息公开工作年度报告")
    doc.heading("一、总体情况")
    doc.paragraph("2025年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。")
    doc.heading("（一）主动公开", level=2)
    doc.table(
        [
            [Cell("信息内容", rowspan=2), Cell("本年度情况", colspan=2)],
            ["本年制发件数", "本年废止件数"],
            ["规章", "0", "0"],
            ["行政规范性文件", "3", "1"],
        ],
        header_rows=2,
        widths=(2, 1, 1),
        caption="第二十条第（一）项",
    )
    doc.paragraph("表后正文。")
    return doc


def test_document_table_merges_cells_in_docx() -> None:
    document = open_docx(io.BytesIO(report_document().to_docx()))
    table = document.tables[0]
    assert len(table.rows) == 4
    assert len(table.columns) == 3
    # a merged cell is the same cell object across the grid positions it covers
    assert table.cell(0, 0)._tc is table.cell(1, 0)._tc
    assert table.cell(0, 1)._tc is table.cell(0, 2)._tc
    assert table.cell(0, 1).text == "本年度情况"
    assert table.cell(1, 2).text == "本年废止件数"
    assert table.cell(3, 2).text == "1"
    xml = table._tbl.xml
    assert 'w:gridSpan w:val="2"' in xml
    assert 'w:vMerge w:val="restart"' in xml
    assert "w:tblHeader" in xml
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts[:2] == ["南昌市教育局2025年政府信息公开工作年度报告", "一、总体情况"]


def test_document_table_spans_in_html_and_pdf(tmp_path: Path) -> None:
    doc = report_document()
    page = doc.to_html()
    assert '<th rowspan="2" scope="col">信息内容</th>' in page
    assert '<th colspan="2" scope="colgroup">本年度情况</th>' in page
    pages, text = pdf_text(doc.to_pdf())
    assert pages >= 1
    flat = squash(text)
    for expected in ("本年度情况", "本年制发件数", "行政规范性文件", "表后正文。"):
        assert expected in flat


def test_document_rejects_an_inconsistent_table() -> None:
    with pytest.raises(ValueError, match="列数"):
        Document().table([["甲", "乙"], ["丙"]])
    with pytest.raises(ValueError, match="超出"):
        Document().table([[Cell("甲", rowspan=3)], ["乙"]])
