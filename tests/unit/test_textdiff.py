"""Three-way merge of a daily update: the draft's changes reach the lead's text, never over it."""

from hypothesis import given, settings
from hypothesis import strategies as st

from onsite.leaders.textdiff import changes, merge3, unified
from tests.properties import examples

BASE = "# Day 1\n\n## Hearing\n\n- A\n- B\n\n## Tomorrow\n\n- Q1\n"


def test_unedited_text_takes_the_new_draft():
    new = BASE.replace("- B\n", "- B\n- C\n")
    assert merge3(BASE, BASE, new).text == new


def test_the_leads_edits_are_kept_and_the_drafts_changes_are_added():
    ours = BASE.replace("- A\n", "- A, as the lead words it\n")
    theirs = BASE.replace("- Q1\n", "- Q1\n- Q2\n")
    merged = merge3(BASE, ours, theirs)
    assert merged.clashes == 0
    assert "- A, as the lead words it\n" in merged.text and "- Q2\n" in merged.text


def test_a_clash_keeps_the_leads_lines_and_is_counted():
    ours = BASE.replace("- B\n", "- B (lead)\n")
    theirs = BASE.replace("- B\n", "- B (draft)\n")
    merged = merge3(BASE, ours, theirs)
    assert merged.clashes == 1 and "- B (lead)" in merged.text and "(draft)" not in merged.text


def test_no_change_in_the_draft_leaves_the_lead_alone():
    ours = "entirely rewritten by the lead"
    assert merge3(BASE, ours, BASE) == merge3(BASE, ours, BASE)
    assert merge3(BASE, ours, BASE).text == ours


def test_changes_and_unified_diff():
    new = BASE.replace("- A\n", "- A2\n")
    assert [str(c) for c in changes(BASE, new)] == ["- - A", "+ - A2"]
    assert "-- A\n+- A2" in unified(BASE, new)


LINES = st.lists(st.sampled_from(["- a", "- b", "- c", "## h", "", "text"]), max_size=8)


@settings(max_examples=examples(300), deadline=None)
@given(base=LINES, ours=LINES, theirs=LINES)
def test_merge_properties(base, ours, theirs):
    b, o, t = ("\n".join(x) + "\n" for x in (base, ours, theirs))
    assert merge3(b, o, b).text == o  # nothing new in the draft: the lead's text as it is
    assert merge3(b, b, t).text == t  # the lead edited nothing: the new draft
    assert merge3(b, o, o).text == o  # both made the same change
    merged = merge3(b, o, t)
    if merged.clashes == 0:
        for line in set(o.splitlines()) - set(b.splitlines()):
            assert line in merged.text.splitlines()  # the lead's additions survive
