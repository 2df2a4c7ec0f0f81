"""Text extraction from TXT, HTML, DOCX and PDF, and unusable inputs."""

from __future__ import annotations

import io

import docx
import pytest

from gongkai.checker import UnusableInput, extract_text, html_to_text
from gongkai.checker.tests.pdfs import make_pdf


def test_txt_utf8_and_gb18030():
    assert extract_text("政务公开\r\n要点".encode(), "a.txt") == "政务公开\n要点"
    assert extract_text("政务公开".encode("gb18030"), "a.txt") == "政务公开"


def test_html_visible_text_with_blocks_as_lines():
    html = (
        "<html><head><title>标题</title><style>p{}</style></head><body><div>第一段<b>加粗</b></div>"
        "<p>第二段</p><script>var a='机密★';</script><table><tr><td>张三</td><td>138</td></tr></table>"
        "</body></html>"
    )
    assert html_to_text(html) == "第一段加粗\n第二段\n张三\t138"
    assert extract_text(html.encode(), "page.html") == "第一段加粗\n第二段\n张三\t138"


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("机密★5年")
    document.add_paragraph("关于印发工作要点的通知")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "姓名"
    table.cell(0, 1).text = "身份证号"
    table.cell(1, 0).text = "张三"
    table.cell(1, 1).text = "11010519491231002X"
    document.sections[0].header.is_linked_to_previous = False
    document.sections[0].header.paragraphs[0].text = "内部资料"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_tables_and_header():
    text = extract_text(_docx_bytes(), "doc.docx")
    assert text.splitlines() == [
        "机密★5年",
        "关于印发工作要点的通知",
        "姓名\t身份证号",
        "张三\t11010519491231002X",
        "",
        "内部资料",
    ]


def test_pdf_text_layer_in_chinese():
    data = make_pdf(["关于印发工作要点的通知", "身份证号 11010519491231002X"])
    assert extract_text(data, "a.pdf") == "关于印发工作要点的通知\n身份证号 11010519491231002X"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (make_pdf([]), "scan.pdf", "无文字层，可能是扫描件"),
        (b"%PDF-1.4 garbage", "bad.pdf", "PDF"),
        (b"PK\x03\x04 not a zip", "bad.docx", "DOCX"),
        (b"\xd0\xcf\x11\xe0", "old.doc", "不支持的文件类型"),
        (b"\x00\x01\x02binary", "x.bin", "不是文本"),
    ],
)
def test_unusable_inputs(data, name, message):
    with pytest.raises(UnusableInput, match=message):
        extract_text(data, name)
