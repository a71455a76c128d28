"""The report object's contract: annual-report.schema.json (a copy of shared/design's)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

SCHEMA_PATH = Path(__file__).resolve().parent / "data" / "annual-report.schema.json"


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema(), format_checker=FormatChecker())


def errors(report: Any) -> list[str]:
    """Schema violations of a report object, as readable lines (empty when valid)."""
    out = []
    for e in sorted(_validator().iter_errors(report), key=lambda e: list(e.path)):
        where = "/".join(str(p) for p in e.path) or "(根)"
        out.append(f"{where}: {e.message}")
    return out


def validate(report: Any) -> None:
    problems = errors(report)
    if problems:
        raise ValueError("年度报告不符合 annual-report.schema.json：\n" + "\n".join(problems))
