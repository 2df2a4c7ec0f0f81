"""Official-document layout (公文排版) after GB/T 9704-2012 《党政机关公文格式》, as DOCX and as HTML→PDF.

`Document` is a small generic builder (title, headings, paragraphs, tables with merged cells, signature with a
seal area, 附件说明, 附注, 版记) used by the annual report as well; `Letter` is the 告知书 built on it.
The approximations of the standard that this module makes are listed in docs/letters.md.
"""

from __future__ import annotations

import datetime as dt
import html
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

Align = Literal["left", "center", "right", "justify"]

# ---------------------------------------------------------------------------------------------------------------
# The page and the type (GB/T 9704-2012 §5.2: A4; 天头 37 mm, 订口 28 mm, 版心 156 mm × 225 mm; §5.2.2: 3号仿宋,
# 22 lines of 28 characters).

# Children of w:rPr that follow w:spacing in the schema's order.
_RPR_AFTER_SPACING = (
    *("w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd"),
    *("fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath"),
)
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 37
MARGIN_BOTTOM_MM = 35
MARGIN_LEFT_MM = 28
MARGIN_RIGHT_MM = 26

BODY_PT = 16.0  # 3号
TITLE_PT = 22.0  # 2号
PAGE_NUMBER_PT = 14.0  # 4号
TABLE_PT = 12.0  # 小四: tables are not regulated; 3号 does not fit a report table
LINE_PITCH_PT = 28.95  # 225 mm / 22 lines, the "固定值 28.95 磅" of Word 公文 templates
SEAL_MM = (
    42  # a round official seal is 42 mm across (GB/T 9704 §7.3.5.1 places it over issuer and date)
)

# Font lists, official font first, then the names Windows and macOS use, then the installed Noto CJK face.
FANGSONG = ("FangSong", "仿宋_GB2312", "仿宋", "STFangsong", "Noto Serif CJK SC")
XIAOBIAOSONG = ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC")
HEITI = ("SimHei", "黑体", "STHeiti", "Noto Sans CJK SC")
KAITI = ("KaiTi", "楷体_GB2312", "楷体", "STKaiti", "Noto Serif CJK SC")
SONGTI = ("SimSun", "宋体", "STSong", "Noto Serif CJK SC")

# The single name each role gets in DOCX (Word has no fallback list), with the name Word substitutes when the
# official font is missing (w:altName in the font table; WPS maps these names itself).
DOCX_FONTS: dict[str, tuple[str, str]] = {
    "body": ("仿宋_GB2312", "仿宋"),
    "title": ("方正小标宋简体", "宋体"),
    "heading1": ("黑体", "SimHei"),
    "heading2": ("楷体_GB2312", "楷体"),
    "page_number": ("宋体", "SimSun"),
}


def format_date(value: dt.date) -> str:
    """成文日期 in Arabic numerals without leading zeros (GB/T 9704-2012 §7.3.5.1): 2026年3月5日."""
    return f"{value.year}年{value.month}月{value.day}日"


def text_width_em(text: str) -> float:
    """Approximate printed width in characters (em): half-width ASCII counts ½, everything else 1."""
    return sum(0.5 if ord(ch) < 0x7F else 1.0 for ch in text)


# ---------------------------------------------------------------------------------------------------------------
# Blocks


@dataclass(frozen=True)
class Title:  # 标题: 2号小标宋, centred
    text: str


@dataclass(frozen=True)
class DocNumber:  # 发文字号
    text: str
    align: Align = "center"


@dataclass(frozen=True)
class Heading:  # 结构层次序数: 一、(黑体) （一）(楷体) 1.(仿宋)
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str
    indent: bool = True  # first-line indent of two characters
    align: Align = "justify"


@dataclass(frozen=True)
class Blank:
    lines: int = 1


@dataclass(frozen=True)
class Cell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    align: Align | None = None  # default: centred in header rows, left otherwise


@dataclass(frozen=True)
class Table:
    """Rows as in HTML: a cell covered by an earlier rowspan/colspan is simply left out of its row."""

    rows: tuple[tuple[Cell, ...], ...]
    header_rows: int = 1
    widths: tuple[float, ...] = ()  # relative column widths; equal when empty
    caption: str = ""
    font_size: float = TABLE_PT

    def grid(self) -> tuple[int, list[list[tuple[int, int, Cell]]]]:
        """Column count and, per row, (row, column, cell) with each cell's top-left grid position."""
        occupied: set[tuple[int, int]] = set()
        placed: list[list[tuple[int, int, Cell]]] = []
        for r, row in enumerate(self.rows):
            c = 0
            out: list[tuple[int, int, Cell]] = []
            for cell in row:
                while (r, c) in occupied:
                    c += 1
                if cell.colspan < 1 or cell.rowspan < 1 or r + cell.rowspan > len(self.rows):
                    raise ValueError(f"表格第{r + 1}行的单元格“{cell.text}”合并范围超出表格。")
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        occupied.add((r + dr, c + dc))
                out.append((r, c, cell))
                c += cell.colspan
            placed.append(out)
        ncols = max((c for _, c in occupied), default=-1) + 1
        for r in range(len(self.rows)):
            if sum(1 for rr, _ in occupied if rr == r) != ncols:
                raise ValueError(f"表格第{r + 1}行的列数与其他行不一致。")
        if self.widths and len(self.widths) != ncols:
            raise ValueError("表格列宽的个数与列数不一致。")
        return ncols, placed


@dataclass(frozen=True)
class Attachments:  # 附件说明
    items: tuple[str, ...]


@dataclass(frozen=True)
class Signature:  # 发文机关署名、成文日期、印章区
    issuer: str
    issued_on: dt.date
    seal: bool = True  # reserve the seal area (加盖印章的公文)


@dataclass(frozen=True)
class Note:  # 附注, e.g. （联系人：李四，电话：0791-83881234）
    text: str


@dataclass(frozen=True)
class Imprint:  # 版记: 抄送 and the like, between rules
    lines: tuple[str, ...]


Block = (
    Title
    | DocNumber
    | Heading
    | Paragraph
    | Blank
    | Table
    | Attachments
    | Signature
    | Note
    | Imprint
)


def _cells(rows: Iterable[Iterable[Cell | str]]) -> tuple[tuple[Cell, ...], ...]:
    return tuple(tuple(c if isinstance(c, Cell) else Cell(str(c)) for c in row) for row in rows)


@dataclass
class Document:
    """A document in official layout, built block by block and rendered to DOCX, HTML or PDF."""

    title_text: str = ""  # metadata title (DOCX core properties, HTML <title>, PDF info)
    author: str = ""
    page_numbers: bool = True
    blocks: list[Block] = field(default_factory=list)

    def add(self, block: Block) -> Document:
        self.blocks.append(block)
        return self

    def title(self, text: str) -> Document:
        if not self.title_text:
            self.title_text = text
        return self.add(Title(text))

    def doc_number(self, text: str, align: Align = "center") -> Document:
        return self.add(DocNumber(text, align))

    def heading(self, text: str, level: int = 1) -> Document:
        return self.add(Heading(text, level))

    def paragraph(self, text: str, *, indent: bool = True, align: Align = "justify") -> Document:
        return self.add(Paragraph(text, indent, align))

    def blank(self, lines: int = 1) -> Document:
        return self.add(Blank(lines))

    def table(
        self,
        rows: Iterable[Iterable[Cell | str]],
        *,
        header_rows: int = 1,
        widths: Sequence[float] = (),
        caption: str = "",
        font_size: float = TABLE_PT,
    ) -> Document:
        table = Table(_cells(rows), header_rows, tuple(widths), caption, font_size)
        table.grid()  # fail early on an inconsistent table
        return self.add(table)

    def attachments(self, items: Iterable[str]) -> Document:
        return self.add(Attachments(tuple(items)))

    def signature(self, issuer: str, issued_on: dt.date, *, seal: bool = True) -> Document:
        return self.add(Signature(issuer, issued_on, seal))

    def note(self, text: str) -> Document:
        return self.add(Note(text))

    def imprint(self, lines: Iterable[str]) -> Document:
        return self.add(Imprint(tuple(lines)))

    def to_docx(self) -> bytes:
        return _DocxWriter(self).render()

    def html_body(self) -> str:
        """The document as an HTML fragment (a <div class="gw-doc">), for embedding in a web page."""
        return _html_body(self)

    def to_html(self) -> str:
        """A standalone HTML page with the print stylesheet; the source of the PDF."""
        return (
            '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(self.title_text)}</title>\n"
            f'<meta name="author" content="{html.escape(self.author)}">\n'
            f"<style>\n{stylesheet(page_numbers=self.page_numbers)}</style>\n</head>\n<body>\n"
            f"{self.html_body()}</body>\n</html>\n"
        )

    def to_pdf(self) -> bytes:
        return html_to_pdf(self.to_html())


# ---------------------------------------------------------------------------------------------------------------
# HTML and PDF


def _family(fonts: Sequence[str]) -> str:
    return ", ".join(f'"{f}"' for f in fonts) + ", serif"


def stylesheet(*, page_numbers: bool = True) -> str:
    """CSS for the layout; `@page` rules apply to print (PDF), the `.gw-seal` outline only to screens."""
    pitch = f"{LINE_PITCH_PT}pt"
    # 版心 156 mm holds 28 characters of 3号 type only if each is a little narrower than 16 pt; the extra
    # 0.05 pt keeps rounding from pushing the 28th character to the next line
    body_tracking = (
        (PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) * 72 / 25.4 / 28 - BODY_PT - 0.05
    )
    number = '"— " counter(page) " —"' if page_numbers else "none"
    return f"""\
@page {{
  size: A4;
  margin: {MARGIN_TOP_MM}mm {MARGIN_RIGHT_MM}mm {MARGIN_BOTTOM_MM}mm {MARGIN_LEFT_MM}mm;
}}
@page :right {{
  @bottom-right {{ content: {number}; padding-right: 1em; }}
}}
@page :left {{
  @bottom-left {{ content: {number}; padding-left: 1em; }}
}}
@page {{
  @bottom-right {{ font-family: {_family(SONGTI)}; font-size: {PAGE_NUMBER_PT}pt;
                   vertical-align: top; padding-top: 4.5mm; line-height: 1; }}
  @bottom-left {{ font-family: {_family(SONGTI)}; font-size: {PAGE_NUMBER_PT}pt;
                  vertical-align: top; padding-top: 4.5mm; line-height: 1; }}
}}
html, body {{ margin: 0; padding: 0; }}
.gw-doc {{
  font-family: {_family(FANGSONG)}; font-size: {BODY_PT}pt; line-height: {pitch};
  color: #000; font-kerning: none; orphans: 1; widows: 1;
}}
.gw-doc p {{ margin: 0; letter-spacing: {body_tracking:.3f}pt; overflow-wrap: break-word; }}
.gw-doc .gw-indent {{ text-indent: 2em; }}
.gw-doc .gw-left {{ text-align: left; }}
.gw-doc .gw-center {{ text-align: center; }}
.gw-doc .gw-right {{ text-align: right; }}
.gw-doc .gw-justify {{ text-align: justify; }}
.gw-doc h1.gw-title {{
  font-family: {_family(XIAOBIAOSONG)}; font-size: {TITLE_PT}pt; font-weight: bold;
  line-height: 36pt; text-align: center; margin: 0 0 {pitch} 0; letter-spacing: 0;
}}
.gw-doc .gw-docnumber {{ margin: -{pitch} 0 {pitch} 0; }}
.gw-doc .gw-blank {{ height: {pitch}; }}
.gw-doc h2, .gw-doc h3, .gw-doc h4 {{
  font-size: {BODY_PT}pt; line-height: {pitch}; margin: 0; text-indent: 2em; font-weight: normal;
}}
.gw-doc h2 {{ font-family: {_family(HEITI)}; }}
.gw-doc h3 {{ font-family: {_family(KAITI)}; }}
.gw-doc h4 {{ font-family: {_family(FANGSONG)}; }}
.gw-doc table {{
  width: 100%; border-collapse: collapse; margin: 0.5em 0; line-height: 1.4;
  page-break-inside: auto;
}}
.gw-doc caption {{ font-family: {_family(HEITI)}; padding-bottom: 0.3em; text-align: center; }}
.gw-doc th, .gw-doc td {{ border: 0.5pt solid #000; padding: 1.5pt 3pt; vertical-align: middle; }}
.gw-doc th {{ font-family: {_family(HEITI)}; font-weight: normal; text-align: center; }}
.gw-doc tr {{ page-break-inside: avoid; }}
.gw-doc .gw-attachments {{ margin-top: {pitch}; break-before: avoid; }}
.gw-doc .gw-attachments p {{ padding-left: 5em; text-indent: 0; }}
.gw-doc .gw-attachments p.gw-first {{ text-indent: -3em; }}
.gw-doc .gw-signature {{
  text-align: right; padding-right: 4em; page-break-inside: avoid; margin-top: {pitch};
  break-before: avoid;
}}
.gw-doc .gw-signature-inner {{
  display: inline-block; position: relative; text-align: center; letter-spacing: 0;
}}
.gw-doc .gw-signature-inner.gw-sealed {{ padding-top: {2 * LINE_PITCH_PT}pt; }}
.gw-doc .gw-seal {{
  position: absolute; top: 0; left: 50%; width: {SEAL_MM}mm; height: {SEAL_MM}mm;
  margin-left: -{SEAL_MM / 2}mm; border-radius: 50%; box-sizing: border-box;
}}
.gw-doc .gw-issuer {{ margin: 0 -20em; white-space: nowrap; }}
.gw-doc .gw-date {{ white-space: nowrap; }}
.gw-doc .gw-note {{ text-indent: 2em; }}
.gw-doc .gw-imprint {{
  margin-top: {2 * LINE_PITCH_PT}pt; border-top: 0.35mm solid #000; border-bottom: 0.35mm solid #000;
  font-size: {PAGE_NUMBER_PT}pt; padding: 0 1em; page-break-inside: avoid;
}}
@media screen {{
  .gw-doc {{
    width: {PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM}mm; margin: 2em auto;
    padding: {MARGIN_TOP_MM}mm {MARGIN_RIGHT_MM}mm {MARGIN_BOTTOM_MM}mm {MARGIN_LEFT_MM}mm;
    background: #fff; box-shadow: 0 0 4px rgba(0, 0, 0, 0.3);
  }}
  .gw-doc .gw-seal {{ border: 0.3mm dashed #c00; }}
}}
"""


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _html_table(table: Table) -> str:
    ncols, placed = table.grid()
    widths = table.widths or (1.0,) * ncols
    total = sum(widths)
    out = [f'<table style="font-size: {table.font_size}pt">']
    if table.caption:
        out.append(f"<caption>{_esc(table.caption)}</caption>")
    out.append("<colgroup>")
    out.extend(f'<col style="width: {100 * w / total:.2f}%">' for w in widths)
    out.append("</colgroup>")
    for r, row in enumerate(placed):
        if r == 0 and table.header_rows:
            out.append("<thead>")
        if r == table.header_rows:
            out.append("<tbody>")
        out.append("<tr>")
        tag = "th" if r < table.header_rows else "td"
        for _, _, cell in row:
            attrs = ""
            if cell.colspan > 1:
                attrs += f' colspan="{cell.colspan}"'
            if cell.rowspan > 1:
                attrs += f' rowspan="{cell.rowspan}"'
            if cell.align:
                attrs += f' style="text-align: {cell.align}"'
            if tag == "th" and cell.colspan > 1:
                attrs += ' scope="colgroup"'
            elif tag == "th":
                attrs += ' scope="col"'
            out.append(f"<{tag}{attrs}>{_esc(cell.text)}</{tag}>")
        out.append("</tr>")
        if r == table.header_rows - 1:
            out.append("</thead>")
    if len(placed) > table.header_rows:
        out.append("</tbody>")
    out.append("</table>")
    return "\n".join(out)


def _html_attachments(items: Sequence[str]) -> str:
    out = ['<div class="gw-attachments">']
    for i, item in enumerate(items):
        label = _esc(f"{i + 1}．{item}" if len(items) > 1 else item)
        out.append(f'<p class="gw-first">附件：{label}</p>' if i == 0 else f"<p>{label}</p>")
    out.append("</div>")
    return "\n".join(out)


def _html_signature(block: Signature) -> str:
    sealed = " gw-sealed" if block.seal else ""
    out = ['<div class="gw-signature">', f'<div class="gw-signature-inner{sealed}">']
    if block.seal:
        out.append('<div class="gw-seal" aria-hidden="true"></div>')
    out.append(f'<p class="gw-issuer">{_esc(block.issuer)}</p>')
    out.append(f'<p class="gw-date">{_esc(format_date(block.issued_on))}</p>')
    out.append("</div></div>")
    return "\n".join(out)


def _html_body(doc: Document) -> str:
    out = ['<div class="gw-doc">']
    for block in doc.blocks:
        match block:
            case Title(text):
                out.append(f'<h1 class="gw-title">{_esc(text)}</h1>')
            case DocNumber(text, align):
                out.append(f'<p class="gw-docnumber gw-{align}">{_esc(text)}</p>')
            case Heading(text, level):
                tag = f"h{min(max(level, 1), 3) + 1}"
                out.append(f"<{tag}>{_esc(text)}</{tag}>")
            case Paragraph(text, indent, align):
                classes = f"gw-{align}" + (" gw-indent" if indent else "")
                out.append(f'<p class="{classes}">{_esc(text)}</p>')
            case Blank(lines):
                out.extend('<div class="gw-blank"></div>' for _ in range(lines))
            case Table():
                out.append(_html_table(block))
            case Attachments(items):
                out.append(_html_attachments(items))
            case Signature():
                out.append(_html_signature(block))
            case Note(text):
                out.append(f'<p class="gw-note gw-left">{_esc(text)}</p>')
            case Imprint(lines):
                out.append('<div class="gw-imprint">')
                out.extend(f'<p class="gw-left">{_esc(line)}</p>' for line in lines)
                out.append("</div>")
    out.append("</div>\n")
    return "\n".join(out)


def html_to_pdf(source: str) -> bytes:
    """Render an HTML page (with its own stylesheet) to PDF with WeasyPrint; fonts come from fontconfig."""
    # local import: WeasyPrint loads Pango and cairo (slow, native); only PDF output needs it.
    from weasyprint import HTML

    pdf = HTML(string=source, base_url=None).write_pdf()
    assert pdf is not None  # noqa: S101 - write_pdf() without a target always returns bytes
    return bytes(pdf)


# ---------------------------------------------------------------------------------------------------------------
# DOCX

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def _set_fonts(rpr_parent: object, name: str) -> None:
    """Set ascii, hAnsi and eastAsia fonts explicitly, dropping theme fonts that would override them."""
    rpr = rpr_parent.get_or_add_rPr()  # type: ignore[attr-defined]
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)
    hint = rfonts.get(qn("w:hint"))
    if hint is None:
        rfonts.set(qn("w:hint"), "eastAsia")


def _font_table_entries(names: Iterable[tuple[str, str]]) -> bytes:
    entries = []
    for name, alt in names:
        entries.append(
            f'<w:font w:name="{_esc(name)}"><w:altName w:val="{_esc(alt)}"/>'
            '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
        )
    return "".join(entries).encode()


class _DocxWriter:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.docx: DocxDocument = new_docx()

    # -- setup ---------------------------------------------------------------------------------------------------
    def _setup(self) -> None:
        d = self.docx
        body_font = DOCX_FONTS["body"][0]
        defaults = d.styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
            if rpr is not None:
                rfonts = rpr.find(qn("w:rFonts"))
                if rfonts is not None:
                    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                        rfonts.attrib.pop(qn(attr), None)
                    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                        rfonts.set(qn(attr), body_font)
                lang = rpr.find(qn("w:lang"))
                if lang is not None:
                    lang.set(qn("w:eastAsia"), "zh-CN")
        normal = d.styles["Normal"]
        normal.font.size = Pt(BODY_PT)
        _set_fonts(normal.element, body_font)
        pf = normal.paragraph_format
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(LINE_PITCH_PT)
        pf.widow_control = False

        section = d.sections[0]
        section.page_width = Mm(PAGE_WIDTH_MM)
        section.page_height = Mm(PAGE_HEIGHT_MM)
        section.top_margin = Mm(MARGIN_TOP_MM)
        section.bottom_margin = Mm(MARGIN_BOTTOM_MM)
        section.left_margin = Mm(MARGIN_LEFT_MM)
        section.right_margin = Mm(MARGIN_RIGHT_MM)
        section.header_distance = Mm(15)
        # the 一字线 of the page number sits 7 mm below the 版心 (GB/T 9704 §7.5)
        section.footer_distance = Mm(MARGIN_BOTTOM_MM - 7 - 2.5)
        self._grid(section)

        props = d.core_properties
        props.title = self.doc.title_text
        props.author = self.doc.author
        props.language = "zh-CN"
        for part in d.part.package.iter_parts():
            if str(part.partname) == "/word/fontTable.xml":
                blob = part.blob
                extra = _font_table_entries(DOCX_FONTS.values())
                part._blob = blob.replace(b"</w:fonts>", extra + b"</w:fonts>")
        if self.doc.page_numbers:
            self._page_numbers()

    def _grid(self, section: Any) -> None:
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            section._sectPr.append(grid)
        # 22 lines a page on a line grid; 28 characters a line by tracking the Normal style 0.25 pt
        # narrower. (A "linesAndChars" grid does the same in Word, but LibreOffice then spaces every
        # character about 1.6 em apart — seen when rendering; docs/report-output.md.)
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(round(LINE_PITCH_PT * 20)))
        rpr = self.docx.styles["Normal"].element.get_or_add_rPr()
        tracking = OxmlElement("w:spacing")
        tracking.set(qn("w:val"), "-5")  # twentieths of a point
        later = {qn(f"w:{n}") for n in _RPR_AFTER_SPACING}
        follower = next((el for el in rpr if el.tag in later), None)
        if follower is None:
            rpr.append(tracking)
        else:
            follower.addprevious(tracking)

    def _page_numbers(self) -> None:
        """— 1 —: 4号半角宋体; odd pages right, even pages left, one character in (GB/T 9704 §7.5)."""
        self.docx.settings.odd_and_even_pages_header_footer = True
        section = self.docx.sections[0]
        for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
            footer.is_linked_to_previous = False
            p = footer.paragraphs[0]
            p.alignment = _ALIGN[align]
            pf = p.paragraph_format
            pf.first_line_indent = Pt(0)
            pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
            if align == "right":
                pf.right_indent = Pt(PAGE_NUMBER_PT)
            else:
                pf.left_indent = Pt(PAGE_NUMBER_PT)
            self._run(p, "— ", DOCX_FONTS["page_number"][0], PAGE_NUMBER_PT)
            self._field(p, "PAGE")
            self._run(p, " —", DOCX_FONTS["page_number"][0], PAGE_NUMBER_PT)

    def _field(self, p: DocxParagraph, instruction: str) -> None:
        font = DOCX_FONTS["page_number"][0]
        for kind in ("begin", None, "separate", "1", "end"):
            run = self._run(p, "", font, PAGE_NUMBER_PT)
            if kind is None:
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = f" {instruction} "
                run._r.append(instr)
            elif kind == "1":
                run.text = "1"
            else:
                fld = OxmlElement("w:fldChar")
                fld.set(qn("w:fldCharType"), kind)
                run._r.append(fld)

    # -- helpers -------------------------------------------------------------------------------------------------
    def _run(self, p: DocxParagraph, text: str, font: str, size: float) -> Run:
        run = p.add_run(text)
        run.font.size = Pt(size)
        _set_fonts(run._r, font)
        return run

    def _para(
        self,
        text: str = "",
        *,
        align: Align = "justify",
        indent_chars: float = 0,
        font: str | None = None,
        size: float = BODY_PT,
        line_pt: float = LINE_PITCH_PT,
        keep_with_next: bool = False,
    ) -> DocxParagraph:
        p = self.docx.add_paragraph()
        p.alignment = _ALIGN[align]
        pf = p.paragraph_format
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(line_pt)
        if keep_with_next:
            pf.keep_with_next = True
        if indent_chars:
            pf.first_line_indent = Pt(indent_chars * size)
            ind = p._p.get_or_add_pPr().find(qn("w:ind"))
            if ind is not None:  # Word and WPS measure in characters on the grid
                ind.set(qn("w:firstLineChars"), str(round(indent_chars * 100)))
        if text:
            self._run(p, text, font or DOCX_FONTS["body"][0], size)
        return p

    # -- blocks --------------------------------------------------------------------------------------------------
    def render(self) -> bytes:
        self._setup()
        body = self.docx.element.body
        for p in list(body.iterchildren(qn("w:p"))):
            body.remove(p)  # the template's empty first paragraph
        for block in self.doc.blocks:
            self._block(block)
        if not self.doc.blocks:
            self._para()
        buf = io.BytesIO()
        self.docx.save(buf)
        return buf.getvalue()

    def _block(self, block: Block) -> None:
        match block:
            case Title(text):
                self._para(
                    text, align="center", font=DOCX_FONTS["title"][0], size=TITLE_PT, line_pt=36
                )
                self._para()
            case DocNumber(text, align):
                self._doc_number(text, align)
            case Heading(text, level):
                key = {1: "heading1", 2: "heading2"}.get(level, "body")
                self._para(text, indent_chars=2, font=DOCX_FONTS[key][0], keep_with_next=True)
            case Paragraph(text, indent, align):
                self._para(text, align=align, indent_chars=2 if indent else 0)
            case Blank(lines):
                self._blank(lines)
            case Table():
                self._table(block)
            case Attachments(items):
                self._attachments(items)
            case Signature():
                self._signature(block)
            case Note(text):
                self._para(text, align="left", indent_chars=2)
            case Imprint(lines):
                self._imprint(lines)

    def _blank(self, lines: int, *, keep_with_next: bool = False) -> None:
        for _ in range(lines):
            self._para(keep_with_next=keep_with_next)

    def _doc_number(self, text: str, align: Align) -> None:
        # the blank line the title left becomes the doc number's line
        last = self.docx.paragraphs[-1] if self.docx.paragraphs else None
        if last is not None and not last.text:
            last._p.getparent().remove(last._p)
        self._para(text, align=align)
        self._para()

    def _attachments(self, items: Sequence[str]) -> None:
        # 正文下空一行左空二字编排“附件”，多个附件以“1．”等标注 (GB/T 9704 §7.3.4)
        self._para()
        for i, item in enumerate(items):
            label = f"{i + 1}．{item}" if len(items) > 1 else item
            p = self._para(("附件：" if i == 0 else "") + label, align="left")
            pf = p.paragraph_format
            pf.left_indent = Pt(5 * BODY_PT)
            pf.first_line_indent = Pt(-3 * BODY_PT if i == 0 else 0)

    def _signature(self, block: Signature) -> None:
        date = format_date(block.issued_on)
        # 印章区: blank lines the seal covers; the seal presses on issuer and date below them
        self._blank(3 if block.seal else 1, keep_with_next=True)
        # 成文日期右空四字; 署名以成文日期为准居中 (GB/T 9704 §7.3.5.1)
        shift = (text_width_em(date) - text_width_em(block.issuer)) / 2
        p = self._para(block.issuer, align="right", keep_with_next=True)
        p.paragraph_format.right_indent = Pt(max(0.0, 4 + shift) * BODY_PT)
        p = self._para(date, align="right")
        p.paragraph_format.right_indent = Pt(4 * BODY_PT)

    def _imprint(self, lines: Sequence[str]) -> None:
        # 版记: 4号仿宋, 左右各空一字, between rules (GB/T 9704 §7.4)
        self._para()
        for i, line in enumerate(lines):
            p = self._para(line, align="left", size=PAGE_NUMBER_PT)
            p.paragraph_format.left_indent = Pt(PAGE_NUMBER_PT)
            p.paragraph_format.right_indent = Pt(PAGE_NUMBER_PT)
            self._rules(p, top=i == 0, bottom=i == len(lines) - 1)

    def _rules(self, p: DocxParagraph, *, top: bool, bottom: bool) -> None:
        ppr = p._p.get_or_add_pPr()
        borders = OxmlElement("w:pBdr")
        for side, on in (("top", top), ("bottom", bottom)):
            if on:
                el = OxmlElement(f"w:{side}")
                el.set(qn("w:val"), "single")
                el.set(qn("w:sz"), "8")  # eighths of a point: 1 pt ≈ 0.35 mm
                el.set(qn("w:space"), "1")
                el.set(qn("w:color"), "000000")
                borders.append(el)
        ppr.append(borders)

    def _table(self, table: Table) -> None:
        ncols, placed = table.grid()
        widths = table.widths or (1.0,) * ncols
        total = sum(widths)
        text_width = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM
        if table.caption:
            self._para(
                table.caption, align="center", font=DOCX_FONTS["heading1"][0], keep_with_next=True
            )
        t = self.docx.add_table(rows=len(table.rows), cols=ncols)
        t.style = self.docx.styles["Table Grid"]
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        for row in t.rows:
            for c, cell in enumerate(row.cells):
                cell.width = Mm(text_width * widths[c] / total)
        for r in range(min(table.header_rows, len(table.rows))):
            trpr = t.rows[r]._tr.get_or_add_trPr()
            header = OxmlElement("w:tblHeader")  # repeat header rows on each page
            trpr.append(header)
        for row in placed:
            for r, c, spec in row:
                cell = t.cell(r, c)
                if spec.colspan > 1 or spec.rowspan > 1:
                    cell = cell.merge(t.cell(r + spec.rowspan - 1, c + spec.colspan - 1))
                header = r < table.header_rows
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                p = cell.paragraphs[0]
                p.alignment = _ALIGN[spec.align or ("center" if header else "left")]
                pf = p.paragraph_format
                pf.first_line_indent = Pt(0)
                pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
                font = DOCX_FONTS["heading1" if header else "body"][0]
                self._run(p, spec.text, font, table.font_size)
        # a paragraph after the table keeps Word from gluing the next table to this one
        self._para()


# ---------------------------------------------------------------------------------------------------------------
# The letter (告知书)


@dataclass(frozen=True)
class Letter:
    """An official letter to one addressee: 告知书、通知书、答复书."""

    title: str  # e.g. 政府信息公开申请答复告知书
    doc_number: str  # 发文字号, e.g. 洪教依申告〔2026〕12号 ("" if none)
    recipient: str  # 主送: the applicant's name or organisation, e.g. 张三：
    paragraphs: Sequence[str]  # 正文, plain text
    issuer: str  # 发文机关署名
    issued_on: dt.date  # 成文日期
    attachments: Sequence[str] = ()  # 附件说明
    cc: str = ""  # 抄送
    contact: str = ""  # 附注: （联系人：李四，电话：0791-83881234）


def letter_document(letter: Letter) -> Document:
    """The letter as a `Document`: title, number, 主送, body, 附件说明, signature with seal area, 附注, 版记."""
    doc = Document(author=letter.issuer)
    doc.title(letter.title)
    if letter.doc_number:
        doc.doc_number(letter.doc_number)
    else:
        doc.blank()
    # 主送机关: 顶格, followed by a full-width colon (GB/T 9704 §7.3.2)
    recipient = letter.recipient.strip().rstrip(":：")
    doc.paragraph(f"{recipient}：", indent=False, align="left")
    for text in letter.paragraphs:
        doc.paragraph(text)
    if letter.attachments:
        doc.attachments(letter.attachments)
    doc.signature(letter.issuer, letter.issued_on)
    if letter.contact:
        contact = letter.contact.strip()
        if not contact.startswith(("（", "(")):
            contact = f"（{contact}）"
        doc.note(contact)
    if letter.cc:
        cc = letter.cc.strip().rstrip("。")
        doc.imprint([f"抄送：{cc}。"])
    return doc


def render_docx(letter: Letter) -> bytes:
    return letter_document(letter).to_docx()


def render_html(letter: Letter) -> str:
    return letter_document(letter).to_html()


def render_pdf(letter: Letter) -> bytes:
    return letter_document(letter).to_pdf()


__all__ = [
    "Attachments",
    "Blank",
    "Cell",
    "DocNumber",
    "Document",
    "Heading",
    "Imprint",
    "Letter",
    "Note",
    "Paragraph",
    "Signature",
    "Table",
    "Title",
    "format_date",
    "html_to_pdf",
    "letter_document",
    "render_docx",
    "render_html",
    "render_pdf",
    "stylesheet",
]
