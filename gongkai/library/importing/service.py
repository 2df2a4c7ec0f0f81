"""Import policy documents into the library (一口归集): single pages saved from government
websites (import-policy) and bulk JSON/CSV exports of an older system (import-policies).

Each file (a page) or each bulk file as a whole is imported in one transaction: on any error
nothing of it is written, and the error names the file (and row) and what is wrong.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import escape

from gongkai.library import services
from gongkai.library.docnumbers import DocNumberError, parse_doc_number
from gongkai.library.importing.parse import ParsedPolicy, PolicyParseError, parse_policy_file
from gongkai.library.models import (
    DisclosureMode,
    DocType,
    Genre,
    NonDisclosureReason,
    PolicyDocumentPage,
    Topic,
)
from gongkai.library.publication import system_publication
from gongkai.library.services import DEFAULT_PUBLISH_REASON
from gongkai.library.validity import RelationKind
from gongkai.organisations.models import Organisation
from gongkai.organisations.selectors import find_organisation
from gongkai.servicecatalog.models import ServiceItem

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class ImportFailed(Exception):
    """A file could not be imported; ``problems`` are messages in Chinese, naming the file."""

    def __init__(self, source: str, problems: list[str]) -> None:
        super().__init__("；".join(problems))
        self.source = source
        self.problems = problems


@dataclass
class ImportResult:
    source: str
    created: list[PolicyDocumentPage] = field(default_factory=list)
    updated: list[PolicyDocumentPage] = field(default_factory=list)


DISCLOSURE_LABELS = {str(m.label): m.value for m in DisclosureMode}
DOC_TYPE_LABELS = {str(m.label): m.value for m in DocType}
RELATION_LABELS = {str(m.label): m.value for m in RelationKind} | {
    m.value: m.value for m in RelationKind
}
NON_DISCLOSURE_LABELS = {str(m.label): m.value for m in NonDisclosureReason}


def find_topic(label: str) -> Topic | None:
    parts = [p.strip() for p in label.replace("/", "\\").split("\\") if p.strip()]
    if len(parts) == 1:
        return Topic.objects.filter(parent__isnull=True, name=parts[0]).first()
    if len(parts) == 2:
        return Topic.objects.filter(parent__name=parts[0], name=parts[1]).first()
    return None


def import_key(unit: Organisation, title: str, doc_number: str, written_on: dt.date | None) -> str:
    """What makes an imported document the same document when it is imported again."""
    basis = "|".join(
        [str(unit.pk), "".join(title.split()), doc_number or "", str(written_on or "")]
    )
    return hashlib.sha256(basis.encode()).hexdigest()


def paragraphs_to_html(text: str) -> str:
    paras = [p.strip() for p in text.replace("\r\n", "\n").split("\n") if p.strip()]
    return "".join(f"<p>{escape(p)}</p>" for p in paras)


# --- Pages saved from websites ----------------------------------------------------------------


def import_policy_page(
    path: Path,
    *,
    unit_name: str | None = None,
    topic: str = "其他",
    doc_type: str = DocType.OTHER,
    publish: bool = True,
    actor: User | None = None,
) -> tuple[PolicyDocumentPage, bool]:
    """Import one page; returns (document, created). Raises ImportFailed."""
    name = path.name
    try:
        parsed = parse_policy_file(path, default_unit=unit_name)
    except PolicyParseError as exc:
        raise ImportFailed(name, list(exc.problems)) from exc
    except OSError as exc:
        raise ImportFailed(name, [f"{name}：无法读取文件（{exc.strerror}）"]) from exc
    return _save_parsed(
        parsed, unit_name=unit_name, topic=topic, doc_type=doc_type, publish=publish, actor=actor
    )


def _save_parsed(
    parsed: ParsedPolicy,
    *,
    unit_name: str | None,
    topic: str,
    doc_type: str,
    publish: bool,
    actor: User | None,
) -> tuple[PolicyDocumentPage, bool]:
    name = parsed.source_name
    problems: list[str] = []
    issuers: list[Organisation] = []
    for issuer_name in parsed.units:
        found = find_organisation(issuer_name)
        if found is None:
            problems.append(
                f"{name}：发文机关“{issuer_name}”不在机构库中，请先建立该机构或用 --organ 指定"
            )
        else:
            issuers.append(found)
    unit = find_organisation(unit_name) if unit_name else (issuers[0] if issuers else None)
    if unit_name and unit is None:
        problems.append(f"{name}：--organ 指定的机构“{unit_name}”不存在")
    topic_obj = find_topic(topic)
    if topic_obj is None:
        problems.append(f"{name}：主题分类“{topic}”不存在")
    if parsed.written_on is None:
        problems.append(f"{name}：未找到成文日期")
    doc_number = parsed.doc_number or ""
    if doc_number:
        try:
            doc_number = str(parse_doc_number(doc_number))
        except DocNumberError as exc:
            problems.append(f"{name}：{exc.message}")
    if problems or unit is None or topic_obj is None or parsed.written_on is None:
        raise ImportFailed(name, problems)
    mode = DISCLOSURE_LABELS.get(parsed.disclosure_mode or "主动公开", DisclosureMode.PROACTIVE)
    key = import_key(unit, parsed.title, doc_number, parsed.written_on)
    existing = PolicyDocumentPage.objects.filter(import_key=key).first()
    fields: dict[str, Any] = {
        "title": parsed.title,
        "doc_number": doc_number,
        "doc_type": doc_type,
        "topic": topic_obj,
        "written_on": parsed.written_on,
        "published_on": parsed.published_on,
        "disclosure_mode": mode,
        "non_disclosure_reason": ""
        if mode == DisclosureMode.PROACTIVE
        else NonDisclosureReason.SPECIFIC_GROUP,
        "body": paragraphs_to_html(parsed.body),
        "import_key": key,
    }
    try:
        with transaction.atomic():
            page = services.policy_save(
                actor=actor,
                unit=unit,
                issuers=issuers or [unit],
                publish=publish and mode == DisclosureMode.PROACTIVE,
                existing=existing,
                **fields,
            )
    except ValidationError as exc:
        raise ImportFailed(name, [f"{name}：{m}" for m in exc.messages]) from exc
    return page, existing is None


# --- Bulk migration files -----------------------------------------------------------------------

BULK_COLUMNS = (
    "external_id",
    "title",
    "unit",
    "organs",
    "doc_number",
    "doc_type",
    "genre",
    "topic",
    "written_on",
    "published_on",
    "disclosure_mode",
    "non_disclosure_reason",
    "disclosure_scope",
    "keywords",
    "is_major",
    "valid_from",
    "valid_until",
    "abolished_on",
    "abolition_note",
    "body",
    "body_format",
    "services",
    "relations",
)
REQUIRED = ("external_id", "title", "organs", "doc_type", "topic", "written_on")


def read_bulk_file(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json":
        data = json.loads(text)
        rows = data["documents"] if isinstance(data, dict) else data
        if not isinstance(rows, list):
            raise ImportFailed(
                path.name, [f'{path.name}：JSON 应为文档数组或 {{"documents": [...]}}']
            )
        return rows
    if path.suffix.lower() == ".csv":
        return list(csv.DictReader(io.StringIO(text)))
    raise ImportFailed(path.name, [f"{path.name}：只支持 .json 或 .csv 文件"])


def _as_list(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value).replace("；", ";").split(";") if v.strip()]


def _date(value: Any, label: str, where: str, problems: list[str]) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        problems.append(f"{where}：{label}“{value}”不是 YYYY-MM-DD 格式的日期")
        return None


def _bool(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "是", "y")


@transaction.atomic
def import_bulk(path: Path, *, publish: bool = True, actor: User | None = None) -> ImportResult:
    """Import every row of a JSON or CSV file, or nothing when any row is wrong.

    Rows are validated first, then saved as drafts, then their relations are resolved (a row
    may name another row of the same file), then they are published — so that the rules of
    publication (三同步) and the derived 有效性 see the whole file.
    """
    try:
        rows = read_bulk_file(path)
    except (json.JSONDecodeError, UnicodeDecodeError, KeyError) as exc:
        raise ImportFailed(path.name, [f"{path.name}：文件无法解析（{exc}）"]) from exc
    result = ImportResult(source=path.name)
    problems: list[str] = []
    prepared = _check_rows(path, rows, problems)
    _raise_if(path, problems)
    saved = _save_rows(prepared, result, actor, problems)
    _raise_if(path, problems)
    _link_rows(saved, actor, problems)
    _raise_if(path, problems)
    if publish:
        _publish_rows(saved, actor, problems)
        _raise_if(path, problems)
    return result


def _raise_if(path: Path, problems: list[str]) -> None:
    if problems:
        raise ImportFailed(path.name, problems)


def _check_rows(
    path: Path, rows: list[Any], problems: list[str]
) -> list[tuple[str, dict[str, Any]]]:
    prepared: list[tuple[str, dict[str, Any]]] = []
    seen: set[str] = set()
    is_csv = path.suffix.lower() == ".csv"
    for n, row in enumerate(rows):
        # CSV: line 1 is the header, so row n is on line n + 2; JSON: the n + 1st document.
        where = f"{path.name} 第{n + 2}行" if is_csv else f"{path.name} 第{n + 1}条"
        if not isinstance(row, dict):
            problems.append(f"{where}：应为对象")
            continue
        unknown = set(row) - set(BULK_COLUMNS)
        if unknown:
            problems.append(f"{where}：未知字段 {', '.join(sorted(unknown))}")
        missing = [c for c in REQUIRED if not str(row.get(c) or "").strip()]
        if missing:
            problems.append(f"{where}：缺少必填字段 {', '.join(missing)}")
            continue
        ext = str(row["external_id"]).strip()
        if ext in seen:
            problems.append(f"{where}：external_id“{ext}”重复")
        seen.add(ext)
        prepared.append((where, row))
    return prepared


@dataclass
class _SavedRow:
    where: str
    external_id: str
    page: PolicyDocumentPage
    relations: list[str]


def _save_rows(
    prepared: list[tuple[str, dict[str, Any]]],
    result: ImportResult,
    actor: User | None,
    problems: list[str],
) -> list[_SavedRow]:
    saved: list[_SavedRow] = []
    for where, row in prepared:
        fields, issuers, unit, svc, relations = _bulk_fields(row, where, problems)
        if fields is None or unit is None:
            continue
        external_id = str(row["external_id"]).strip()
        key = hashlib.sha256(f"bulk|{external_id}".encode()).hexdigest()
        existing = PolicyDocumentPage.objects.filter(import_key=key).first()
        try:
            with transaction.atomic():
                page = services.policy_save(
                    actor=actor,
                    unit=unit,
                    issuers=issuers,
                    publish=False,
                    existing=existing,
                    services=svc,
                    import_key=key,
                    **fields,
                )
        except ValidationError as exc:
            problems.extend(f"{where}：{m}" for m in exc.messages)
            continue
        saved.append(_SavedRow(where, external_id, page, relations))
        (result.updated if existing else result.created).append(page)
    return saved


def _link_rows(saved: list[_SavedRow], actor: User | None, problems: list[str]) -> None:
    by_external = {row.external_id: row.page for row in saved}
    for row in saved:
        relations = []
        for item in row.relations:
            kind_label, _sep, target_id = item.partition(":")
            kind = RELATION_LABELS.get(kind_label.strip())
            target = (
                by_external.get(target_id.strip())
                or PolicyDocumentPage.objects.filter(index_number=target_id.strip()).first()
            )
            if kind is None or target is None:
                problems.append(f"{row.where}：文件关系“{item}”无法识别（格式：替代:external_id）")
                continue
            relations.append((kind, target))
        if relations:
            latest = row.page.get_latest_revision_as_object()
            row.page = services.policy_save(
                actor=actor,
                unit=latest.organisation,
                issuers=latest.units,
                publish=False,
                existing=row.page,
                relations=relations,
            )


def _publish_rows(saved: list[_SavedRow], actor: User | None, problems: list[str]) -> None:
    """Imported documents are already public elsewhere: published outside the review workflow,
    which the review record notes with the reason (library.publication.system_publication)."""

    with system_publication(DEFAULT_PUBLISH_REASON, actor):
        for row in saved:
            if row.page.disclosure_mode != DisclosureMode.PROACTIVE:
                continue
            try:
                row.page.get_latest_revision().publish(user=actor, skip_permission_checks=True)
            except ValidationError as exc:
                problems.extend(f"{row.where}：{m}" for m in exc.messages)


def _choice(
    value: Any, labels: dict[str, str], allowed: list[str], *, message: str, problems: list[str]
) -> str:
    """A choice given by its Chinese label (or its code); '' stays ''."""
    text = str(value or "").strip()
    code = labels.get(text, text)
    if code and code not in allowed:
        problems.append(message.format(value=text))
    return code


def _lookup_all(keys: list[str], find: Any, *, message: str, problems: list[str]) -> list[Any]:
    found = []
    for key in keys:
        obj = find(key)
        if obj is None:
            problems.append(message.format(value=key))
        else:
            found.append(obj)
    return found


def _bulk_fields(
    row: dict[str, Any], where: str, problems: list[str]
) -> tuple[
    dict[str, Any] | None, list[Organisation], Organisation | None, list[ServiceItem], list[str]
]:
    before = len(problems)
    issuers = _lookup_all(
        _as_list(row.get("organs")),
        find_organisation,
        message=f"{where}：发文机关“{{value}}”不存在",
        problems=problems,
    )
    unit = issuers[0] if issuers else None
    if row.get("unit"):
        unit = find_organisation(str(row["unit"]))
        if unit is None:
            problems.append(f"{where}：发布单位“{row['unit']}”不存在")
    topic = find_topic(str(row["topic"]))
    if topic is None:
        problems.append(f"{where}：主题分类“{row['topic']}”不存在")
    services_found = _lookup_all(
        _as_list(row.get("services")),
        lambda code: ServiceItem.objects.filter(code=code).first(),
        message=f"{where}：办事事项编码“{{value}}”不存在",
        problems=problems,
    )
    body = str(row.get("body") or "")
    if str(row.get("body_format") or "text").strip() != "html":
        body = paragraphs_to_html(body)
    fields = {
        "title": str(row["title"]).strip(),
        "doc_number": str(row.get("doc_number") or "").strip(),
        "doc_type": _choice(
            row["doc_type"],
            DOC_TYPE_LABELS,
            DocType.values,
            problems=problems,
            message=f"{where}：文种“{{value}}”应为 规章、行政规范性文件 或 其他文件",
        ),
        "genre": _choice(
            row.get("genre"),
            {},
            Genre.values,
            problems=problems,
            message=f"{where}：公文种类“{{value}}”无法识别",
        ),
        "topic": topic,
        "written_on": _date(row.get("written_on"), "成文日期", where, problems),
        "published_on": _date(row.get("published_on"), "发布日期", where, problems),
        "valid_from": _date(row.get("valid_from"), "施行日期", where, problems),
        "valid_until": _date(row.get("valid_until"), "有效期至", where, problems),
        "abolished_on": _date(row.get("abolished_on"), "废止日期", where, problems),
        "abolition_note": str(row.get("abolition_note") or "").strip(),
        "disclosure_mode": _choice(
            row.get("disclosure_mode") or "主动公开",
            DISCLOSURE_LABELS,
            DisclosureMode.values,
            problems=problems,
            message=f"{where}：公开方式“{{value}}”应为 主动公开、依申请公开 或 不予公开",
        ),
        "non_disclosure_reason": _choice(
            row.get("non_disclosure_reason"),
            NON_DISCLOSURE_LABELS,
            NonDisclosureReason.values,
            problems=problems,
            message=f"{where}：不主动公开理由“{{value}}”无法识别",
        ),
        "disclosure_scope": str(row.get("disclosure_scope") or "面向全社会").strip(),
        "keywords": str(row.get("keywords") or "").strip(),
        "is_major": _bool(row.get("is_major")),
        "body": body,
    }
    if len(problems) > before:
        return None, issuers, unit, services_found, []
    return fields, issuers, unit, services_found, _as_list(row.get("relations"))
