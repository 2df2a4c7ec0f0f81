"""The text a person sees on an HTML page, and the runs of English words in it.

Used by the test that keeps the admin in Chinese (core/tests/test_admin_language.py) and by
anyone who wants to check a page by hand. Visible text is every text node outside <script>
and <style>, an <iframe>'s fallback and a <textarea>'s content being edited (<template>
contents included: they are shown when a row is added) plus the
attributes a browser shows or reads out: placeholder, title, aria-label, alt, the value of
buttons, and Wagtail's tooltip text.
"""

from __future__ import annotations

import re

import lxml.html

SHOWN_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt", "data-w-tooltip-content-value")
BUTTON_TYPES = {"submit", "button", "reset"}

# Allowed English, each for a reason (docs/i18n.md): names of products and standards, file
# types, and abbreviations that Chinese government text itself uses in Latin letters.
ALLOWED_WORDS = {
    # Brand and product names
    "wagtail", "gongkai", "django", "javascript", "chromium", "python", "markdown", "excel",
    "word", "chinesecalendar", "localhost",
    # The example slug in the unit form's help text (fgw = 发展和改革委员会)
    "fgw",
    # File types and formats
    "pdf", "doc", "docx", "xls", "xlsx", "csv", "txt", "png", "jpg", "jpeg", "gif", "svg",
    "webp", "avif", "heic", "ico", "zip", "html", "json", "xml", "rss", "atom", "odt", "ods",
    "ofd", "wps", "tsv",
    # Keys as printed on the keyboard (Wagtail's list of keyboard shortcuts)
    "ctrl", "alt", "shift", "esc", "enter", "tab", "cmd", "option",
    # Abbreviations used as such in Chinese text
    "url", "api", "id", "qr", "ip", "app", "totp", "http", "https", "email", "mb", "kb", "gb", "utc",
    "gmt", "cst", "px", "ok", "ca", "pc",
}  # fmt: skip

# Not words but identifiers: e-mail addresses, URLs and paths, file names, slugs and codes with
# a digit, hyphen or underscore (u12, editor_a, JIAJU-0001), template syntax ({{ court }}).
_IDENTIFIERS = re.compile(
    r"""
      \{\{.*?\}\}|\{%.*?%\}                  # template syntax shown to editors (letter templates)
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+          # e-mail address
    | (?:https?:)?//\S+                     # URL
    | (?<![\w])/[\w\-./%?=&]*               # path
    | [\w\-]+\.[A-Za-z0-9]{2,5}\b           # file name or host
    | \b\w+(?:\.\w+)+\b                     # dotted code (reply.public)
    | \b\w*[\d_]\w*(?:-\w+)*\b              # token with a digit or underscore
    | \b[A-Za-z]+(?:-[A-Za-z0-9]+)+\b       # hyphenated slug
    """,
    re.VERBOSE,
)
_RUN = re.compile(r"[A-Za-z][A-Za-z'’]*(?:[ \t]+[A-Za-z][A-Za-z'’]*)*")


def visible_texts(html: str) -> list[str]:
    """The visible texts of an HTML page, one string per text node or shown attribute."""
    if not html.strip():
        return []
    root = lxml.html.document_fromstring(html)
    for element in list(root.iter("script", "style")):
        element.drop_tree()
    texts: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        if element.tag in ("script", "style"):
            continue
        # An iframe's own text is fallback markup, never shown; a textarea's is the content
        # being edited (users' data, e.g. a letter template's text), not interface text.
        # Hidden elements count (scripts show them), except Python's None printed into a
        # hidden slot that a script fills before showing it (Wagtail's side-panel counter).
        placeholder = element.get("hidden") is not None and (element.text or "").strip() == "None"
        if (
            element.tag not in ("iframe", "textarea")
            and not placeholder
            and element.text
            and element.text.strip()
        ):
            texts.append(element.text.strip())
        if element.tail and element.tail.strip():
            texts.append(element.tail.strip())
        for name in SHOWN_ATTRIBUTES:
            value = element.get(name)
            if value and value.strip():
                texts.append(value.strip())
        if (
            element.tag == "input"
            and element.get("type", "") in BUTTON_TYPES
            and element.get("value")
        ):
            texts.append(element.get("value", "").strip())
    return texts


def english_runs(text: str) -> list[str]:
    """Runs of English words in a text, less identifiers and allowed words."""
    text = _IDENTIFIERS.sub(" ", text)
    runs = []
    for match in _RUN.finditer(text):
        words = [w for w in re.split(r"[ \t]+", match.group()) if w]
        if all(w.lower().strip("'’") in ALLOWED_WORDS or len(w) == 1 for w in words):
            continue
        runs.append(match.group())
    return runs


def english_on_page(html: str) -> list[str]:
    """Every distinct run of English words visible on an HTML page."""
    found: dict[str, None] = {}
    for text in visible_texts(html):
        for run in english_runs(text):
            found.setdefault(run, None)
    return list(found)
