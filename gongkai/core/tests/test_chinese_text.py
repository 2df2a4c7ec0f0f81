"""Chinese text done one way (docs/i18n.md, "Decision"; issue 13 item 7).

Our source text is Simplified Chinese and is its own msgid; there is no second language.
Four checks, each first shown to catch a violation in a small inline sample:

(a) settings.LANGUAGES offers Chinese only: no ("en", "English") with no catalogue behind it.
(b) Our templates show no English: the text nodes (outside tags, HTML comments, template
    comments and template syntax) and shown attributes hold no run of English words beyond
    the allow-list of gongkai.core.visible_text (PDF, URL, API, Gongkai…) and TEMPLATE_ALLOWED.
(c) A user message in our Python code — messages.success/error/warning/info/add_message,
    ValidationError, PermissionDenied, CommandError, Http404 — is no English literal, and is
    one whole sentence: no "+" concatenation of texts, no f-string around a translated piece,
    no "".join of fragments (use a named placeholder: _("已于%(date)s答复") % {"date": ...}).
    Tests, migrations and the browser walks are not scanned.
(d) `{% translate %}`/`{% blocktranslate %}` only with an English msgid, and only in an
    override of a Wagtail or Django template (a template of ours with the same name as one
    of theirs, whose strings their zh_Hans catalogue and ours translate). Our own templates
    write Chinese bare; a Chinese msgid never goes through `{% translate %}`.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.template.base import Lexer, Token, TokenType
from lxml.etree import ParserError

import gongkai
from gongkai.core.visible_text import english_runs, visible_texts

ROOT = Path(gongkai.__file__).resolve().parent
PROJECT = ROOT.parent

# Findings in files that other issue-13 helpers are rewriting at the same time. Each entry is
# (file, kind of finding). Owned by issue-13 helper, fixed at merge: the coordinator unwraps
# the Chinese {% translate %}/{% blocktranslate %} in these templates once the reports branch
# is merged (write the text bare; `{% blocktranslate with n=x %}…{{ n }}…` becomes `…{{ x }}…`),
# then deletes the entry. test_known_findings_are_still_there fails on an entry with nothing
# left to excuse, so the list cannot go stale.
KNOWN: set[tuple[str, str]] = set()


# --- shared -------------------------------------------------------------------------------------

# Placeholders and `code` (a command to type) are not English text.
_PLACEHOLDERS = re.compile(r"%\(\w+\)[sdifr]|%[sdifr]|\{[^{}]*\}|`[^`]*`")
_HAN = re.compile(r"[\u3400-\u9fff]")


def english_in(text: str) -> list[str]:
    """Runs of English words in a message; placeholders (%(name)s, {name}) and `code` left
    out."""
    return english_runs(_PLACEHOLDERS.sub(" ", text))


def rel(path: Path) -> str:
    return path.resolve().relative_to(PROJECT).as_posix()


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    kind: str
    text: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.path, self.kind)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.kind}: {self.text}"


def unexplained(findings: list[Finding]) -> list[str]:
    return [str(f) for f in findings if f.key not in KNOWN]


# --- (a) settings.LANGUAGES ---------------------------------------------------------------------


def language_problems(languages: list[tuple[str, str]], language_code: str) -> list[str]:
    codes = [code for code, _name in languages]
    problems = [f"second language offered: {code}" for code in codes if code != "zh-hans"]
    if language_code != "zh-hans":
        problems.append(f"LANGUAGE_CODE is {language_code}")
    if "zh-hans" not in codes:
        problems.append("zh-hans not offered")
    return problems


def test_language_check_catches_a_second_language() -> None:
    sample = [("zh-hans", "简体中文"), ("en", "English")]
    assert language_problems(sample, "zh-hans") == ["second language offered: en"]


def test_only_chinese_is_offered() -> None:
    assert language_problems(settings.LANGUAGES, settings.LANGUAGE_CODE) == []
    assert [code for code, _name in settings.WAGTAILADMIN_PERMITTED_LANGUAGES] == ["zh-hans"]
    assert [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES] == ["zh-hans"]
    assert "django.middleware.locale.LocaleMiddleware" not in settings.MIDDLEWARE


# --- templates: (b) and (d) ---------------------------------------------------------------------

_SKIPPED_BLOCKS = {"comment": "endcomment", "verbatim": "endverbatim"}
_TRANSLATE = {"translate", "trans"}
_UNDERSCORE = re.compile(r"""\b_\((["'])(.*?)\1\)""")
_BLOCK_TRANSLATE = {"blocktranslate": "endblocktranslate", "blocktrans": "endblocktrans"}


@dataclass(frozen=True)
class Msgid:
    line: int
    text: str


class _TemplateReader:
    """Walks a template's tokens: the markup with template syntax blanked out, and the
    translated msgids. Template comments, {% verbatim %} and the body of {% blocktranslate %}
    are left out of the markup; a {% translate %} becomes a blank (its msgid is checked by
    (d), not (b))."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.msgids: list[Msgid] = []
        self.end: str | None = None  # the end tag of the block being skipped
        self.body: list[str] | None = None  # the text of a {% blocktranslate %}
        self.start = 0

    def skipping(self, token: Token) -> None:
        kind = token.token_type
        if kind == TokenType.BLOCK and token.contents.split()[0] == self.end:
            if self.body is not None:
                self.msgids.append(Msgid(self.start, "".join(self.body).strip()))
            self.end, self.body = None, None
        elif self.body is not None and kind == TokenType.TEXT:
            self.body.append(token.contents)
        elif self.body is not None and kind == TokenType.VAR:
            self.body.append("%(x)s")

    def block(self, token: Token) -> None:
        bits = token.split_contents()
        name = bits[0]
        if name in _SKIPPED_BLOCKS:
            self.end = _SKIPPED_BLOCKS[name]
        elif name == "block" and len(bits) > 1 and bits[1].endswith("class"):
            self.end = "endblock"  # {% block bodyclass %}login{% endblock %}: a class name
        elif name in _BLOCK_TRANSLATE:
            self.end, self.body, self.start = _BLOCK_TRANSLATE[name], [], token.lineno
        elif name in _TRANSLATE and len(bits) > 1:
            literal = bits[1]
            if literal[:1] in "\"'" and literal[-1:] == literal[:1]:
                self.msgids.append(Msgid(token.lineno, literal[1:-1]))

    def token(self, token: Token) -> None:
        if self.end is not None:
            self.skipping(token)
        elif token.token_type == TokenType.TEXT:
            self.parts.append(token.contents)
        else:
            # A tag whose name is a variable (<{{ heading }}>) stays a tag.
            ends_tag = self.parts and self.parts[-1].endswith(("<", "</"))
            self.parts.append("span" if ends_tag else " ")
            for literal in _UNDERSCORE.finditer(token.contents):  # {{ x|default:_("…") }}
                self.msgids.append(Msgid(token.lineno, literal.group(2)))
            if token.token_type == TokenType.BLOCK:
                self.block(token)


def read_template(source: str) -> tuple[str, list[Msgid]]:
    """The template's markup with template syntax blanked out, and its translated msgids."""
    reader = _TemplateReader()
    for token in Lexer(source).tokenize():
        reader.token(token)
    return "".join(reader.parts), reader.msgids


# English that our templates show on purpose, beyond gongkai.core.visible_text.ALLOWED_WORDS:
# terms Chinese web text writes in Latin letters, and a command the administrator types.
TEMPLATE_ALLOWED = {
    "CSRF",  # 403_csrf.html: 安全校验信息（CSRF）, the name of the check
    "Cookie",  # 403_csrf.html: 浏览器禁用了 Cookie — the usual word in Chinese
    "gongkai otp reset",  # otp_verify.html: the command that resets a lost authenticator
}


def template_english(source: str, *, html: bool = True) -> list[str]:
    markup, _msgids = read_template(source)
    if html:
        markup = re.sub(r"<!--.*?-->", " ", markup, flags=re.S)
        try:
            texts = visible_texts(markup)
        except ParserError:  # nothing but whitespace and comments
            texts = []
    else:
        texts = [markup]
    return [run for text in texts for run in english_runs(text) if run not in TEMPLATE_ALLOWED]


def translate_problems(source: str, *, override: bool) -> list[tuple[int, str]]:
    """(line, problem) for every {% translate %} that the rule forbids."""
    _markup, msgids = read_template(source)
    problems = []
    for msgid in msgids:
        if _HAN.search(msgid.text):
            problems.append((msgid.line, f"Chinese msgid through translate: {msgid.text[:40]}"))
        elif not override:
            problems.append((msgid.line, f"translate outside a package override: {msgid.text}"))
    return problems


SAMPLE = """{% load i18n %}{# a comment with English words #}{% block bodyclass %}login{% endblock %}
<{{ heading|default:"h3" }} id="a">标题</{{ heading|default:"h3" }}> Cookie
<div title="{{ x }}" class="box">{% comment %}English here too{% endcomment %}
  <p>请于{{ date }}前答复 PDF</p><p>Reply by</p>
  <input type="submit" value="{% translate 'Search' %}">
  <button aria-label="Close window">×</button><!-- an English comment -->
  {{ a|default:_("未指定") }}{% translate "保存" %}{% blocktranslate with n=1 %}共 {{ n }} 件{% endblocktranslate %}
</div>"""


def test_template_checks_catch_english_and_translated_chinese() -> None:
    assert template_english(SAMPLE) == ["Reply by", "Close window"]
    assert [p for _line, p in translate_problems(SAMPLE, override=True)] == [
        "Chinese msgid through translate: 未指定",
        "Chinese msgid through translate: 保存",
        "Chinese msgid through translate: 共 %(x)s 件",
    ]
    assert [p for _line, p in translate_problems(SAMPLE, override=False)] == [
        "translate outside a package override: Search",
        "Chinese msgid through translate: 未指定",
        "Chinese msgid through translate: 保存",
        "Chinese msgid through translate: 共 %(x)s 件",
    ]
    assert template_english("Dear {{ name }}, 您好", html=False) == ["Dear"]


def our_templates() -> list[tuple[str, Path]]:
    """(template name, file) for every template in our apps."""
    out = []
    for directory in sorted(ROOT.glob("*/templates")):
        for path in sorted(directory.rglob("*")):
            if path.is_file() and path.suffix in (".html", ".txt"):
                out.append((path.relative_to(directory).as_posix(), path))
    return out


def package_template_dirs() -> list[Path]:
    dirs = [Path(django.__file__).parent / "forms" / "templates"]
    for config in apps.get_app_configs():
        if not config.name.startswith("gongkai."):
            directory = Path(config.path) / "templates"
            if directory.is_dir():
                dirs.append(directory)
    return dirs


def is_package_override(name: str) -> bool:
    return any((directory / name).is_file() for directory in package_template_dirs())


def test_overrides_are_recognised() -> None:
    assert is_package_override("wagtailadmin/home.html")
    assert not is_package_override("portal/home_page.html")


def template_findings() -> list[Finding]:
    findings = []
    for name, path in our_templates():
        source = path.read_text(encoding="utf-8")
        for run in template_english(source, html=path.suffix == ".html"):
            findings.append(Finding(rel(path), 0, "English in template", run))
        for line, problem in translate_problems(source, override=is_package_override(name)):
            findings.append(Finding(rel(path), line, "translate", problem))
    return findings


def test_our_templates_show_chinese_only() -> None:
    found = unexplained([f for f in template_findings() if f.kind == "English in template"])
    assert not found, "English text in templates:\n" + "\n".join(found)


def test_translate_only_in_package_overrides() -> None:
    found = unexplained([f for f in template_findings() if f.kind == "translate"])
    assert not found, (
        "{% translate %} against the rule (docs/i18n.md: Chinese written bare; translate "
        "only Wagtail's/Django's English in an override of their template):\n" + "\n".join(found)
    )


# --- (c) user messages in Python ----------------------------------------------------------------

_MESSAGE_FUNCTIONS = {"success", "error", "warning", "info", "debug"}
_EXCEPTIONS = {"ValidationError", "PermissionDenied", "CommandError", "Http404"}
_GETTEXT = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy", "ngettext"}


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _message_argument(call: ast.Call) -> ast.expr | None:
    """The message a call passes to the user, or None if the call is no user message."""
    func = call.func
    keywords = {k.arg: k.value for k in call.keywords}
    if isinstance(func, ast.Attribute) and _name(func.value) == "messages":
        if func.attr in _MESSAGE_FUNCTIONS:
            return call.args[1] if len(call.args) > 1 else keywords.get("message")
        if func.attr == "add_message":
            return call.args[2] if len(call.args) > 2 else keywords.get("message")
        return None
    if _name(func) in _EXCEPTIONS:
        return call.args[0] if call.args else keywords.get("message")
    return None


def _literal_texts(node: ast.expr) -> Iterator[str]:
    """The literal text in a message: plain strings and the msgids of gettext calls."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.Call) and _name(node.func) in _GETTEXT:
        for arg in node.args[:1]:
            yield from _literal_texts(arg)
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        yield from _literal_texts(node.left)  # "…%(x)s…" % {...}
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"  # "…{x}…".format(x=...)
    ):
        yield from _literal_texts(node.func.value)


def _is_text(node: ast.expr) -> bool:
    """A piece of sentence: a string literal, a translated string or an f-string."""
    return (
        (isinstance(node, ast.Constant) and isinstance(node.value, str))
        or isinstance(node, ast.JoinedStr)
        or (isinstance(node, ast.Call) and _name(node.func) in _GETTEXT)
    )


def _glued(node: ast.expr) -> bool:
    """A sentence built from fragments: texts joined by "+", an f-string with a translated
    piece in it, or "".join(...) of anything but whole messages (a ValidationError's
    .messages). One f-string holding one whole sentence with values in it (command output,
    not translated) is one sentence, not fragments."""
    if isinstance(node, ast.JoinedStr):
        return any(
            isinstance(v, ast.FormattedValue)
            and any(
                isinstance(n, ast.Call) and _name(n.func) in _GETTEXT for n in ast.walk(v.value)
            )
            for v in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _is_text(node.left) or _is_text(node.right) or _glued(node.left)
    if isinstance(node, ast.Call) and _name(node.func) == "join" and node.args:
        return "messages" not in ast.unparse(node.args[0])
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return _glued(node.left)
    return False


def message_problems(source: str, path: str = "<sample>") -> list[Finding]:
    findings = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        message = _message_argument(node)
        if message is None:
            continue
        if _glued(message):
            findings.append(Finding(path, node.lineno, "glued message", ast.unparse(message)))
            continue
        for text in _literal_texts(message):
            if english_in(text):
                findings.append(Finding(path, node.lineno, "English message", text))
    return findings


MESSAGE_SAMPLE = """
messages.success(request, "Saved")
messages.error(request, _("保存失败：%(why)s") % {"why": why})
raise ValidationError(_("Enter a date"))
raise ValidationError(_("日期无效"), code="invalid")
raise Http404(f"{name} 不存在")
raise PermissionDenied("无权操作" + extra)
raise CommandError("需要 `polib`：请安装（`pip install -e '.[dev]'`）后再运行。")
messages.add_message(request, messages.INFO, _("已于%(date)s答复") % {"date": d})
messages.info(request, f"{_('已答复')}：{title}")
raise CommandError("；".join(exc.messages))
messages.warning(request, "，".join([_("已保存"), _("未发布")]))
raise CommandError("install pip")
"""


def test_message_check_catches_english_and_glued_messages() -> None:
    assert [(f.line, f.kind) for f in message_problems(MESSAGE_SAMPLE)] == [
        (2, "English message"),
        (4, "English message"),
        (7, "glued message"),
        (10, "glued message"),
        (12, "glued message"),
        (13, "English message"),
    ]


def our_python_files() -> list[Path]:
    return [
        path
        for path in sorted(ROOT.rglob("*.py"))
        if not {"tests", "migrations", "e2e"} & set(path.relative_to(ROOT).parts)
        and path.name != "testing.py"
    ]


def test_user_messages_are_whole_chinese_sentences() -> None:
    findings = []
    for path in our_python_files():
        findings += message_problems(path.read_text(encoding="utf-8"), rel(path))
    found = unexplained(findings)
    assert not found, "User messages against docs/i18n.md:\n" + "\n".join(found)


def test_known_findings_are_still_there() -> None:
    """An allow-list entry whose finding is gone must be removed (so the list shrinks)."""
    findings = template_findings()
    for path in our_python_files():
        findings += message_problems(path.read_text(encoding="utf-8"), rel(path))
    keys = {f.key for f in findings}
    assert sorted(KNOWN - keys) == []
