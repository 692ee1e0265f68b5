"""How the attribution guard reads: text normalised (invisible characters dropped, NFKC) and
folded (no accents, case folded, one apostrophe, one hyphen, look-alike letters read as Latin
ones), cut into tokens; a name split into titles, forenames and surname; the phrases a role may
be written as. The matching itself is onsite.confidential.guard's."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from onsite.confidential.guard_words import (
    COMMON_WORDS,
    GENERIC_ORG_WORDS,
    INVISIBLE,
    LOOKALIKES,
    ROLE_SHORT_FORMS,
    SINGLE_LETTER_WORDS,
)

TITLES = frozenset(
    {
        "dr",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "cllr",
        "councillor",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "revd",
    }
)
# Titles that go with a forename rather than a surname: "Sir Keith", "Dame Jane".
FORENAME_TITLES = frozenset({"sir", "dame"})
SURNAME_TITLES = TITLES - FORENAME_TITLES
PARTICLES = frozenset(
    {
        "de",
        "da",
        "di",
        "du",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "la",
        "le",
        "ter",
        "ten",
        "st",
        "bin",
        "ibn",
        "al",
        "el",
        "ni",
        "nic",
        "mac",
        "ap",
        "o",
    }
)

_LETTER = r"(?:[^\W\d_]|[\u0300-\u036f])"
_APOSTROPHE = "'\u2019\u02bc\u2018"
HYPHEN = "\\-\u2010\u2011"
# A word, with apostrophes and hyphens inside it; a hyphen may end a line ("Smith-\nJones").
TOKEN = re.compile(
    rf"{_LETTER}+(?:(?:[{_APOSTROPHE}]|[{HYPHEN}](?:[ \t]*\r?\n[ \t>]*)?){_LETTER}+)*"
)
# What may stand between two words of one name: spaces, line breaks, emphasis, quote markers.
GAP = re.compile(r"[\s*_`~>]+")
DOTTED_GAP = re.compile(r"\.[\s*_`~>]*|[\s*_`~>]+")
_FOLD = str.maketrans(
    {
        "\u2019": "'",
        "\u02bc": "'",
        "\u2018": "'",
        "\u2010": "-",
        "\u2011": "-",
        " ": None,
        "\t": None,
        "\n": None,
        "\r": None,
        ">": None,
        **LOOKALIKES,
    }
)


@lru_cache(maxsize=100_000)
def fold(word: str) -> str:
    """A word as the guard compares it: no accents, case folded, one apostrophe, one hyphen,
    look-alike letters read as Latin ones."""
    decomposed = unicodedata.normalize("NFKD", word)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.casefold().translate(_FOLD)


_INVISIBLE = re.compile("[" + "".join(sorted(INVISIBLE)) + "]")


def normalise(text: str) -> tuple[str, list[int] | None]:
    """The text as the guard reads it, and where each of its characters came from in the text
    as written (None when nothing changed): invisible characters dropped, NFKC applied."""
    if text.isascii() or (not _INVISIBLE.search(text) and unicodedata.is_normalized("NFKC", text)):
        return text, None
    out: list[str] = []
    origin: list[int] = []
    for i, c in enumerate(text):
        if c in INVISIBLE:
            continue
        for n in c if c.isascii() else unicodedata.normalize("NFKC", c):
            out.append(n)
            origin.append(i)
    origin.append(len(text))
    return "".join(out), origin


def fold_phrase(text: str) -> str:
    return " ".join(fold(m.group()) for m in TOKEN.finditer(text))


def possessive_base(folded: str) -> str:
    return folded[:-2] if folded.endswith("'s") and len(folded) > 2 else folded


def letter_count(folded: str) -> int:
    return sum(c.isalpha() for c in folded)


@lru_cache(maxsize=100_000)
def is_common(folded: str) -> bool:
    return (
        folded in COMMON_WORDS
        or folded in SINGLE_LETTER_WORDS
        or all(part in COMMON_WORDS for part in folded.split("-"))
    )


@dataclass(slots=True)
class Token:
    folded: str
    base: str
    start: int
    end: int
    upper: bool
    joined: str = ""  # a word hyphenated across a line break, read without the hyphen


_LINE_HYPHEN = re.compile(rf"[{HYPHEN}][ \t]*\r?\n")


def read_tokens(read: str) -> list[Token]:
    tokens = []
    for m in TOKEN.finditer(read):
        f = fold(m.group())
        joined = (
            possessive_base(fold(_LINE_HYPHEN.sub("", m.group())))
            if _LINE_HYPHEN.search(m.group())
            else ""
        )
        tokens.append(
            Token(f, possessive_base(f), m.start(), m.end(), m.group()[0].isupper(), joined)
        )
    return tokens


def split_name(name: str) -> tuple[list[str], list[str], list[str]]:
    """(titles, forenames, surname words) of a name as written in the timetable, folded.
    "Roe, Jane" is read as surname first."""
    if name.count(",") == 1:
        last, first = name.split(",")
        if first.strip() and last.strip():
            name = f"{first} {last}"
    words = [fold(m.group()) for m in TOKEN.finditer(name)]
    titles = []
    while words and words[0] in TITLES and len(words) > 1:
        titles.append(words.pop(0))
    if not words:
        return titles, [], []
    if len(words) == 1:
        return titles, [], words
    surname_start = len(words) - 1
    while surname_start > 1 and words[surname_start - 1] in PARTICLES:
        surname_start -= 1
    return titles, words[:surname_start], words[surname_start:]


GROUP_WORDS = frozenset(
    {
        "staff",
        "team",
        "panel",
        "forum",
        "board",
        "group",
        "people",
        "committee",
        "partnership",
        "network",
        "leadership",
        "workforce",
        "public",
    }
)


def is_group_role(role: str) -> bool:
    """A role that names several people ("social workers", "executive team", "ward sisters and
    charge nurses"): it points at nobody in particular."""
    plain = re.sub(r"\([^)]*\)", " ", role)
    head = re.split(r"\b(?:of|for|at|in|from|with)\b|[,/;]", plain.casefold())[0]
    words = [fold(m.group()) for m in TOKEN.finditer(head)]
    if not words:
        return False
    last = words[-1]
    plural = last.endswith("s") and not last.endswith(("ss", "us", "is")) and len(last) >= 3
    return plural or last in GROUP_WORDS


def role_phrases(role: str, organisation: str) -> list[tuple[str, ...]]:
    """The ways a role could be written: alone, with its organisation, or an acronym in brackets."""
    phrases: list[tuple[str, ...]] = []
    bracketed = re.findall(r"\(([^)]*)\)", role)
    plain = re.sub(r"\([^)]*\)", " ", role)
    roles = [tuple(fold(m.group()) for m in TOKEN.finditer(part)) for part in plain.split("/")]
    roles = [r for r in roles if r]
    for inner in bracketed:  # "director of adult social services (DASS)": the acronym alone
        words = [m.group() for m in TOKEN.finditer(inner)]
        if len(words) == 1 and words[0].isupper() and len(words[0]) >= 3:
            roles.append((fold(words[0]),))
    for words in list(roles):  # the way people shorten it: "the DPH", "the chief exec"
        roles += [tuple(short.split()) for short in ROLE_SHORT_FORMS.get(" ".join(words), ())]
    org_words = tuple(fold(m.group()) for m in TOKEN.finditer(organisation))
    orgs = [org_words] if org_words else []
    place = tuple(w for w in org_words if w not in GENERIC_ORG_WORDS)
    if place and place != org_words:
        orgs.append(place)  # "Calder" for "Calder Council": the place qualifies the role
    acronym = [m.group() for m in TOKEN.finditer(organisation)][-1:] if org_words else []
    if acronym and acronym[0].isupper() and len(acronym[0]) >= 2 and len(org_words) > 1:
        orgs.append((fold(acronym[0]),))
    for words in roles:
        if len(words) == 1 and (is_common(words[0]) or letter_count(words[0]) < 3):
            if not orgs:
                continue
        else:
            phrases.append(words)
        for org in orgs:
            phrases.append((*org, *words))
            for link in ("of", "at", "from", "for", "in"):
                phrases.append((*words, link, *org))
                phrases.append((*words, link, "the", *org))
    return phrases
