"""The report as HTML for the website: the tables with their header associations (WCAG H43), the
charts, the sections; a fragment for a page or a standalone file."""

from __future__ import annotations

from gongkai.reports.export.charts import (
    _figure,
    chart_svg_by_month,
    chart_svg_on_time,
    chart_table_by_month,
    chart_table_on_time,
    esc,
)
from gongkai.reports.export.document import (
    STATIC_CSS,
    GridCell,
    GridTable,
    ReportDocument,
    _section_blocks,
    is_subheading,
    report_tables,
)

# ---------------------------------------------------------------------------------------------------------------
# HTML for the website


def _occupancy(table: GridTable) -> dict[tuple[int, int], tuple[int, int, GridCell]]:
    """Every grid position → the (row, column, cell) that covers it."""
    cover: dict[tuple[int, int], tuple[int, int, GridCell]] = {}
    for placed in table.placed():
        for r, c, cell in placed:
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    cover[(r + dr, c + dc)] = (r, c, cell)
    return cover


Cover = dict[tuple[int, int], tuple[int, int, GridCell]]


def _header_ids(cover: Cover, r: int, c: int, cell: GridCell, id_prefix: str) -> list[str]:
    """The header cells of a cell (WCAG H43): row headers to its left, then column headers above it up to
    and including its block's band (table 二) or the top of the table."""
    ids: list[str] = []
    if cell.kind in ("data", "row"):
        row_heads = []
        for cc in range(c - 1, -1, -1):
            hr, hc, head = cover[(r, cc)]
            if head.kind == "row":
                row_heads.append(_cell_id(id_prefix, hr, hc))
        ids.extend(dict.fromkeys(reversed(row_heads)))
    if cell.kind in ("data", "col"):
        col_heads = []
        for rr in range(r - 1, -1, -1):
            hr, hc, head = cover[(rr, c)]
            if head.kind in ("col", "band"):
                col_heads.append(_cell_id(id_prefix, hr, hc))
            if head.kind == "band":
                break
        ids.extend(i for i in dict.fromkeys(reversed(col_heads)) if i not in ids)
    return ids


def _cell_id(id_prefix: str, r: int, c: int) -> str:
    return f"{id_prefix}-r{r}c{c}"


def _cell_html(cover: Cover, r: int, c: int, cell: GridCell, id_prefix: str) -> str:
    attrs = [f'id="{_cell_id(id_prefix, r, c)}"'] if cell.kind != "data" else []
    if cell.colspan > 1:
        attrs.append(f'colspan="{cell.colspan}"')
    if cell.rowspan > 1:
        attrs.append(f'rowspan="{cell.rowspan}"')
    classes = [f"gk-{cell.kind}"]
    if cell.align and cell.kind != "data":
        classes.append(f"gk-{cell.align}")
    attrs.append(f'class="{" ".join(classes)}"')
    tag = "td" if cell.kind in ("data", "corner") else "th"
    if cell.kind in ("col", "band"):
        attrs.append('scope="colgroup"' if cell.colspan > 1 else 'scope="col"')
    elif cell.kind == "row":
        attrs.append('scope="rowgroup"' if cell.rowspan > 1 else 'scope="row"')
    heads = _header_ids(cover, r, c, cell, id_prefix)
    if heads:
        attrs.append(f'headers="{" ".join(heads)}"')
    return f"<{tag} {' '.join(attrs)}>{esc(cell.text)}</{tag}>"


def table_html(table: GridTable, *, id_prefix: str) -> str:
    """An accessible HTML table: caption, <thead>, th with scope, and `headers` on every cell under merged
    headers, so a screen reader announces e.g. “三、本年度办理结果 （三）不予公开 1.属于国家秘密 申请人情况
    法人或其他组织 商业企业”."""
    cover = _occupancy(table)
    caption_id = f"{id_prefix}-caption"
    out = [
        f'<div class="gk-table-wrap" role="region" tabindex="0" aria-labelledby="{caption_id}">',
        f'<table class="gk-report-table gk-table-{esc(table.key)}">',
        f'<caption id="{caption_id}">{esc(table.caption)}</caption>',
        "<colgroup>",
        *(f'<col style="width: {100 * w / sum(table.widths):.2f}%">' for w in table.widths),
        "</colgroup>",
    ]
    for r, placed in enumerate(table.placed()):
        if r == 0 and table.header_rows:
            out.append("<thead>")
        if r == table.header_rows:
            out.append("<tbody>")
        elif r > table.header_rows and placed and placed[0][2].kind == "band":
            out.append("</tbody><tbody>")  # table 二: one row group per block
        out.append("<tr>")
        out.extend(_cell_html(cover, r, c, cell, id_prefix) for _, c, cell in placed)
        out.append("</tr>")
        if r == table.header_rows - 1:
            out.append("</thead>")
    if len(table.rows) > table.header_rows:
        out.append("</tbody>")
    out.append("</table>\n</div>")
    return "\n".join(out)


def stylesheet() -> str:
    """The website stylesheet (static/reports/annual-report.css), for pages that inline it."""
    return STATIC_CSS.read_text(encoding="utf-8")


def _charts_html(doc: ReportDocument) -> str:
    charts = doc.charts or {}
    parts = []
    if charts.get("by_month") is not None:
        prefix = f"gk-report-{doc.year}-month"
        parts.append(
            _figure(
                chart_svg_by_month(charts["by_month"], id_prefix=prefix),
                f"图1　{doc.year}年各月收到的申请及办理结果",
                chart_table_by_month(
                    charts["by_month"], caption=f"{doc.year}年各月申请数量及办理结果"
                ),
            )
        )
    if "on_time" in charts or "on_time_rate" in charts:
        rate, on_time, late = (
            charts.get("on_time_rate"),
            int(charts.get("on_time", 0)),
            int(charts.get("late", 0)),
        )
        parts.append(
            _figure(
                chart_svg_on_time(rate, on_time, late, id_prefix=f"gk-report-{doc.year}-on-time"),
                f"图{len(parts) + 1}　{doc.year}年按期答复率",
                chart_table_on_time(rate, on_time, late),
            )
        )
    return "\n".join(parts)


def html_fragment(doc: ReportDocument) -> str:
    tables = report_tables(doc)
    out = [
        f'<article class="gk-annual-report" lang="zh-CN">\n<h1>{esc(doc.title)}</h1>',
    ]
    for i, (title, paras, key) in enumerate(_section_blocks(doc)):
        out.append(f'<section aria-labelledby="gk-report-s{i + 1}">')
        out.append(f'<h2 id="gk-report-s{i + 1}">{esc(title)}</h2>')
        for para in paras:
            out.append(f"<h3>{esc(para)}</h3>" if is_subheading(para) else f"<p>{esc(para)}</p>")
        if key is not None:
            out.append(table_html(tables[key], id_prefix=f"gk-report-{doc.year}-t{i + 1}"))
        if key == "三" and doc.charts:
            out.append(_charts_html(doc))
        out.append("</section>")
    out.append("</article>\n")
    return "\n".join(out)


def to_html(doc: ReportDocument, *, standalone: bool = True) -> str:
    """The report for the website. `standalone=False` gives the <article> for a Wagtail page template, which
    links static/reports/annual-report.css itself."""
    fragment = html_fragment(doc)
    if not standalone:
        return fragment
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(doc.title)}</title>\n<style>\n{stylesheet()}</style>\n</head>\n"
        f"<body>\n<main>\n{fragment}</main>\n</body>\n</html>\n"
    )
