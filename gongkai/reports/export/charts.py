"""The report's charts as inline SVG (no JavaScript, no style attribute), each with <title>, <desc>
and a data table as its text alternative."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence

from gongkai.reports import labels

# ---------------------------------------------------------------------------------------------------------------
# Charts (inline SVG, no JavaScript; each with <title>, <desc> and a data table as the text alternative)

# Okabe–Ito: distinguishable with the common colour-vision deficiencies
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999", "#F0E442")
CHART_FONT = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"


def short_group(label: str) -> str:
    """（二）部分公开（区分处理的，只计这一情形，不计其他情形） → （二）部分公开, for legends."""
    m = re.match(r"^(（[一二三四五六七八九十]+）[^（]+)（", label)
    return m.group(1) if m else label


def _chart_groups(data: Sequence[tuple[int, Mapping[str, int]]]) -> list[str]:
    seen: list[str] = []
    for _, counts in data:
        for group in counts:
            if group not in seen:
                seen.append(group)
    order = list(labels.RESULT_GROUPS)
    return sorted(seen, key=lambda g: (order.index(g) if g in order else len(order), seen.index(g)))


def _nice_max(value: int) -> tuple[int, int]:
    """An axis maximum ≥ value and a tick step (1, 2 or 5 × 10ⁿ), about five ticks."""
    if value <= 0:
        return 5, 1
    step = 1
    while value / step > 5:
        for factor in (2, 5 / 2, 2):  # 1 → 2 → 5 → 10
            step = int(step * factor)
            if value / step <= 5:
                break
    top = -(-value // step) * step
    return top, step


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def svg_open(
    width: int, height: int, id_prefix: str, *, font_size: int, title: str, desc: str
) -> str:
    """The <svg> start tag with its accessible name (<title>) and description (<desc>)."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gk-chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc" font-family="{CHART_FONT}" '
        f'font-size="{font_size}">\n<title id="{id_prefix}-title">{esc(title)}</title>\n'
        f'<desc id="{id_prefix}-desc">{esc(desc)}</desc>'
    )


def _monthly(data: Sequence[tuple[int, Mapping[str, int]]]) -> dict[int, Mapping[str, int]]:
    months: dict[int, Mapping[str, int]] = {m: {} for m in range(1, 13)}
    for month, counts in data:
        months[int(month)] = counts
    return months


def chart_svg_by_month(
    data: Sequence[tuple[int, Mapping[str, int]]], *, id_prefix: str = "gk-chart-month"
) -> str:
    """Applications by month (1–12), stacked by outcome group: a bar chart as inline SVG."""
    months = _monthly(data)
    groups = _chart_groups(data)
    totals = {m: sum(counts.values()) for m, counts in months.items()}
    grand = sum(totals.values())
    top, step = _nice_max(max(totals.values(), default=0))
    width, left, right, top_pad = 720, 48, 12, 16
    plot_h = 220
    legend_cols = 3
    legend_rows = -(-len(groups) // legend_cols) if groups else 0
    height = top_pad + plot_h + 32 + legend_rows * 22 + 8
    plot_w = width - left - right
    slot = plot_w / 12
    bar_w = slot * 0.62

    def y(value: float) -> float:
        return top_pad + plot_h - plot_h * value / top

    if grand:
        busiest = max(totals, key=lambda m: totals[m])
        summary = (
            f"各月收到的政府信息公开申请数量，按办理结果分组堆叠。全年共{grand}件，"
            f"最多的是{busiest}月，共{totals[busiest]}件。各月数字见图后的数据表。"
        )
    else:
        summary = "各月收到的政府信息公开申请数量：本年度没有收到申请。"
    out = [
        svg_open(
            width, height, id_prefix, font_size=12, title="各月申请数量及办理结果", desc=summary
        )
    ]
    for tick in range(0, top + 1, step):
        ty = y(tick)
        out.append(
            f'<line x1="{left}" y1="{ty:.1f}" x2="{width - right}" y2="{ty:.1f}" '
            f'stroke="{"#333" if tick == 0 else "#ddd"}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{left - 6}" y="{ty + 4:.1f}" text-anchor="end" fill="#333">{tick}</text>'
        )
    for m in range(1, 13):
        x = left + slot * (m - 1) + (slot - bar_w) / 2
        base = 0
        for i, group in enumerate(groups):
            count = int(months[m].get(group, 0))
            if not count:
                continue
            y0, y1 = y(base), y(base + count)
            out.append(
                f'<rect x="{x:.1f}" y="{y1:.1f}" width="{bar_w:.1f}" height="{y0 - y1:.1f}" '
                f'fill="{PALETTE[i % len(PALETTE)]}">'
                f"<title>{m}月 {esc(short_group(group))}：{count}件</title></rect>"
            )
            base += count
        if totals[m]:
            out.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{y(totals[m]) - 4:.1f}" text-anchor="middle" '
                f'fill="#000">{totals[m]}</text>'
            )
        out.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{top_pad + plot_h + 18}" text-anchor="middle" '
            f'fill="#333">{m}月</text>'
        )
    if not grand:
        out.append(
            f'<text x="{left + plot_w / 2:.1f}" y="{top_pad + plot_h / 2:.1f}" '
            f'text-anchor="middle" fill="#555">本年度没有收到申请</text>'
        )
    legend_y = top_pad + plot_h + 36
    col_w = plot_w / legend_cols
    for i, group in enumerate(groups):
        lx = left + col_w * (i % legend_cols)
        ly = legend_y + 22 * (i // legend_cols)
        out.append(
            f'<rect x="{lx:.1f}" y="{ly:.1f}" width="12" height="12" '
            f'fill="{PALETTE[i % len(PALETTE)]}"/>'
        )
        out.append(
            f'<text x="{lx + 18:.1f}" y="{ly + 11:.1f}" fill="#000">{esc(short_group(group))}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def chart_table_by_month(
    data: Sequence[tuple[int, Mapping[str, int]]], *, caption: str = "各月申请数量及办理结果"
) -> str:
    """The numbers behind `chart_svg_by_month` as an HTML table (the chart's text alternative)."""
    months = _monthly(data)
    groups = _chart_groups(data)
    out = [
        '<table class="gk-chart-data">',
        f"<caption>{esc(caption)}</caption>",
        '<thead><tr><th scope="col">月份</th>',
        *(f'<th scope="col">{esc(short_group(g))}</th>' for g in groups),
        '<th scope="col">合计</th></tr></thead>',
        "<tbody>",
    ]
    for m, counts in months.items():
        cells = "".join(f"<td>{int(counts.get(g, 0))}</td>" for g in groups)
        out.append(f'<tr><th scope="row">{m}月</th>{cells}<td>{sum(counts.values())}</td></tr>')
    out.append("</tbody></table>")
    return "\n".join(out)


def _rate(rate: float | None, on_time: int, late: int) -> float | None:
    if rate is not None:
        return rate
    return on_time / (on_time + late) if on_time + late else None


def format_rate(rate: float) -> str:
    return f"{rate * 100:.1f}%"


def chart_svg_on_time(
    rate: float | None, on_time: int, late: int, *, id_prefix: str = "gk-chart-on-time"
) -> str:
    """The on-time rate (按期答复率) as a 100 % bar split into replies on time and late."""
    rate = _rate(rate, on_time, late)
    width, height, left, bar_y, bar_h = 720, 120, 12, 44, 28
    bar_w = width - 2 * left
    total = on_time + late
    if rate is None:
        summary = "按期答复率：本年度没有已答复的申请。"
    else:
        summary = f"按期答复率{format_rate(rate)}：本年度答复{total}件，其中按期答复{on_time}件，逾期{late}件。"
    out = [svg_open(width, height, id_prefix, font_size=13, title="按期答复率", desc=summary)]
    headline = "按期答复率：无数据" if rate is None else f"按期答复率 {format_rate(rate)}"
    out.append(f'<text x="{left}" y="28" font-size="18" fill="#000">{esc(headline)}</text>')
    out.append(
        f'<rect x="{left}" y="{bar_y}" width="{bar_w}" height="{bar_h}" fill="#eee" stroke="#999"/>'
    )
    if total:
        on_w = bar_w * on_time / total
        out.append(
            f'<rect x="{left}" y="{bar_y}" width="{on_w:.1f}" height="{bar_h}" fill="{PALETTE[2]}">'
            f"<title>按期答复：{on_time}件</title></rect>"
        )
        if late:
            out.append(
                f'<rect x="{left + on_w:.1f}" y="{bar_y}" width="{bar_w - on_w:.1f}" '
                f'height="{bar_h}" fill="{PALETTE[5]}"><title>逾期答复：{late}件</title></rect>'
            )
    legend_y = bar_y + bar_h + 24
    for i, (text, color) in enumerate(
        ((f"按期答复 {on_time}件", PALETTE[2]), (f"逾期答复 {late}件", PALETTE[5]))
    ):
        lx = left + 200 * i
        out.append(
            f'<rect x="{lx}" y="{legend_y - 11}" width="12" height="12" fill="{color}"/>'
            f'<text x="{lx + 18}" y="{legend_y}" fill="#000">{esc(text)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def chart_table_on_time(rate: float | None, on_time: int, late: int) -> str:
    rate = _rate(rate, on_time, late)
    shown = "—" if rate is None else format_rate(rate)
    return (
        '<table class="gk-chart-data">\n<caption>按期答复情况</caption>\n'
        '<thead><tr><th scope="col">按期答复（件）</th><th scope="col">逾期答复（件）</th>'
        '<th scope="col">按期答复率</th></tr></thead>\n'
        f"<tbody><tr><td>{on_time}</td><td>{late}</td><td>{shown}</td></tr></tbody>\n</table>"
    )


def _figure(svg: str, caption: str, table: str) -> str:
    return (
        f'<figure class="gk-figure">\n{svg}\n<figcaption>{esc(caption)}</figcaption>\n'
        f"<details><summary>查看数据表</summary>\n{table}\n</details>\n</figure>"
    )
