"""Run axe-core (bundled by the axe-playwright-python package) on a page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_script() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def serious_violations(page: Any) -> list[str]:
    """Serious and critical WCAG 2.1 A/AA violations on the page, one line each."""
    # Colours are measured as they are at that moment: a message still fading in (the admin's
    # .success banner) reads as low contrast. Let finite animations end first (at most 3 s).
    page.evaluate(
        """() => Promise.race([
            Promise.all(document.getAnimations()
                .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
                .map(a => a.finished.catch(() => null))),
            new Promise(done => setTimeout(done, 3000)),
        ])"""
    )
    page.evaluate(axe_script())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def assert_accessible(page: Any) -> None:
    """Fails the walk with the page's serious WCAG 2.1 A/AA violations, one per line."""
    problems = serious_violations(page)
    assert not problems, f"{page.url}:\n" + "\n".join(problems)
