"""The merge proposal shown for a text conflict: it may repeat, it must never drop."""

from hypothesis import given, settings
from hypothesis import strategies as st

from onsite.sync.textmerge import merge3, merge_all
from tests.properties import examples

LINES = st.lists(
    st.sampled_from(["We heard", "discharge is slow", "the ICB", "staff", "-"]), max_size=6
)


def test_edits_to_different_lines_are_both_taken():
    base = "Strengths\nrota thin\nmorale ok\n"
    assert (
        merge3(base, "Strengths\nrota very thin\nmorale ok\n", "Strengths\nrota thin\nmorale low\n")
        == "Strengths\nrota very thin\nmorale low\n"
    )


def test_edits_to_the_same_line_are_both_kept():
    assert merge3("a\nb\nc\n", "a\nB1\nc\n", "a\nB2\nc\n") == "a\nB1\nB2\nc\n"


def test_no_common_version_keeps_both_texts():
    assert merge_all("", ["first text", "second text"]) == "first text\nsecond text"


@settings(max_examples=examples(200), deadline=None)
@given(LINES, LINES, LINES)
def test_every_line_either_side_added_is_in_the_proposal(base, ours, theirs):
    join = "\n".join
    proposal = merge3(join(base), join(ours), join(theirs)).split("\n")
    for line in set(ours) - set(base) | set(theirs) - set(base):
        assert line in proposal


@settings(max_examples=examples(100), deadline=None)
@given(LINES, LINES)
def test_one_sided_edits_are_taken_whole(base, ours):
    join = "\n".join
    assert merge3(join(base), join(ours), join(base)) == join(ours)
    assert merge3(join(base), join(base), join(ours)) == join(ours)
