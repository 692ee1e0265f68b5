"""Excerpts stay on their passage through any edit, or are flagged orphaned: never lost."""

from hypothesis import given, settings
from hypothesis import strategies as st

from onsite.evidence.anchor import anchor_at, find, reanchor
from tests.properties import examples

ALPHABET = st.sampled_from(list("ab \n#-.xyz"))  # small, so repeats and near-repeats are common
texts = st.text(ALPHABET, min_size=1, max_size=120)


def occurrences(text: str, quote: str) -> int:
    """Overlapping ones too: str.count misses them."""
    return sum(text.startswith(quote, i) for i in range(len(text)))


@st.composite
def note_and_passage(draw):
    text = draw(texts)
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, start, end


@st.composite
def edits(draw, text):
    """A replacement of text[i:j] by some new text."""
    i = draw(st.integers(0, len(text)))
    j = draw(st.integers(i, len(text)))
    return i, j, draw(st.text(ALPHABET, max_size=20))


@settings(max_examples=examples(400))
@given(st.data())
def test_after_any_edits_an_anchor_points_at_its_quote_or_is_orphaned(data):
    text, start, end = data.draw(note_and_passage())
    anchor = anchor_at(text, start, end)
    for _ in range(data.draw(st.integers(1, 5))):
        i, j, insert = data.draw(edits(text))
        new = text[:i] + insert + text[j:]
        anchor = reanchor(anchor, text, new)
        text = new
        if not anchor.orphaned:
            assert text[anchor.start : anchor.end] == anchor.quote


@settings(max_examples=examples(400))
@given(st.data())
def test_an_edit_away_from_the_passage_keeps_it_in_place(data):
    text, start, end = data.draw(note_and_passage())
    anchor = anchor_at(text, start, end)
    before = data.draw(st.booleans())
    i = data.draw(st.integers(0, start) if before else st.integers(end, len(text)))
    j = data.draw(st.integers(i, start) if before else st.integers(i, len(text)))
    insert = data.draw(st.text(ALPHABET, max_size=20))
    new = text[:i] + insert + text[j:]
    moved = reanchor(anchor, text, new)
    assert not moved.orphaned
    assert new[moved.start : moved.end] == anchor.quote
    if occurrences(text, anchor.quote) == 1 and occurrences(new, anchor.quote) == 1:
        assert moved.start == start + (len(insert) - (j - i) if before else 0)


@given(note_and_passage(), st.text(ALPHABET, max_size=20))
def test_deleting_the_passage_flags_it_unless_the_same_words_are_still_there(case, insert):
    text, start, end = case
    anchor = anchor_at(text, start, end)
    new = text[:start] + text[end:]
    moved = reanchor(anchor, text, new)
    assert moved.orphaned == (anchor.quote not in new)


def test_context_picks_the_right_one_of_repeated_quotes():
    text = "ICB said yes. Council said yes. Trust said yes."
    start = text.index("yes", text.index("Council"))
    anchor = anchor_at(text, start, start + 3)
    rewritten = "Trust said yes. Council said yes. ICB said yes."
    found = find(anchor, rewritten)
    assert rewritten[found.start - 13 : found.start] == "Council said "
