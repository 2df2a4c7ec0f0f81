"""Gongkai's Simplified Chinese catalogue (docs/i18n.md).

Our own code uses Chinese msgids, which need no entry. The catalogue under LOCALE_PATHS
(gongkai/locale/zh_Hans/LC_MESSAGES, looked up before every app's own) holds the translations
that the packages we use lack in zh_Hans: Wagtail's newer strings above all. These helpers
read it, find what is missing, and compile it without GNU gettext (polib, a dev dependency).
"""

# write-guard: module — writes .po files, not models.

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import CommandError

LANGUAGE_DIR = "zh_Hans"
DOMAINS = ("django", "djangojs")


def _polib() -> Any:
    try:
        import polib
    except ImportError as exc:  # pragma: no cover - dev dependency missing
        raise CommandError(
            "需要 polib：请安装开发依赖（pip install -e '.[dev]'）后再运行。"
        ) from exc
    return polib


def catalogue_dir() -> Path:
    return Path(settings.LOCALE_PATHS[0]) / LANGUAGE_DIR / "LC_MESSAGES"


def catalogue_path(domain: str) -> Path:
    return catalogue_dir() / f"{domain}.po"


@dataclass(frozen=True)
class Missing:
    domain: str
    msgid: str
    msgctxt: str | None
    where: str  # our catalogue (fuzzy/untranslated) or the package whose string it is
    fuzzy: bool = False

    def __str__(self) -> str:
        ctxt = f"[{self.msgctxt}] " if self.msgctxt else ""
        state = "（待确认 fuzzy）" if self.fuzzy else ""
        return f"{self.domain}: {ctxt}{self.msgid!r}{state}  — {self.where}"


def _load(path: Path) -> Any:
    return _polib().pofile(str(path), wrapwidth=100)


def _is_done(entry: Any) -> bool:
    return bool(entry.translated()) and "fuzzy" not in entry.flags


def untranslated_in_catalogue() -> list[Missing]:
    """Entries of our catalogue with no translation or marked fuzzy."""
    out = []
    for domain in DOMAINS:
        path = catalogue_path(domain)
        if not path.exists():
            continue
        for entry in _load(path):
            if entry.obsolete or _is_done(entry):
                continue
            out.append(
                Missing(domain, entry.msgid, entry.msgctxt, path.name, "fuzzy" in entry.flags)
            )
    return out


def _package_catalogues(domain: str) -> list[tuple[str, Path, Path | None]]:
    """(app label, source catalogue, its zh_Hans catalogue) for every installed app outside
    our own code that ships a source (en) catalogue, and Django's own."""
    out = []
    for config in apps.get_app_configs():
        if config.name.startswith("gongkai."):
            continue
        base = Path(config.path) / "locale"
        source = base / "en" / "LC_MESSAGES" / f"{domain}.po"
        if source.exists():
            zh = base / LANGUAGE_DIR / "LC_MESSAGES" / f"{domain}.po"
            out.append((config.label, source, zh if zh.exists() else None))
    return out


def untranslated_in_packages() -> list[tuple[Missing, Any]]:
    """Strings of the installed packages that neither their zh_Hans catalogue nor ours
    translates, with the source entry (to copy into our catalogue)."""
    out = []
    for domain in DOMAINS:
        ours_path = catalogue_path(domain)
        ours = {(e.msgctxt, e.msgid) for e in _load(ours_path)} if ours_path.exists() else set()
        seen: set[tuple[str | None, str]] = set()
        for label, source, zh in _package_catalogues(domain):
            theirs = {(e.msgctxt, e.msgid): e for e in _load(zh)} if zh else {}
            for entry in _load(source):
                key = (entry.msgctxt, entry.msgid)
                if entry.obsolete or key in ours or key in seen:
                    continue
                translated = theirs.get(key)
                if translated is not None and _is_done(translated):
                    continue
                seen.add(key)
                out.append((Missing(domain, entry.msgid, entry.msgctxt, label), entry))
    return out


def add_to_catalogue(entries: list[tuple[Missing, Any]]) -> int:
    """Copy package strings into our catalogue, untranslated, for a translator to fill in."""
    polib = _polib()
    added = 0
    for domain in DOMAINS:
        todo = [e for m, e in entries if m.domain == domain]
        if not todo:
            continue
        path = catalogue_path(domain)
        po = _load(path) if path.exists() else _new_catalogue(polib)
        for source in todo:
            entry = polib.POEntry(
                msgid=source.msgid,
                msgctxt=source.msgctxt,
                msgid_plural=source.msgid_plural,
                occurrences=source.occurrences[:3],
                flags=[f for f in source.flags if f != "fuzzy"],
            )
            if source.msgid_plural:
                entry.msgstr_plural = {0: ""}
            po.append(entry)
            added += 1
        path.parent.mkdir(parents=True, exist_ok=True)
        po.save(str(path))
    return added


def _new_catalogue(polib: Any) -> Any:
    po = polib.POFile(wrapwidth=100)
    po.metadata = {
        "Project-Id-Version": "gongkai",
        "Language": LANGUAGE_DIR,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=1; plural=0;",
    }
    return po


def compile_catalogue() -> list[Path]:
    """Write the .mo beside each .po of our catalogue (what `msgfmt` does); fuzzy entries are
    left out, as msgfmt does."""
    written = []
    for domain in DOMAINS:
        path = catalogue_path(domain)
        if not path.exists():
            continue
        po = _load(path)
        for entry in po:
            if "fuzzy" in entry.flags:
                entry.obsolete = True  # polib leaves obsolete entries out of the .mo
        target = path.with_suffix(".mo")
        po.save_as_mofile(str(target))
        written.append(target)
    return written
