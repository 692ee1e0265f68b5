"""The attribution guard: names in many positions, cases, possessives and line breaks."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from onsite.confidential.guard import (
    FULL_NAME,
    INITIAL_NAME,
    ROLE,
    SURNAME,
    TITLE_NAME,
    Guard,
    Person,
)
from onsite.confidential.guard_reading import fold, split_name
from tests.properties import examples

PEOPLE = [
    Person("Jane Roe", "director of public health", "Calder Council"),
    Person("Dr Ahmed Khan", "chief executive", "Calder ICB"),
    Person("Alan Ward", "chief executive", "Calder Council"),
    Person("Siobhán O'Neill-Brady", "ward sister", "Calder General"),
    Person("Will Young", "porter", "Calder General"),
    Person("Zoë Kowalczyk", "director of adult social services (DASS)", "Calder Council"),
    Person("Marie-Claire de la Fontaine", "head of nursing", "Calder General"),
    Person("Thompson, Gareth", "finance lead", "Vale Trust"),
    Person("Priya Shah", "ward sister", "Vale Trust"),
    Person("", "front-line staff", "Calder General", group=True),
    Person("Sam Hope", "carer", "", group=True),
]


@pytest.fixture(scope="module")
def guard():
    return Guard(PEOPLE)


def shown(guard, text):
    return [(h.shown, h.kind) for h in guard.check(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Jane Roe", "Jane Roe"),
        ("We heard from Jane Roe that", "Jane Roe"),
        ("jane roe", "jane roe"),
        ("JANE ROE", "JANE ROE"),
        ("(Jane Roe)", "Jane Roe"),
        ("Jane Roe's view", "Jane Roe's"),
        ("Jane Roe\u2019s view", "Jane Roe\u2019s"),
        ("as Jane Roe.", "Jane Roe"),
        ("Jane\nRoe said", "Jane Roe"),
        ("Jane\r\nRoe said", "Jane Roe"),
        ("- point by Jane\n  Roe", "Jane Roe"),
        ("> Jane\n> Roe", "Jane > Roe"),
        ("**Jane Roe**", "Jane Roe"),
        ("**Jane** Roe", "Jane** Roe"),
        ("_jane_ _roe_", "jane_ _roe"),
        ("Dr Jane Roe spoke", "Dr Jane Roe"),
        ("| Jane Roe | x |", "Jane Roe"),
    ],
)
def test_full_name_in_many_positions_and_cases(guard, text, expected):
    hits = guard.check(text)
    assert [(h.shown, h.kind) for h in hits] == [(expected, FULL_NAME)]


def test_position_is_line_and_column_one_based(guard):
    text = "# Day 2\n\nThe team heard a lot.\nIn the afternoon  jane\nroe said more.\n"
    [hit] = guard.check(text)
    assert (hit.line, hit.column) == (4, 19)
    assert hit.text == "jane\nroe"
    assert text[hit.start : hit.end] == hit.text


def test_several_hits_in_reading_order(guard):
    text = "Dr Khan and J. Roe met; later Kowalczyk's team and Mr Ward.\nAlso Jane Roe."
    assert [(h.line, h.column, h.shown) for h in guard.check(text)] == [
        (1, 1, "Dr Khan"),
        (1, 13, "J. Roe"),
        (1, 31, "Kowalczyk's"),
        (1, 52, "Mr Ward"),
        (2, 6, "Jane Roe"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Dr Khan",
        "dr khan",
        "DR KHAN",
        "Dr. Khan",
        "Cllr Khan",
        "Councillor Khan",
        "Prof Khan",
        "Professor Khan",
        "Mr Khan",
        "Mrs Khan",
        "Ms Khan",
        "Miss Khan",
        "Mx Khan",
        "Dr Khan's",
        "Dr\nKhan",
        "Dr.\nKhan",
    ],
)
def test_surname_with_a_title(guard, text):
    assert shown(guard, text) == [(" ".join(text.split()), TITLE_NAME)]


@pytest.mark.parametrize("text", ["J. Roe", "J Roe", "J.Roe", "j. roe", "J. Roe's", "J.\nRoe"])
def test_surname_with_an_initial(guard, text):
    assert shown(guard, text) == [(" ".join(text.split()), INITIAL_NAME)]


def test_the_initial_must_be_the_persons(guard):
    assert shown(guard, "K. Roe") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Khan", "Khan"),
        ("khan", "khan"),
        ("KHAN", "KHAN"),
        ("Khan's", "Khan's"),
        ("Khan\u2019s", "Khan\u2019s"),
        ("Kowalczyk", "Kowalczyk"),
        ("the Kowalczyk report", "Kowalczyk"),
        ("Thompson said", "Thompson"),
    ],
)
def test_a_distinctive_surname_alone(guard, text, expected):
    assert shown(guard, text) == [(expected, SURNAME)]


def test_a_surname_of_three_letters_alone_is_not_distinctive(guard):
    assert shown(guard, "Roe") == [] and shown(guard, "Shah") == [("Shah", SURNAME)]


@pytest.mark.parametrize(
    "text",
    [
        "a ward round",
        "Ward 7 was calm",
        "the ward sister's view",
        "we did not miss ward rounds",
        "staff will young people",
        "young people",
        "we hope",
        "Hope is high",
        "A Ward manager said",
        "I hope",
        "the chief executives",
        "chief executive officers across the system",
        "the discharge lounge",
        "Dr Foster data",
        "Mr Men",
        "a carer told us",
        "front-line staff",
        "Kowal",
        "Thompsons Lane",
        "Roebuck",
        "Khanate",
        "Shahid",
    ],
)
def test_no_false_hits_on_ordinary_words(guard, text):
    assert shown(guard, text) == []


def test_ordinary_word_names_count_when_written_as_names(guard):
    assert shown(guard, "Will Young") == [("Will Young", FULL_NAME)]
    assert shown(guard, "Miss Ward") == [("Miss Ward", TITLE_NAME)]
    assert shown(guard, "Mr Ward's office") == [("Mr Ward's", TITLE_NAME)]
    assert shown(guard, "A. Ward") == [("A. Ward", INITIAL_NAME)]
    assert shown(guard, "Alan Ward") == [("Alan Ward", FULL_NAME)]
    assert shown(guard, "alan ward") == [("alan ward", FULL_NAME)]  # Alan is not an ordinary word


@pytest.mark.parametrize(
    "text, expected, kind",
    [
        ("Siobhán O'Neill-Brady", "Siobhán O'Neill-Brady", FULL_NAME),
        ("Siobhan O'Neill-Brady", "Siobhan O'Neill-Brady", FULL_NAME),
        ("SIOBHAN O\u2019NEILL-BRADY", "SIOBHAN O\u2019NEILL-BRADY", FULL_NAME),
        ("Siobhán O'Neill-\nBrady", "Siobhán O'Neill- Brady", FULL_NAME),
        ("Ms O'Neill-Brady", "Ms O'Neill-Brady", TITLE_NAME),
        ("O'Neill-Brady's", "O'Neill-Brady's", SURNAME),
        ("o'neill", "o'neill", SURNAME),
        ("Brady", "Brady", SURNAME),
        ("Siobhán O'Neill\u2010Brady", "Siobhán O'Neill\u2010Brady", FULL_NAME),
        ("O'Neill\u2011Brady", "O'Neill\u2011Brady", SURNAME),
        ("Zoe Kowalczyk", "Zoe Kowalczyk", FULL_NAME),
        ("Zoe\u0308 Kowalczyk", "Zoe\u0308 Kowalczyk", FULL_NAME),  # decomposed accent
        ("Marie-Claire de la Fontaine", "Marie-Claire de la Fontaine", FULL_NAME),
        ("Ms de la Fontaine", "Ms de la Fontaine", TITLE_NAME),
        ("Fontaine's", "Fontaine's", SURNAME),
        ("Gareth Thompson", "Gareth Thompson", FULL_NAME),
    ],
)
def test_names_with_accents_apostrophes_hyphens_and_particles(guard, text, expected, kind):
    assert shown(guard, text) == [(expected, kind)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("the director of public health said", "director of public health"),
        ("The Director of Public Health's view", "Director of Public Health's"),
        ("the director of\npublic health", "director of public health"),
        ("the DASS was clear", "DASS"),
        ("director of adult social services", "director of adult social services"),
        ("the Calder ICB chief executive", "Calder ICB chief executive"),
        ("the ICB chief executive", "ICB chief executive"),
        ("the chief executive of Calder ICB", "chief executive of Calder ICB"),
        ("the chief executive at the Calder ICB", "chief executive at the Calder ICB"),
        ("the head of nursing", "head of nursing"),
        ("the Vale Trust finance lead", "Vale Trust finance lead"),
    ],
)
def test_a_role_only_one_person_holds(guard, text, expected):
    assert shown(guard, text) == [(expected, ROLE)]


@pytest.mark.parametrize(
    "text",
    [
        "the chief executive said",  # two chief executives
        "a ward sister said",  # two ward sisters
        "front-line staff told us",  # a focus group: a group, not one person
        "a carer said",
    ],
)
def test_a_role_held_by_more_than_one_or_by_a_group_is_not_reported(guard, text):
    assert [h for h in guard.check(text) if h.kind == ROLE] == []


def test_a_unique_role_of_ordinary_words_is_reported(guard):
    assert shown(guard, "the finance lead") == [("finance lead", ROLE)]


def test_the_same_role_in_two_sessions_is_still_one_person():
    guard = Guard(
        [
            Person("", "director of public health", "Calder Council"),
            Person("", "director of public health", "Calder Council"),
        ]
    )
    assert shown(guard, "the director of public health") == [("director of public health", ROLE)]
    guard = Guard(
        [
            Person("", "director of public health", "Calder Council"),
            Person("", "director of public health", "Vale Council"),
        ]
    )
    assert shown(guard, "the director of public health") == []


def test_hit_says_whose_role_but_never_adds_a_name(guard):
    [hit] = guard.check("Kowalczyk")
    assert "director of adult social services" in hit.about and "Zoë" not in hit.about
    assert "line 1, column 1" in str(hit)


def test_split_name():
    assert split_name("Dr Ahmed Khan") == (["dr"], ["ahmed"], ["khan"])
    assert split_name("Roe, Jane") == ([], ["jane"], ["roe"])
    assert split_name("Marie-Claire de la Fontaine") == (
        [],
        ["marie-claire"],
        ["de", "la", "fontaine"],
    )
    assert split_name("Cher") == ([], [], ["cher"])
    assert split_name("") == ([], [], [])


def test_fold_removes_case_accents_and_apostrophe_kinds():
    assert fold("Siobhán") == "siobhan" and fold("O\u2019Neill") == "o'neill"
    assert fold("Zoe\u0308") == "zoe" and fold("STRASSE") == fold("straße")


def test_no_participants_no_hits():
    assert Guard([]).check("Jane Roe said") == []
    assert Guard(PEOPLE).check("") == []


WORDS = st.sampled_from(
    [
        "the",
        "team",
        "heard",
        "that",
        "discharge",
        "is",
        "slow",
        ",",
        ".",
        "\n",
        "\n\n",
        "*",
        "-",
        "strong",
        "leadership",
        "and",
        "partners",
    ]
)


@settings(max_examples=examples(200), deadline=None)
@given(
    before=st.lists(WORDS, max_size=12),
    after=st.lists(WORDS, max_size=12),
    name=st.sampled_from(
        ["Jane Roe", "jane\nroe", "KOWALCZYK", "Dr Khan", "J. Roe", "Siobhan O'Neill-Brady"]
    ),
    possessive=st.booleans(),
)
def test_a_name_anywhere_in_ordinary_text_is_found_where_it_is(
    guard, before, after, name, possessive
):
    head = " ".join(before) + " "
    text = head + name + ("'s" if possessive else "") + " " + " ".join(after)
    hits = guard.check(text)
    assert len(hits) == 1
    assert hits[0].start == len(head)
    assert " ".join(hits[0].text.split()).startswith(" ".join(name.split()))


@pytest.mark.parametrize(
    "role, group",
    [
        ("social workers", True),
        ("hospital social workers", True),
        ("executive team", True),
        ("ward sisters and charge nurses", True),
        ("GPs", True),
        ("board members", True),
        ("front-line staff", True),
        ("lay members (people and communities panel)", True),
        ("director of adult social services", False),
        ("chair and chief officer", False),
        ("director of resources (section 151 officer)", False),
        ("chief executive", False),
        ("chief nurse", False),
        ("head of nursing", False),
        ("leader of the council", False),
        ("care academy lead", False),
        ("matron (emergency department)", False),
    ],
)
def test_group_roles(role, group):
    from onsite.confidential.guard_reading import is_group_role

    assert is_group_role(role) is group


def test_a_plural_role_met_at_a_site_visit_is_not_one_person():
    guard = Guard(
        [
            Person("", "social workers", "Hebbleton Council"),
            Person("", "PCN clinical director (Eastfield PCN)", "Eastfield PCN"),
            Person("", "GP partner (Eastfield PCN)", "Eastfield PCN"),
        ]
    )
    assert shown(guard, "social workers told us") == []
    assert [h for h in guard.check("the PCN said") if h.shown == "PCN"] == []
