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
from gongkai.library.validity import RelationKind
from gongkai.organisations.models import Organisation
from gongkai.organisations.selectors import find_organisation
from gongkai.servicecatalog.models import ServiceItem

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


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
RELATION_LABELS = {str(m.label): m.value for m in RelationKind} | {m.value: m.value for m in RelationKind}
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
    basis = "|".join([str(unit.pk), "".join(title.split()), doc_number or "", str(written_on or "")])
    return hashlib.sha256(basis.encode()).hexdigest()


def paragraphs_to_html(text: str) -> str:
    paras = [p.strip() for p in text.replace("\r\n", "\n").split("\n") if p.strip()]
    return "".join(f"<p>{escape(p)}</p>" for p in paras)


# --- Pages saved from websites ----------------------------------------------------------------


def import_policy_page(
    path: Path,
    *,
    organ: str | None = None,
    topic: str = "其他",
    doc_type: str = DocType.OTHER,
    publish: bool = True,
    actor: AbstractBaseUser | None = None,
) -> tuple[PolicyDocumentPage, bool]:
    """Import one page; returns (document, created). Raises ImportFailed."""
    name = path.name
    try:
        parsed = parse_policy_file(path, default_organ=organ)
    except PolicyParseError as exc:
        raise ImportFailed(name, list(exc.problems)) from exc
    except OSError as exc:
        raise ImportFailed(name, [f"{name}：无法读取文件（{exc.strerror}）"]) from exc
    return _save_parsed(parsed, organ=organ, topic=topic, doc_type=doc_type, publish=publish, actor=actor)


def _save_parsed(
    parsed: ParsedPolicy,
    *,
    organ: str | None,
    topic: str,
    doc_type: str,
    publish: bool,
    actor: AbstractBaseUser | None,
) -> tuple[PolicyDocumentPage, bool]:
    name = parsed.source_name
    problems: list[str] = []
    issuers: list[Organisation] = []
    for organ_name in parsed.organs:
        found = find_organisation(organ_name)
        if found is None:
            problems.append(f"{name}：发文机关“{organ_name}”不在机构库中，请先建立该机构或用 --organ 指定")
        else:
            issuers.append(found)
    unit = find_organisation(organ) if organ else (issuers[0] if issuers else None)
    if organ and unit is None:
        problems.append(f"{name}：--organ 指定的机构“{organ}”不存在")
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
    if problems:
        raise ImportFailed(name, problems)
    assert unit is not None and topic_obj is not None and parsed.written_on is not None
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
        "non_disclosure_reason": "" if mode == DisclosureMode.PROACTIVE else NonDisclosureReason.SPECIFIC_GROUP,
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
    "external_id", "title", "unit", "organs", "doc_number", "doc_type", "genre", "topic",
    "written_on", "published_on", "disclosure_mode", "non_disclosure_reason", "disclosure_scope",
    "keywords", "is_major", "valid_from", "valid_until", "abolished_on", "abolition_note",
    "body", "body_format", "services", "relations",
)
REQUIRED = ("external_id", "title", "organs", "doc_type", "topic", "written_on")


def read_bulk_file(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json":
        data = json.loads(text)
        rows = data["documents"] if isinstance(data, dict) else data
        if not isinstance(rows, list):
            raise ImportFailed(path.name, [f"{path.name}：JSON 应为文档数组或 {{\"documents\": [...]}}"])
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
def import_bulk(
    path: Path, *, publish: bool = True, actor: AbstractBaseUser | None = None
) -> ImportResult:
    """Import every row of a JSON or CSV file, or nothing when any row is wrong."""
    try:
        rows = read_bulk_file(path)
    except (json.JSONDecodeError, UnicodeDecodeError, KeyError) as exc:
        raise ImportFailed(path.name, [f"{path.name}：文件无法解析（{exc}）"]) from exc
    result = ImportResult(source=path.name)
    problems: list[str] = []
    prepared: list[tuple[str, dict[str, Any]]] = []
    seen: set[str] = set()
    line_offset = 2 if path.suffix.lower() == ".csv" else 1  # CSV: line 1 is the header
    for n, row in enumerate(rows):
        where = f"{path.name} 第{n + line_offset}{'行' if line_offset == 2 else '条'}"
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
    if problems:
        raise ImportFailed(path.name, problems)

    by_external: dict[str, PolicyDocumentPage] = {}
    pending_relations: list[tuple[str, PolicyDocumentPage, list[str]]] = []
    for where, row in prepared:
        fields, issuers, unit, svc, rel = _bulk_fields(row, where, problems)
        if fields is None or unit is None:
            continue
        ext_key = hashlib.sha256(f"bulk|{row['external_id']}".encode()).hexdigest()
        existing = PolicyDocumentPage.objects.filter(import_key=ext_key).first()
        fields["import_key"] = ext_key
        try:
            with transaction.atomic():
                # Published after relations are resolved, so that 三同步 and validity see them.
                page = services.policy_save(
                    actor=actor, unit=unit, issuers=issuers, publish=False, existing=existing,
                    services=svc, **fields,
                )
        except ValidationError as exc:
            problems.extend(f"{where}：{m}" for m in exc.messages)
            continue
        by_external[str(row["external_id"]).strip()] = page
        pending_relations.append((where, page, rel))
        (result.updated if existing else result.created).append(page)
    if problems:
        raise ImportFailed(path.name, problems)

    for where, page, rels in pending_relations:
        relations = []
        for item in rels:
            kind_label, _sep, target_id = item.partition(":")
            kind = RELATION_LABELS.get(kind_label.strip())
            target = by_external.get(target_id.strip()) or PolicyDocumentPage.objects.filter(
                index_number=target_id.strip()
            ).first()
            if kind is None or target is None:
                problems.append(f"{where}：文件关系“{item}”无法识别（格式：替代:external_id）")
                continue
            relations.append((kind, target))
        if relations:
            latest = page.get_latest_revision_as_object()
            page = services.policy_save(
                actor=actor, unit=latest.organisation, issuers=latest.organs, publish=False,
                existing=page, relations=relations,
            )
    if problems:
        raise ImportFailed(path.name, problems)
    if publish:
        for where, page, _rels in pending_relations:
            if page.disclosure_mode != DisclosureMode.PROACTIVE:
                continue
            try:
                page.get_latest_revision().publish(user=actor, skip_permission_checks=True)
            except ValidationError as exc:
                problems.extend(f"{where}：{m}" for m in exc.messages)
    if problems:
        raise ImportFailed(path.name, problems)
    return result


def _bulk_fields(
    row: dict[str, Any], where: str, problems: list[str]
) -> tuple[dict[str, Any] | None, list[Organisation], Organisation | None, list[ServiceItem], list[str]]:
    before = len(problems)
    issuers = []
    for name in _as_list(row.get("organs")):
        org = find_organisation(name)
        if org is None:
            problems.append(f"{where}：发文机关“{name}”不存在")
        else:
            issuers.append(org)
    unit = find_organisation(str(row["unit"])) if row.get("unit") else (issuers[0] if issuers else None)
    if row.get("unit") and unit is None:
        problems.append(f"{where}：发布单位“{row['unit']}”不存在")
    doc_type = DOC_TYPE_LABELS.get(str(row["doc_type"]).strip(), str(row["doc_type"]).strip())
    if doc_type not in DocType.values:
        problems.append(f"{where}：文种“{row['doc_type']}”应为 规章、行政规范性文件 或 其他文件")
    genre = str(row.get("genre") or "").strip()
    if genre and genre not in Genre.values:
        problems.append(f"{where}：公文种类“{genre}”无法识别")
    topic = find_topic(str(row["topic"]))
    if topic is None:
        problems.append(f"{where}：主题分类“{row['topic']}”不存在")
    mode_label = str(row.get("disclosure_mode") or "主动公开").strip()
    mode = DISCLOSURE_LABELS.get(mode_label, mode_label)
    if mode not in DisclosureMode.values:
        problems.append(f"{where}：公开方式“{mode_label}”应为 主动公开、依申请公开 或 不予公开")
    reason_label = str(row.get("non_disclosure_reason") or "").strip()
    reason = NON_DISCLOSURE_LABELS.get(reason_label, reason_label)
    if reason and reason not in NonDisclosureReason.values:
        problems.append(f"{where}：不主动公开理由“{reason_label}”无法识别")
    services_found = []
    for code in _as_list(row.get("services")):
        item = ServiceItem.objects.filter(code=code).first()
        if item is None:
            problems.append(f"{where}：办事事项编码“{code}”不存在")
        else:
            services_found.append(item)
    body = str(row.get("body") or "")
    if str(row.get("body_format") or "text").strip() != "html":
        body = paragraphs_to_html(body)
    fields = {
        "title": str(row["title"]).strip(),
        "doc_number": str(row.get("doc_number") or "").strip(),
        "doc_type": doc_type,
        "genre": genre,
        "topic": topic,
        "written_on": _date(row.get("written_on"), "成文日期", where, problems),
        "published_on": _date(row.get("published_on"), "发布日期", where, problems),
        "valid_from": _date(row.get("valid_from"), "施行日期", where, problems),
        "valid_until": _date(row.get("valid_until"), "有效期至", where, problems),
        "abolished_on": _date(row.get("abolished_on"), "废止日期", where, problems),
        "abolition_note": str(row.get("abolition_note") or "").strip(),
        "disclosure_mode": mode,
        "non_disclosure_reason": reason,
        "disclosure_scope": str(row.get("disclosure_scope") or "面向全社会").strip(),
        "keywords": str(row.get("keywords") or "").strip(),
        "is_major": _bool(row.get("is_major")),
        "body": body,
    }
    if len(problems) > before:
        return None, issuers, unit, services_found, []
    return fields, issuers, unit, services_found, _as_list(row.get("relations"))
