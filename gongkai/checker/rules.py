"""The checker's rule data: term lists and facts read from gongkai/checker/data and from operators'
--rules files, compiled once into a Ruleset (Aho-Corasick automata for the term lists).

File formats are described in docs/checker.md.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ahocorasick_rs

from gongkai.checker.findings import SEVERITIES

DATA_DIR = Path(__file__).resolve().parent / "data"


class RulesError(ValueError):
    """A rule file is malformed; the message says where, in Chinese."""


@dataclass(frozen=True)
class Leader:
    """A leader's title for a period in office (``to`` None: still in office)."""

    name: str
    title: str
    start: dt.date
    end: dt.date | None
    unit: str = ""

    def holds_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Renaming:
    """An institution renamed or merged on ``date``: texts dated later should use ``new``."""

    old: str
    new: str
    date: dt.date


class Haystack:
    """A text and its UTF-8 bytes, encoded once for all the term lists (matching bytes is about
    twice as fast as matching ``str``, which ahocorasick-rs would encode on every call)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.data = text.encode("utf-8")

    def char_offsets(self, byte_offsets: Iterable[int]) -> dict[int, int]:
        """Byte offsets → character offsets, decoding each stretch of the text once."""
        result: dict[int, int] = {}
        chars = position = 0
        for offset in sorted(set(byte_offsets)):
            chars += len(self.data[position:offset].decode("utf-8"))
            position = offset
            result[offset] = chars
        return result


class _Terms:
    """A term list compiled into one leftmost-longest Aho-Corasick automaton."""

    def __init__(self, terms: Iterable[str]) -> None:
        self.terms: list[str] = sorted({t for t in terms if t})
        self._automaton = (
            ahocorasick_rs.BytesAhoCorasick(
                [t.encode("utf-8") for t in self.terms],
                matchkind=ahocorasick_rs.MATCHKIND_LEFTMOST_LONGEST,
                implementation=ahocorasick_rs.Implementation.DFA,
            )
            if self.terms
            else None
        )

    def find(self, haystack: Haystack) -> list[tuple[str, int, int]]:
        if self._automaton is None:
            return []
        matches = self._automaton.find_matches_as_indexes(haystack.data)
        if not matches:
            return []
        chars = haystack.char_offsets(x for _, s, e in matches for x in (s, e))
        return [(self.terms[i], chars[s], chars[e]) for i, s, e in matches]


@dataclass
class Ruleset:
    """The compiled rules. Build with :func:`load_ruleset` (or :func:`default_ruleset`, cached)."""

    sensitive_words: dict[str, str]  # term -> severity
    wrong_expressions: dict[str, str]  # wrong -> correct
    leaders: list[Leader]
    renamings: list[Renaming]
    provinces: dict[str, str]  # GB/T 2260 2-digit code -> name
    cities: dict[str, str]  # 4-digit prefix -> name
    reduplications: frozenset[str]
    aggregation_threshold: int = 5
    _sensitive: _Terms = field(init=False, repr=False)
    _wrong: _Terms = field(init=False, repr=False)
    _leader_names: _Terms = field(init=False, repr=False)
    _renamed: _Terms = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._sensitive = _Terms(self.sensitive_words)
        self._wrong = _Terms(self.wrong_expressions)
        self._leader_names = _Terms(leader.name for leader in self.leaders)
        self._renamed = _Terms(r.old for r in self.renamings)

    def find_sensitive(self, text: Haystack) -> list[tuple[str, int, int]]:
        return self._sensitive.find(text)

    def find_wrong(self, text: Haystack) -> list[tuple[str, int, int]]:
        return self._wrong.find(text)

    def find_leader_names(self, text: Haystack) -> list[tuple[str, int, int]]:
        return self._leader_names.find(text)

    def find_renamed(self, text: Haystack) -> list[tuple[str, int, int]]:
        return self._renamed.find(text)


def _lines(path: Path) -> Iterable[tuple[int, list[str]]]:
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if line and not line.startswith("#"):
            yield number, [part.strip() for part in line.split("\t")]


def _read_terms(path: Path, into: dict[str, str]) -> None:
    for number, parts in _lines(path):
        severity = parts[1] if len(parts) > 1 and parts[1] else "warn"
        if severity not in SEVERITIES:
            raise RulesError(
                f"{path.name} 第{number}行：级别应为 block、warn 或 info，而不是“{severity}”。"
            )
        into[parts[0]] = severity


def _read_pairs(path: Path, into: dict[str, str]) -> None:
    for number, parts in _lines(path):
        if len(parts) < 2 or not parts[1]:
            raise RulesError(f"{path.name} 第{number}行：应为“错误写法<TAB>正确写法”。")
        into[parts[0]] = parts[1]


def _date(value: Any, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise RulesError(f"{where}：日期“{value}”应写作 YYYY-MM-DD。") from None


def _leaders(items: Sequence[dict[str, Any]], where: str) -> list[Leader]:
    leaders = []
    for item in items:
        try:
            leaders.append(
                Leader(
                    name=item["name"],
                    title=item["title"],
                    start=_date(item["from"], where),
                    end=_date(item["to"], where) if item.get("to") else None,
                    unit=item.get("unit", ""),
                )
            )
        except KeyError as exc:
            raise RulesError(f"{where}：领导条目缺少“{exc.args[0]}”。") from None
    return leaders


def _renamings(items: Sequence[dict[str, Any]], where: str) -> list[Renaming]:
    try:
        return [Renaming(old=i["old"], new=i["new"], date=_date(i["date"], where)) for i in items]
    except KeyError as exc:
        raise RulesError(f"{where}：更名条目缺少“{exc.args[0]}”。") from None


def _read_regions(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    provinces: dict[str, str] = {}
    cities: dict[str, str] = {}
    for _, parts in _lines(path):
        code, name = parts[0], parts[1] if len(parts) > 1 else ""
        (provinces if len(code) == 2 else cities)[code] = name
    return provinces, cities


def _read_json_rules(
    path: Path,
    sensitive: dict[str, str],
    wrong: dict[str, str],
    leaders: list[Leader],
    renamings: list[Renaming],
) -> None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise RulesError(f"{path.name}：JSON 格式错误（第{exc.lineno}行）。") from None
    for item in data.get("sensitive_words", []):
        term, severity = (item, "warn") if isinstance(item, str) else (item[0], item[1])
        if severity not in SEVERITIES:
            raise RulesError(f"{path.name}：敏感词“{term}”的级别“{severity}”无效。")
        sensitive[term] = severity
    for pair in data.get("wrong_expressions", []):
        wrong[pair[0]] = pair[1]
    leaders.extend(_leaders(data.get("leaders", []), path.name))
    renamings.extend(_renamings(data.get("renamings", []), path.name))


def _read_rules_file(
    path: Path,
    sensitive: dict[str, str],
    wrong: dict[str, str],
    leaders: list[Leader],
    renamings: list[Renaming],
) -> None:
    """An operator's --rules file: JSON with any of the four keys, or text with [section] headers."""
    if not path.is_file():
        raise RulesError(f"规则文件不存在：{path}")
    if path.suffix.lower() == ".json":
        _read_json_rules(path, sensitive, wrong, leaders, renamings)
        return
    section = None
    for number, parts in _lines(path):
        if parts[0].startswith("[") and parts[0].endswith("]"):
            section = parts[0][1:-1].strip()
            continue
        if section == "sensitive_words":
            severity = parts[1] if len(parts) > 1 and parts[1] else "warn"
            if severity not in SEVERITIES:
                raise RulesError(f"{path.name} 第{number}行：级别“{severity}”无效。")
            sensitive[parts[0]] = severity
        elif section == "wrong_expressions":
            if len(parts) < 2:
                raise RulesError(f"{path.name} 第{number}行：应为“错误写法<TAB>正确写法”。")
            wrong[parts[0]] = parts[1]
        else:
            raise RulesError(
                f"{path.name} 第{number}行：请先写节名 [sensitive_words] 或 [wrong_expressions]。"
            )


def load_ruleset(
    extra_files: Sequence[Path] = (),
    *,
    sensitive_words: Sequence[str] = (),
    wrong_expressions: Sequence[tuple[str, str]] = (),
    aggregation_threshold: int = 5,
) -> Ruleset:
    """The shipped rules plus a unit's own terms (from the database) and operators' --rules files."""
    sensitive: dict[str, str] = {}
    wrong: dict[str, str] = {}
    _read_terms(DATA_DIR / "sensitive_words.txt", sensitive)
    _read_pairs(DATA_DIR / "wrong_expressions.txt", wrong)
    leaders_data = json.loads((DATA_DIR / "leaders.json").read_text(encoding="utf-8"))
    renamings_data = json.loads((DATA_DIR / "renamings.json").read_text(encoding="utf-8"))
    leaders = _leaders(leaders_data["leaders"], "leaders.json")
    renamings = _renamings(renamings_data["renamings"], "renamings.json")
    for path in extra_files:
        _read_rules_file(Path(path), sensitive, wrong, leaders, renamings)
    for term in sensitive_words:
        if term.strip():
            sensitive[term.strip()] = "warn"
    for wrong_form, correct in wrong_expressions:
        if wrong_form.strip() and correct.strip():
            wrong[wrong_form.strip()] = correct.strip()
    provinces, cities = _read_regions(DATA_DIR / "regions.txt")
    reduplications = frozenset(parts[0] for _, parts in _lines(DATA_DIR / "reduplications.txt"))
    return Ruleset(
        sensitive_words=sensitive,
        wrong_expressions=wrong,
        leaders=leaders,
        renamings=renamings,
        provinces=provinces,
        cities=cities,
        reduplications=reduplications,
        aggregation_threshold=aggregation_threshold,
    )


@functools.cache
def default_ruleset() -> Ruleset:
    """The shipped rules, compiled once per process."""
    return load_ruleset()
