"""Benchmark of the content checker (gongkai/checker), run by hand.

    .venv/bin/python bench/checker_bench.py [--docs 1500] [--seed 2026] [--presidio /tmp/presidio-venv/bin/python]

What it does, in one run:

1. Builds a labelled corpus: realistic policy documents (bench/corpus.py, full of numbers that
   are *not* personal data: 发文字号, 索引号-like codes, amounts, dates, percentages, office
   telephones 0791-8xxxxxxx) into which it plants, at random places, known items — valid
   18- and 15-digit ID numbers, mobiles in five spellings, bank cards with context words, bank
   cards without context (UnionPay BIN, which the checker should report as ``warn``), credit
   codes, classification markings — and distractors that must not be reported: ID numbers with
   a wrong check character, non-Luhn numbers after 账号, postal codes, credit codes, amounts,
   索引号, office telephones, and the prose sentences about secrets from the seed document.
2. Scores the checker per kind: a finding counts when its kind matches and its span overlaps a
   planted item (``info`` findings do not count as positives, except for credit codes, which are
   ``info`` by design). Precision, recall.
3. Throughput on one core, on the clean corpus (no planted items): the full checker
   (``check_text`` with the default rule set), a plain regular-expression scan for the same
   personal-data patterns (ID, mobile, bank card; no validation, no context), and — if a Python
   with ``presidio-analyzer`` is given — Microsoft Presidio's pattern recognisers for the same
   three patterns plus its own CreditCardRecognizer, run without an NLP engine (the default
   AnalyzerEngine needs a spaCy model that cannot be downloaded here), also scored on the
   labelled corpus.
4. Writes ``bench/results/checker.json`` and ``checker.md`` with the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = Path(__file__).resolve().parent / "results"

PROSE_NEGATIVES = (
    "依法对拟公开的信息进行保密审查，防止泄露国家秘密、工作秘密和敏感信息。",
    "加强对个人隐私和商业秘密的保护。",
    "涉及国家秘密的政府信息不予公开。",
    "机关内部资料的管理应当符合保密规定。",
)
MARKINGS = ("机密★5年", "秘密★长期", "绝密★", "内部资料  注意保存", "【内部资料】", "密级：秘密")

# The plain scan: the same three patterns, no validation, no context.
PLAIN_SCAN = re.compile(
    r"(?<!\d)(?:\d{17}[\dXx]|\d{15})(?![\dXx])"
    r"|(?<!\d)1[3-9]\d[ \-]?\d{4}[ \-]?\d{4}(?!\d)"
    r"|(?<!\d)(?:\d[ \-]?){15,18}\d(?!\d)"
)

PRESIDIO_SCRIPT = r"""
import json, sys, time
from presidio_analyzer import Pattern, PatternRecognizer
from presidio_analyzer.predefined_recognizers import CreditCardRecognizer
docs = json.load(open(sys.argv[1], encoding="utf-8"))
recognisers = [
    ("id_card", "CN_ID", PatternRecognizer(supported_entity="CN_ID", supported_language="zh",
        patterns=[Pattern("id18", r"(?<!\d)\d{17}[\dXx](?![\dXx])", 0.5), Pattern("id15", r"(?<!\d)\d{15}(?!\d)", 0.3)])),
    ("mobile", "CN_MOBILE", PatternRecognizer(supported_entity="CN_MOBILE", supported_language="zh",
        patterns=[Pattern("mobile", r"(?<!\d)1[3-9]\d[ \-]?\d{4}[ \-]?\d{4}(?!\d)", 0.5)])),
    ("bank_card", "CREDIT_CARD", CreditCardRecognizer(supported_language="zh")),
]
spans = []
start = time.perf_counter()
for text in docs["clean"]:
    for _, entity, r in recognisers:
        r.analyze(text, [entity], None)
elapsed = time.perf_counter() - start
for text in docs["labelled"]:
    found = []
    for kind, entity, r in recognisers:
        found += [(kind, x.start, x.end) for x in r.analyze(text, [entity], None)]
    spans.append(found)
print(json.dumps({"seconds": elapsed, "spans": spans}))
"""


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    os.environ.setdefault("GONGKAI_VAR_DIR", tempfile.mkdtemp(prefix="gk-checker-bench-"))
    import django

    django.setup()


def plant(body: str, rng: random.Random) -> tuple[str, list[tuple[str, int, int]]]:  # noqa: PLR0912, PLR0915 — one branch per planted kind reads best as one list
    """Insert positives and distractors at sentence ends; return the text and the positives."""
    from gongkai.checker.tests import factories as make

    items: list[tuple[str | None, str]] = []
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(14)
        name = rng.choice("王李张刘陈杨黄赵吴周") + rng.choice("伟芳娜敏静丽强磊军洋")
        if choice == 0:
            items.append(("id_card", f"申请人{name}，身份证号码：§{make.id_number(rng)}§。"))
        elif choice == 1:
            items.append(("id_card", f"{name}（公民身份号码§{make.id_number_15(rng)}§）。"))
        elif choice == 2:
            items.append(("mobile", f"联系人{name}，手机§{make.mobile(rng, rng.randrange(5))}§。"))
        elif choice == 3:
            card = make.bank_card(rng, length=rng.choice((16, 19)), spaced=rng.random() < 0.5)
            items.append(("bank_card", f"补贴发放至{name}的银行卡号：§{card}§。"))
        elif choice == 4:
            items.append(("bank_card", f"编号§{make.bank_card(rng, length=19)}§已登记。"))
        elif choice == 5:
            items.append(("credit_code", f"统一社会信用代码：§{make.credit_code(rng)}§。"))
        elif choice == 6:
            items.append(("secret_marking", f"§{rng.choice(MARKINGS)}§\n"))
        elif choice == 7:
            items.append((None, f"号码{make.id_number(rng, valid=False)}有误。"))
        elif choice == 8:
            items.append((None, f"单位账号：{make.bank_card(rng, length=19, valid=False)}。"))
        elif choice == 9:
            items.append((None, f"邮编330038，咨询电话0791-8{rng.randrange(10**6, 10**7)}。"))
        elif choice == 10:
            year = rng.randrange(2015, 2026)
            items.append(
                (
                    None,
                    f"索引号：{make.credit_code(rng, '11')}/{year}-{rng.randrange(1, 99999):05d}。",
                )
            )
        elif choice == 11:
            items.append((None, f"总投资{make.plain_number(rng, rng.choice((11, 16, 18)))}元。"))
        elif choice == 12:
            items.append((None, rng.choice(PROSE_NEGATIVES)))
        else:
            items.append(
                (
                    None,
                    f"日期{rng.randrange(2015, 2026)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}。",
                )
            )
    ends = [m.end() for m in re.finditer("。", body)] or [len(body)]
    positions = sorted(rng.choice(ends) for _ in items)
    text, labels, last = [], [], 0
    offset = 0
    for (kind, raw), at in zip(items, positions, strict=True):
        text.append(body[last:at])
        offset += at - last
        last = at
        snippet = "\n" + raw if kind == "secret_marking" else raw
        clean = snippet.replace("§", "")
        if kind:
            a = snippet.index("§")
            b = snippet.index("§", a + 1)
            labels.append((kind, offset + a, offset + b - 1))
        text.append(clean)
        offset += len(clean)
    text.append(body[last:])
    return "".join(text), labels


def score(
    found: list[list[tuple[str, int, int]]],
    labels: list[list[tuple[str, int, int]]],
    kinds: list[str],
) -> dict:
    tp, fp, fn = Counter(), Counter(), Counter()
    for got, want in zip(found, labels, strict=True):
        for kind in kinds:
            g = [x for x in got if x[0] == kind]
            w = [x for x in want if x[0] == kind]
            matched = {
                i for i, (_, s, e) in enumerate(w) if any(gs < e and s < ge for _, gs, ge in g)
            }
            tp[kind] += len(matched)
            fn[kind] += len(w) - len(matched)
            fp[kind] += sum(1 for _, gs, ge in g if not any(gs < e and s < ge for _, s, e in w))
    out = {}
    for kind in kinds:
        p = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 1.0
        r = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else 1.0
        out[kind] = {
            "tp": tp[kind],
            "fp": fp[kind],
            "fn": fn[kind],
            "precision": round(p, 4),
            "recall": round(r, 4),
        }
    return out


def main() -> None:  # noqa: PLR0915 — the benchmark's steps, in order
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--presidio", default="/tmp/presidio-venv/bin/python")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    setup_django()
    from bench.corpus import Generator
    from gongkai.checker import check_text, default_ruleset

    generator = Generator(args.seed)
    rng = random.Random(args.seed)
    clean, labelled, labels, dates = [], [], [], []
    for n in range(args.docs):
        doc = generator.document(n)
        clean.append(doc.body)
        text, lab = plant(doc.body, rng)
        labelled.append(text)
        labels.append(lab)
        dates.append(doc.written_on)
    megabytes = sum(len(t.encode()) for t in clean) / 1e6
    chars = sum(len(t) for t in clean)
    default_ruleset()  # built once; not part of the scan time
    check_text("预热")

    kinds = ["id_card", "mobile", "bank_card", "credit_code", "secret_marking"]
    found = []
    for text, day in zip(labelled, dates, strict=True):
        found.append(
            [
                (f.kind, f.start, f.end)
                for f in check_text(text, written_on=day)
                if f.severity != "info" or f.kind == "credit_code"
            ]
        )
    quality = score(found, labels, kinds)
    false_kinds = Counter(
        f.kind for text in clean for f in check_text(text) if f.severity == "block"
    )

    def timed(fn) -> float:
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - start)
        return best

    full = timed(lambda: [check_text(t) for t in clean])
    plain = timed(lambda: [PLAIN_SCAN.findall(t) for t in clean])
    whole = "\n".join(clean)
    full_one = timed(lambda: check_text(whole))

    presidio: dict = {"available": False}
    if args.presidio and Path(args.presidio).exists():
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
            json.dump({"clean": clean, "labelled": labelled}, fh, ensure_ascii=False)
        script = Path(fh.name).with_suffix(".py")
        script.write_text(PRESIDIO_SCRIPT, encoding="utf-8")
        result = subprocess.run(
            [args.presidio, str(script), fh.name], capture_output=True, text=True, check=False
        )
        if result.returncode == 0:
            data = json.loads(result.stdout.strip().splitlines()[-1])
            presidio = {
                "available": True,
                "seconds": round(data["seconds"], 3),
                "mb_per_s": round(megabytes / data["seconds"], 2),
                "quality": score(
                    [[tuple(x) for x in s] for s in data["spans"]],
                    labels,
                    ["id_card", "mobile", "bank_card"],
                ),
            }
        else:
            presidio = {"available": False, "error": result.stderr[-500:]}

    report = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
            "cpus": os.cpu_count(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        },
        "corpus": {
            "documents": args.docs,
            "seed": args.seed,
            "megabytes_utf8": round(megabytes, 2),
            "characters": chars,
            "planted": dict(Counter(k for lab in labels for k, _, _ in lab)),
        },
        "quality": quality,
        "block_findings_in_clean_corpus": dict(false_kinds),
        "throughput_mb_per_s": {
            "checker_full_ruleset_per_document": round(megabytes / full, 2),
            "checker_full_ruleset_one_text": round(megabytes / full_one, 2),
            "plain_regex_scan": round(megabytes / plain, 2),
            "ratio_plain_over_checker": round(full / plain, 2),
            "presidio_pattern_recognisers": presidio.get("mb_per_s"),
        },
        "presidio": presidio,
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "checker.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (RESULTS / "checker.md").write_text(markdown(report), encoding="utf-8")
    print(markdown(report))


def markdown(r: dict) -> str:
    t = r["throughput_mb_per_s"]
    lines = [
        "# Content checker benchmark",
        "",
        (
            f"Run {r['date']} on {r['machine']['platform']}, Python {r['machine']['python']}, "
            f"{r['machine']['cpus']} CPUs (one core used; load average at start "
            f"{r['machine'].get('load_average_at_start')}: the machine is shared, so absolute MB/s vary "
            "between runs; the ratios are measured in the same run). "
            "`.venv/bin/python bench/checker_bench.py`."
        ),
        "",
        (
            f"Corpus: {r['corpus']['documents']} generated policy documents (bench/corpus.py), "
            f"{r['corpus']['megabytes_utf8']} MB UTF-8, {r['corpus']['characters']:,} characters; "
            f"planted items: {r['corpus']['planted']} plus distractors (IDs with a wrong check character, "
            "non-Luhn account numbers, postal codes, office telephones, 索引号, amounts, dates, prose about secrets)."
        ),
        "",
        "## Precision and recall (planted corpus)",
        "",
        "| kind | TP | FP | FN | precision | recall |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for kind, q in r["quality"].items():
        lines.append(
            f"| {kind} | {q['tp']} | {q['fp']} | {q['fn']} | {q['precision']:.4f} | {q['recall']:.4f} |"
        )
    lines += [
        "",
        f"`block` findings in the clean corpus (no planted items): {r['block_findings_in_clean_corpus'] or 'none'}.",
        "",
        (
            "Caveat: the planted items and distractors were written by the same hand as the rules, so "
            "these scores show that the rules do what they are meant to on the forms listed above; they "
            "are not a measurement on real published documents (no labelled real corpus is available here)."
        ),
        "",
        "## Throughput (one core, best of 3)",
        "",
        "| scanner | MB/s |",
        "|---|---:|",
        f"| checker, full rule set, document by document | {t['checker_full_ruleset_per_document']} |",
        f"| checker, full rule set, whole corpus as one text | {t['checker_full_ruleset_one_text']} |",
        f"| plain regular-expression scan (ID, mobile, card; no validation) | {t['plain_regex_scan']} |",
        f"| Presidio pattern recognisers (ID, mobile, CreditCardRecognizer) | {t['presidio_pattern_recognisers'] or 'n/a'} |",
        "",
        f"The plain scan is {t['ratio_plain_over_checker']}× as fast as the full checker.",
        "",
    ]
    p = r["presidio"]
    if p.get("available"):
        lines += [
            (
                "Presidio (presidio-analyzer, installed offline in a separate venv) was run with its "
                "recognisers called directly and no NLP engine: the default `AnalyzerEngine` loads a spaCy "
                "model (`en_core_web_lg`), which cannot be downloaded here. Its quality on the same corpus:"
            ),
            "",
            "| kind | precision | recall |",
            "|---|---:|---:|",
        ]
        for kind, q in p["quality"].items():
            lines.append(f"| {kind} | {q['precision']:.4f} | {q['recall']:.4f} |")
        lines.append("")
    else:
        lines += [
            f"Presidio not measured: {p.get('error', 'no Python with presidio-analyzer given')}",
            "",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
