"""No module over 500 lines, word lists aside: a module that grows past it is split by what it
does (README, "How it is built")."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 500
WORD_LISTS = {"onsite/synth/text.py"}  # phrase banks for synthetic notes: data, not code


def test_no_module_over_500_lines_but_word_lists():
    sizes = {
        p.relative_to(ROOT).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
        for folder in ("onsite", "screens")
        for p in (ROOT / folder).rglob("*.py")
    }
    assert len(sizes) > 100
    assert {name: n for name, n in sizes.items() if n > LIMIT and name not in WORD_LISTS} == {}
    assert all(sizes[name] > LIMIT for name in WORD_LISTS)  # still long, or drop it from the list
