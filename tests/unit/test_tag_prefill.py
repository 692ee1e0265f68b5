"""What the tag dialog starts from, and the editor's advice on tags: pure functions."""

from onsite.evidence.tags import hashtag_spans, marker_span, passage_at, tags_in, unknown_tag_advice

LOOKUP = {
    "workforce": "workforce",
    "staff": "workforce",
    "leadership": "leadership",
    "system-leadership-and-relationships": "leadership",
    "integration": "integration",
}
NOTE = (
    "# Interview\n\n- [+] the hub halves waits #integration\n- [-] no weekend social work\n"
    "  and nobody covers #staff\n\nA paragraph\nover two lines.\n"
)


def test_the_cursor_bullet_is_the_passage_without_its_list_marker():
    at = NOTE.index("halves")
    start, end = passage_at(NOTE, at)
    assert NOTE[start:end] == "[+] the hub halves waits #integration"
    start, end = passage_at(NOTE, NOTE.index("nobody"))
    assert NOTE[start:end] == "[-] no weekend social work\n  and nobody covers #staff"
    start, end = passage_at(NOTE, NOTE.index("over two"))
    assert NOTE[start:end] == "A paragraph\nover two lines."
    assert passage_at(NOTE, 3) is None  # a heading
    assert passage_at(NOTE, NOTE.index("\n\n") + 1) is None  # a blank line


def test_inline_tags_prefill_lines_and_polarity_even_for_part_of_a_bullet():
    i = NOTE.index("no weekend")
    found = tags_in(NOTE, i, i + 5, LOOKUP)  # part of the bullet: its tags still count
    assert (found.theme_keys, found.polarity) == (["workforce"], "area for consideration")
    j = NOTE.index("the hub")
    assert tags_in(NOTE, j, j + 3, LOOKUP).polarity == "strength"
    k = NOTE.index("A paragraph")
    assert (
        tags_in(NOTE, k, k + 3, LOOKUP).theme_keys,
        tags_in(NOTE, k, k + 3, LOOKUP).polarity,
    ) == ([], "neutral")


def test_unknown_tags_get_a_did_you_mean_and_highlighting_tells_known_from_unknown():
    advice = unknown_tag_advice("- good #leadrship and #wrkforce and #zzz\n", LOOKUP)
    assert advice == [
        "#leadrship is not a line of enquiry: did you mean #leadership?",
        "#wrkforce is not a line of enquiry: did you mean #workforce?",
        "#zzz is not a line of enquiry.",
    ]
    assert unknown_tag_advice("`#leadrship` in code\n", LOOKUP) == []
    line = "- [-] a #leadership b #xx"
    assert hashtag_spans(line, LOOKUP) == [(8, 19, True), (22, 25, False)]
    assert marker_span(line) == (2, 5, "area for consideration")
    assert marker_span("- text then [+]") is None
