"""Tests for reading saved policy pages (text and HTML) into ParsedPolicy."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.library.importing.parse import (
    ParsedPolicy,
    PolicyParseError,
    parse_policy_file,
    parse_policy_html,
    parse_policy_text,
)

FIXTURES = Path(__file__).parent / "fixtures" / "import"
SEED = FIXTURES / "nanchang-2024-work-points.txt"
SEED_TITLE = "南昌市人民政府办公室关于印发2024年南昌市政务公开工作要点的通知"
CHROME = ("您当前所在位置", "字体", "打印此页", "扫一扫", "Baidu", "分享", "关闭窗口")


def paragraphs(policy: ParsedPolicy) -> list[str]:
    return policy.body.split("\n\n")


def notice(
    *,
    title: str = "南昌市人民政府办公室关于做好2024年防汛工作的通知",
    header: str = "来源: 发布日期:2024-06-05 15:32:00 字体:",
    under_title: str = "",
    date_line: str = "2024年6月3日",
    disclosure: str = "(此件主动公开)",
    tail: str = "分享\n打印此页|关闭窗口\n扫一扫在手机打开当前页",
) -> str:
    """A small page copied as text, in the shape of the seed file."""
    lines = [
        "您当前所在位置: 首页>政策文件>市本级政策",
        title,
        under_title,
        header,
        "各县(区)人民政府、开发区管委会,市政府各部门:",
        "为做好2024年防汛工作,经市政府同意,现将有关事项通知如下。",
        "一、落实防汛责任。",
        date_line,
        disclosure,
        tail,
    ]
    return "\n\n".join(line for line in lines if line)


# --- 1. the real seed file -------------------------------------------------------------------


def test_seed_file_parses_into_its_fields() -> None:
    policy = parse_policy_file(SEED)

    assert policy.title == SEED_TITLE
    assert policy.units == ["南昌市人民政府办公室"]
    assert policy.published_on == date(2024, 6, 5)
    assert policy.written_on == date(2024, 6, 3)
    assert policy.disclosure_mode == "主动公开"
    assert policy.doc_number is None  # 洪府办发〔2024〕31号 is only cited inside the body
    assert policy.source_name == "nanchang-2024-work-points.txt"


def test_seed_body_keeps_paragraphs_and_attachment_without_chrome() -> None:
    policy = parse_policy_file(SEED)

    assert policy.body.startswith("各县(区)人民政府、开发区管委会,市政府各部门:")
    assert "2024年南昌市政务公开工作要点" in policy.body
    assert "(十八)加强工作落实和跟踪推进" in policy.body
    assert "2024年6月3日" in paragraphs(policy)  # the date line stays in the body
    assert "(此件主动公开)" not in policy.body
    for chrome in (*CHROME, "来源:", "发布日期", SEED_TITLE):
        assert chrome not in policy.body, chrome
    assert len(paragraphs(policy)) >= 20
    assert paragraphs(policy)[-1].startswith("(十八)加强工作落实和跟踪推进")
    assert all(p.strip() == p and p for p in paragraphs(policy))


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_seed_file_in_other_encodings(tmp_path: Path, encoding: str) -> None:
    copy = tmp_path / "seed.txt"
    copy.write_bytes(SEED.read_text(encoding="utf-8").encode(encoding))

    assert parse_policy_file(copy) == replace(parse_policy_file(SEED), source_name="seed.txt")


def test_seed_text_with_windows_line_ends() -> None:
    text = SEED.read_text(encoding="utf-8").replace("\n", "\r\n")

    policy = parse_policy_text(text, source_name="seed.txt")

    assert policy.title == SEED_TITLE
    assert policy.body == parse_policy_file(SEED).body


# --- 2. an HTML page ------------------------------------------------------------------------


def test_html_page_with_metadata_table_and_joint_issuance() -> None:
    policy = parse_policy_file(FIXTURES / "joint-notice.html")

    assert policy.title == (
        "南昌市财政局 南昌市人力资源和社会保障局关于印发《南昌市就业补助资金管理办法》的通知"
    )
    assert policy.units == ["南昌市财政局", "南昌市人力资源和社会保障局"]
    assert policy.doc_number == "洪财规〔2024〕3号"
    assert policy.written_on == date(2024, 7, 5)
    assert policy.published_on == date(2024, 7, 10)
    assert policy.disclosure_mode == "主动公开"


def test_html_body_is_the_article_only() -> None:
    policy = parse_policy_file(FIXTURES / "joint-notice.html")
    body = paragraphs(policy)

    assert body[0] == (
        "各县（区）财政局、人力资源和社会保障局，各开发区（新区）财政局、"
        "人力资源和社会保障部门，市直有关单位："
    )  # a line break in the HTML source between Chinese characters is not a space
    assert "南昌市财政局　　　　南昌市人力资源和社会保障局" in body
    assert "2024年7月5日" in body
    assert "南昌市就业补助资金管理办法" in body  # the attachment follows the notice
    assert "就业补助资金由财政部门会同人力资源社会保障部门管理。" in body  # <br> splits
    assert body[-1] == "第二十条　本办法自2024年8月10日起施行，有效期5年。"
    for chrome in (
        *CHROME,
        "（此件主动公开）",
        "洪财规〔2024〕3号",
        "当前位置",
        "政务服务",
        "无障碍",
        "搜索",
        "索引号",
        "浏览次数",
        "上一篇",
        "版权所有",
        "微信",
        "_hmt",
        "bdSnsKey",
    ):
        assert chrome not in policy.body, chrome


def test_html_without_meta_tags_takes_title_and_units_from_the_page() -> None:
    html = """<html><head><title>通知_南昌市人民政府</title></head><body>
    <div class="nav"><a>首页</a><a>政策文件</a></div>
    <div class="con"><h2>南昌市财政局、南昌市审计局关于开展2024年财会监督检查的通知</h2>
    <div class="info">发布时间：2024-03-12　信息来源：南昌市财政局</div>
    <div id="zoom"><p>洪财监字[2024]2号</p><p>各县（区）财政局、审计局：</p>
    <p>现就开展2024年财会监督检查有关事项通知如下。</p>
    <p>南昌市财政局　南昌市审计局</p><p>2024年3月8日</p><p>（此件依申请公开）</p></div>
    <div class="share">分享到：微信 微博</div></div></body></html>"""

    policy = parse_policy_html(html, source_name="page.html")

    assert policy.title == "南昌市财政局、南昌市审计局关于开展2024年财会监督检查的通知"
    assert policy.units == ["南昌市财政局", "南昌市审计局"]
    assert policy.doc_number == "洪财监字[2024]2号"  # kept as written, brackets and all
    assert policy.published_on == date(2024, 3, 12)
    assert policy.written_on == date(2024, 3, 8)
    assert policy.disclosure_mode == "依申请公开"
    assert paragraphs(policy)[0] == "各县（区）财政局、审计局："
    assert "分享" not in policy.body


def test_html_file_is_recognised_by_content(tmp_path: Path) -> None:
    page = tmp_path / "saved-page"
    page.write_bytes((FIXTURES / "joint-notice.html").read_bytes())

    policy = parse_policy_file(page)

    assert policy.doc_number == "洪财规〔2024〕3号"
    assert "<p" not in policy.body


def test_gb18030_html_with_charset_meta(tmp_path: Path) -> None:
    html = (FIXTURES / "joint-notice.html").read_text(encoding="utf-8")
    page = tmp_path / "gbk.htm"
    page.write_bytes(html.replace('charset="utf-8"', 'charset="gb2312"').encode("gb18030"))

    assert parse_policy_file(page).units == ["南昌市财政局", "南昌市人力资源和社会保障局"]


# --- 3. malformed input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("only-chrome.txt", ["未找到标题", "未找到发文机关（可用 --organ 指定）", "未找到正文"]),
        ("no-title.txt", ["未找到标题"]),
        ("empty-page.html", ["未找到标题", "未找到发文机关（可用 --organ 指定）", "未找到正文"]),
        ("published-before-written.txt", ["发布日期（2024-05-28）早于成文日期（2024-06-03）"]),
    ],
)
def test_malformed_fixture_is_rejected_with_every_problem(name: str, expected: list[str]) -> None:
    with pytest.raises(PolicyParseError) as caught:
        parse_policy_file(FIXTURES / name)

    assert caught.value.source_name == name
    assert caught.value.problems == [f"{name}：{problem}" for problem in expected]
    assert str(caught.value) == "\n".join(caught.value.problems)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "文件为空"),
        (b" \r\n\t\r\n", "文件为空"),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
            "文件不是文本（可能是二进制文件）",
        ),
        (bytes(range(256)) * 4, "文件不是文本（可能是二进制文件）"),
    ],
)
def test_unreadable_file_is_rejected(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "upload.txt"
    path.write_bytes(content)

    with pytest.raises(PolicyParseError) as caught:
        parse_policy_file(path)

    assert caught.value.problems == [f"upload.txt：{problem}"]
    assert str(caught.value) == f"upload.txt：{problem}"


def test_missing_file_is_a_parse_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyParseError, match=r"^absent\.txt：无法读取文件"):
        parse_policy_file(tmp_path / "absent.txt")


def test_text_with_control_characters_is_rejected() -> None:
    with pytest.raises(PolicyParseError, match="二进制"):
        parse_policy_text("PK\x03\x04\x14\x00\x06\x00" * 20, source_name="a.docx")


def test_missing_organ_can_be_supplied() -> None:
    text = notice(title="关于做好2024年防汛工作的通知")

    with pytest.raises(PolicyParseError) as caught:
        parse_policy_text(text, source_name="seed.txt")
    assert str(caught.value) == "seed.txt：未找到发文机关（可用 --organ 指定）"

    policy = parse_policy_text(text, source_name="seed.txt", default_unit="南昌市应急管理局")
    assert policy.units == ["南昌市应急管理局"]


# --- 4. full-width variants and other layouts ------------------------------------------------


def test_full_width_punctuation_and_chinese_numeral_date() -> None:
    policy = parse_policy_file(FIXTURES / "fullwidth-notice.txt")

    assert policy.title == "南昌市人民政府关于加强城市道路桥梁安全管理的通知"
    assert policy.units == ["南昌市人民政府"]
    assert policy.doc_number == "洪府发〔2024〕12号"
    assert policy.published_on == date(2024, 6, 5)
    assert policy.written_on == date(2024, 6, 3)
    assert policy.disclosure_mode == "主动公开"
    assert paragraphs(policy)[0] == "各县（区）人民政府，各开发区（新区）管委会，市政府各部门："
    assert paragraphs(policy)[-2:] == ["南昌市人民政府", "二〇二四年六月三日"]
    for chrome in ("当前位置", "字体", "打印本页", "关闭窗口", "扫一扫", "（此件主动公开）"):
        assert chrome not in policy.body


def test_state_council_metadata_header() -> None:
    text = "\n".join(
        [
            "索 引 号：000014349/2018-00222　　主题分类：卫生、体育\\医药管理",
            "发文机关：国务院　　成文日期：2018年12月21日",
            "标　　题：国务院关于印发加快完善市场主体退出制度改革方案的通知",
            "发文字号：国发〔2018〕43号　　发布日期：2018年12月29日",
            "主 题 词：",
            "国务院关于印发加快完善市场主体退出制度改革方案的通知",
            "国发〔2018〕43号",
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
            "现将《加快完善市场主体退出制度改革方案》印发给你们，请认真贯彻执行。",
            "国务院",
            "2018年12月20日",
            "（此件公开发布）",
        ]
    )

    policy = parse_policy_text(text, source_name="gov.txt")

    assert policy.title == "国务院关于印发加快完善市场主体退出制度改革方案的通知"
    assert policy.units == ["国务院"]
    assert policy.doc_number == "国发〔2018〕43号"
    assert policy.written_on == date(2018, 12, 21)  # the 成文日期 field wins over the date line
    assert policy.published_on == date(2018, 12, 29)
    assert policy.disclosure_mode == "主动公开"
    assert paragraphs(policy)[0].startswith("各省、自治区、直辖市人民政府")
    assert "索引号" not in policy.body and "主 题 词" not in policy.body


def test_label_and_value_on_separate_lines() -> None:
    text = (
        "发文机关：\n南昌市司法局\n标题：\n关于公布行政执法主体的公告\n"
        "根据有关规定，现将我市行政执法主体予以公告。\n2024年1月5日"
    )

    policy = parse_policy_text(text, source_name="t.txt")

    assert policy.units == ["南昌市司法局"]
    assert policy.title == "关于公布行政执法主体的公告"
    assert policy.body == "根据有关规定，现将我市行政执法主体予以公告。\n\n2024年1月5日"


@pytest.mark.parametrize(
    "title",
    [
        "南昌市财政局 南昌市人力资源和社会保障局关于调整就业补助标准的通知",
        "南昌市财政局　南昌市人力资源和社会保障局关于调整就业补助标准的通知",
        "南昌市财政局、南昌市人力资源和社会保障局关于调整就业补助标准的通知",
    ],
)
def test_joint_issuance_from_title_prefix(title: str) -> None:
    policy = parse_policy_text(notice(title=title), source_name="t.txt")

    assert policy.units == ["南昌市财政局", "南昌市人力资源和社会保障局"]


@pytest.mark.parametrize(
    "doc_number",
    ["洪府办发〔2024〕31号", "洪府办字[2024]5号", "洪府办字【2024】5号", "洪府发（2024）7号",
     "洪府发(2024)7号", "南昌市人民政府令第165号"],
)  # fmt: skip
def test_doc_number_under_title_is_kept_as_written(doc_number: str) -> None:
    policy = parse_policy_text(notice(under_title=doc_number), source_name="t.txt")

    assert policy.doc_number == doc_number
    assert doc_number not in policy.body


def test_source_is_used_when_the_title_names_no_unit() -> None:
    text = notice(
        title="关于做好2024年防汛工作的通知",
        header="来源: 南昌市应急管理局 发布日期:2024-06-05 15:32:00 字体:",
    )

    assert parse_policy_text(text, source_name="t.txt").units == ["南昌市应急管理局"]


def test_signature_is_used_before_a_website_source() -> None:
    text = notice(
        title="关于做好2024年防汛工作的通知",
        header="来源：南昌市人民政府网 发布日期：2024-06-05",
        date_line="南昌市应急管理局\n2024年6月3日",
    )

    assert parse_policy_text(text, source_name="t.txt").units == ["南昌市应急管理局"]


def test_trailing_chrome_ends_the_body() -> None:
    tail = "\n".join(
        [
            "【打印】【关闭】",
            "上一篇：南昌市人民政府办公室关于印发某某方案的通知",
            "下一篇：南昌市人民政府办公室关于某某的通知",
            "相关链接",
            "南昌市人民政府办公室关于印发2023年南昌市政务公开工作要点的通知",
            "浏览次数：1234",
            "版权所有：南昌市人民政府 赣ICP备05000000号",
        ]
    )

    policy = parse_policy_text(notice(tail=tail), source_name="t.txt")

    assert paragraphs(policy)[-1] == "2024年6月3日"


def test_two_line_title_is_joined() -> None:
    text = notice(title="南昌市人民政府办公室关于\n做好2024年防汛工作的通知")

    assert parse_policy_text(text, source_name="t.txt").title == (
        "南昌市人民政府办公室关于做好2024年防汛工作的通知"
    )


# --- recognisers: dates and disclosure lines -------------------------------------------------


@pytest.mark.parametrize(
    ("line", "mode"),
    [
        ("(此件主动公开)", "主动公开"),
        ("（此件主动公开）", "主动公开"),
        ("（ 此件主动公开 ）", "主动公开"),
        ("（此件公开发布）", "主动公开"),
        ("【此件主动公开】", "主动公开"),
        ("此件主动公开", "主动公开"),
        ("（此件依申请公开）", "依申请公开"),
        ("(此件依申请公开)", "依申请公开"),
        ("此件不予公开", "不予公开"),
        ("（此件不予公开）", "不予公开"),
    ],
)
def test_disclosure_line_variants(line: str, mode: str) -> None:
    policy = parse_policy_text(notice(disclosure=line), source_name="t.txt")

    assert policy.disclosure_mode == mode
    assert line.strip() not in policy.body
    assert policy.written_on == date(2024, 6, 3)


def test_disclosure_mode_from_field_and_missing() -> None:
    with_field = notice(disclosure="", header="发布日期：2024-06-05 公开方式：依申请公开")
    without = notice(disclosure="")

    assert parse_policy_text(with_field, source_name="t.txt").disclosure_mode == "依申请公开"
    assert parse_policy_text(without, source_name="t.txt").disclosure_mode is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2024年6月3日", date(2024, 6, 3)),
        ("2024 年 6 月 3 日", date(2024, 6, 3)),
        ("２０２４年６月３日", date(2024, 6, 3)),
        ("二〇二四年六月三日", date(2024, 6, 3)),
        ("二○二四年六月三日", date(2024, 6, 3)),
        ("二〇二三年十二月三十一日", date(2023, 12, 31)),
        ("二〇二四年五月二十日", date(2024, 5, 20)),
        ("二〇二四年一月十一日", date(2024, 1, 11)),
        ("（2024年6月3日）", date(2024, 6, 3)),
    ],
)
def test_written_date_line_variants(line: str, expected: date) -> None:
    policy = parse_policy_text(notice(date_line=line), source_name="t.txt")

    assert policy.written_on == expected
    assert line in paragraphs(policy)


@pytest.mark.parametrize(
    "header",
    [
        "来源: 发布日期:2024-06-05 15:32:00 字体:",
        "发布日期：2024年06月05日",
        "发布时间：2024-06-05",
        "【发布时间：2024.06.05】【来源：南昌市人民政府办公室】",
        "日期：2024/6/5　　浏览次数：88",
        "发布时间: 2024年6月5日 10:30",
    ],
)
def test_published_date_field_variants(header: str) -> None:
    policy = parse_policy_text(notice(header=header), source_name="t.txt")

    assert policy.published_on == date(2024, 6, 5)
    assert paragraphs(policy)[0] == "各县(区)人民政府、开发区管委会,市政府各部门:"


def test_impossible_date_is_not_a_date() -> None:
    policy = parse_policy_text(notice(date_line="2024年2月30日"), source_name="t.txt")

    assert policy.written_on is None
    assert "2024年2月30日" in policy.body


_CN_DIGITS = "〇一二三四五六七八九"


def _chinese_number(value: int) -> str:
    tens, units = divmod(value, 10)
    if tens == 0:
        return _CN_DIGITS[units]
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[units] if units else "")


def _write_date(day: date, style: str) -> str:
    if style == "chinese":
        year = "".join(_CN_DIGITS[int(d)] for d in str(day.year))
        return f"{year}年{_chinese_number(day.month)}月{_chinese_number(day.day)}日"
    if style == "padded":
        return f"{day.year}年{day.month:02d}月{day.day:02d}日"
    if style == "full-width":
        text = f"{day.year}年{day.month}月{day.day}日"
        return text.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})
    return f"{day.year}年{day.month}月{day.day}日"


@settings(max_examples=150, deadline=None)
@given(
    written=st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)),
    delay=st.integers(min_value=0, max_value=60),
    style=st.sampled_from(["plain", "padded", "chinese", "full-width"]),
)
def test_any_date_line_round_trips(written: date, delay: int, style: str) -> None:
    published = date.fromordinal(written.toordinal() + delay)
    text = notice(
        header=f"发布日期：{published.isoformat()} 10:00:00",
        date_line=_write_date(written, style),
    )

    policy = parse_policy_text(text, source_name="t.txt")

    assert policy.written_on == written
    assert policy.published_on == published


@settings(max_examples=60, deadline=None)
@given(
    written=st.dates(min_value=date(2000, 1, 2), max_value=date(2099, 12, 31)),
    early=st.integers(min_value=1, max_value=400),
)
def test_publication_before_writing_is_always_reported(written: date, early: int) -> None:
    published = date.fromordinal(max(written.toordinal() - early, date(2000, 1, 1).toordinal()))
    text = notice(
        header=f"发布日期：{published.isoformat()}", date_line=_write_date(written, "plain")
    )

    with pytest.raises(PolicyParseError) as caught:
        parse_policy_text(text, source_name="t.txt")

    assert caught.value.problems == [
        f"t.txt：发布日期（{published.isoformat()}）早于成文日期（{written.isoformat()}）"
    ]
