"""A merge proposal for versions of a text that each changed the same earlier version.

A line-based three-way merge (diff3): lines that neither side changed anchor the texts;
between anchors, what only one side changed is taken from that side, and where both changed
the same lines differently both are kept, one after the other, because the person resolving
a conflict must see every word: they trim, Onsite never drops.
"""

from __future__ import annotations

from difflib import SequenceMatcher


def merge3(base: str, ours: str, theirs: str) -> str:
    """The proposal for `ours` and `theirs`, both edited from `base`."""
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    b, o, t = _lines(base), _lines(ours), _lines(theirs)
    to_ours, to_theirs = _matches(b, o), _matches(b, t)
    out: list[str] = []
    i = j = k = 0
    while True:
        if i < len(b) and to_ours.get(i) == j and to_theirs.get(i) == k:
            out.append(b[i])  # unchanged on both sides
            i, j, k = i + 1, j + 1, k + 1
            continue
        anchor = next((x for x in range(i, len(b)) if x in to_ours and x in to_theirs), None)
        if anchor is None:
            out.extend(_chunk(b[i:], o[j:], t[k:]))
            break
        out.extend(_chunk(b[i:anchor], o[j : to_ours[anchor]], t[k : to_theirs[anchor]]))
        i, j, k = anchor, to_ours[anchor], to_theirs[anchor]
    text = "".join(out)
    return text if ours.endswith("\n") or theirs.endswith("\n") else text.removesuffix("\n")


def merge_all(base: str, texts: list[str]) -> str:
    """Fold several heads into one proposal, each against the same base."""
    proposal = texts[0]
    for text in texts[1:]:
        proposal = merge3(base, proposal, text)
    return proposal


def _lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return lines


def _matches(base: list[str], other: list[str]) -> dict[int, int]:
    """Base line -> the same line in the other text, for lines the other left alone."""
    matcher = SequenceMatcher(None, base, other, autojunk=False)
    return {a + n: b + n for a, b, size in matcher.get_matching_blocks() for n in range(size)}


def _chunk(base: list[str], ours: list[str], theirs: list[str]) -> list[str]:
    if ours == base or ours == theirs:
        return theirs
    if theirs == base:
        return ours
    mine, other = _edits(base, ours), _edits(base, theirs)
    if not any(_clash(e, f) for e in mine for f in other):
        return _apply(base, sorted(mine + other, key=lambda e: (e[0], e[1])))
    return ours + [line for line in theirs if line not in ours]


def _edits(base: list[str], new: list[str]) -> list[tuple[int, int, list[str]]]:
    """(base start, base end, replacement) for each change from base to new."""
    matcher = SequenceMatcher(None, base, new, autojunk=False)
    return [(i1, i2, new[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _clash(e: tuple, f: tuple) -> bool:
    """Do two edits touch the same base lines (or insert at the same place)?"""
    (i1, i2, _), (k1, k2, _) = e, f
    if i1 == i2 and k1 == k2:
        return i1 == k1
    if i1 == i2:
        return k1 < i1 < k2
    if k1 == k2:
        return i1 < k1 < i2
    return max(i1, k1) < min(i2, k2)


def _apply(base: list[str], edits: list[tuple[int, int, list[str]]]) -> list[str]:
    out, position = [], 0
    for start, end, lines in edits:
        out += base[position:start] + lines
        position = max(position, end)
    return out + base[position:]
