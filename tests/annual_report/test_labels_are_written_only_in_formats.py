"""No label is spelled outside formats.py: renderers, checks and forms read the definition."""

from __future__ import annotations

import ast
from pathlib import Path

from gongkai.annual_report import formats as F

PACKAGE = Path(F.__file__).parent
# Legal terms that are also the ordinary words of prose (被申请行政复议, 登记规范性文件 …);
# as labels they are still printed only from formats.py.
ORDINARY_WORDS = {"行政复议", "行政诉讼", "行政许可", "行政处罚", "行政强制", "规范性文件", "行政规范性文件"}


def _string_literals(source: str) -> list[str]:
    """String constants of a module, without docstrings (comments are not tokens at all)."""
    tree = ast.parse(source)
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                docstrings.add(id(first.value))
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def test_no_official_label_is_written_outside_the_format_definition():
    labels = {label for v in F.FORMAT_VERSIONS for label in F.all_labels(F.get_format(v))} | {F.ITEM_HEADER}
    distinctive = {label for label in labels if len(label) >= 4} - ORDINARY_WORDS
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "formats.py" or "migrations" in path.parts:
            continue
        for literal in _string_literals(path.read_text(encoding="utf-8")):
            offenders += [f"{path.relative_to(PACKAGE)}: “{label}” in “{literal[:40]}”" for label in distinctive if label in literal]
    assert offenders == []


def test_the_scanner_finds_a_label_in_a_literal_but_not_in_a_docstring():
    source = '"""一、总体情况 in a docstring"""\nHEADING = "一、总体情况"\n'
    assert _string_literals(source) == ["一、总体情况"]
