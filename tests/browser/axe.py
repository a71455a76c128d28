"""Run axe-core (vendored, tests/browser/vendor/axe.min.js) in a Playwright page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
SERIOUS = {"serious", "critical"}


def serious_violations(page: Any) -> list[str]:
    """WCAG 2.0/2.1 A and AA rules; returns "rule: target" lines for serious or critical ones."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        f"{v['id']} ({v['impact']}): {', '.join(str(n['target']) for n in v['nodes'][:3])}"
        for v in result["violations"]
        if v["impact"] in SERIOUS
    ]
