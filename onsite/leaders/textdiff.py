"""Line diffs and a three-way merge, for daily updates the lead peer edits.

When findings change, the update's draft is generated again. The lead's words are never
replaced: the changes between the old draft and the new one are applied to the lead's text
where the lead has not edited the same lines; where they have, the lead's lines stay and
the clash is counted, for the lead to settle by reading the diff.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class LineChange:
    sign: str  # "+" added, "-" removed
    text: str

    def __str__(self) -> str:
        return f"{self.sign} {self.text}"


def changes(old: str, new: str) -> list[LineChange]:
    """Lines removed and added between two texts, in order; blank lines left out."""
    a, b = old.splitlines(), new.splitlines()
    out: list[LineChange] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            out += [LineChange("-", line) for line in a[i1:i2] if line.strip()]
        if op in ("insert", "replace"):
            out += [LineChange("+", line) for line in b[j1:j2] if line.strip()]
    return out


def unified(old: str, new: str, old_name: str = "before", new_name: str = "after") -> str:
    return "\n".join(
        difflib.unified_diff(old.splitlines(), new.splitlines(), old_name, new_name, lineterm="")
    )


@dataclass(frozen=True)
class Merged:
    text: str
    clashes: int  # places where both changed the same lines: the lead's lines were kept


def merge3(base: str, ours: str, theirs: str) -> Merged:
    """Apply the change base -> theirs to ours, keeping ours wherever both changed."""
    if ours == base:
        return Merged(theirs, 0)
    if theirs == base or theirs == ours:
        return Merged(ours, 0)
    o, a, b = (
        base.splitlines(keepends=True),
        ours.splitlines(keepends=True),
        theirs.splitlines(keepends=True),
    )
    for lines in (o, a, b):
        _newline(lines)
    out: list[str] = []
    clashes = 0
    zo = za = zb = 0
    for so, eo, sa, sb in _sync_regions(o, a, b):
        base_chunk, a_chunk, b_chunk = o[zo:so], a[za:sa], b[zb:sb]
        if a_chunk == base_chunk:
            out += b_chunk
        elif b_chunk == base_chunk or a_chunk == b_chunk:
            out += a_chunk
        else:
            out += a_chunk
            clashes += 1
        out += o[so:eo]
        zo, za, zb = eo, sa + (eo - so), sb + (eo - so)
    text = "".join(out)
    if not ours.endswith("\n") and text.endswith("\n"):
        text = text[:-1]
    return Merged(text, clashes)


def _newline(lines: list[str]) -> None:
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"


def _sync_regions(o: list[str], a: list[str], b: list[str]) -> list[tuple[int, int, int, int]]:
    """Stretches of the base that both sides kept: (base start, base end, ours start, theirs start)."""
    ma = difflib.SequenceMatcher(None, o, a, autojunk=False).get_matching_blocks()
    mb = difflib.SequenceMatcher(None, o, b, autojunk=False).get_matching_blocks()
    regions = []
    i = j = 0
    while i < len(ma) and j < len(mb):
        ao, aa, alen = ma[i]
        bo, bb, blen = mb[j]
        lo, hi = max(ao, bo), min(ao + alen, bo + blen)
        if lo < hi:
            regions.append((lo, hi, aa + lo - ao, bb + lo - bo))
        if ao + alen < bo + blen:
            i += 1
        else:
            j += 1
    regions.append((len(o), len(o), len(a), len(b)))
    return regions
