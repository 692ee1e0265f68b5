"""The attribution guard: finds what could identify a participant in text meant for system leaders.

Interviews are non-attributable, so a daily update, the feedback or the report must not name
anyone the team met, nor point at them through a role only one person holds. The guard
reports, with line and column:

- a participant's full name ("Jane Roe", "Dr Jane Roe", "Siobhan O'Neill" for "Siobhán O'Neill");
- a surname with a title ("Cllr Khan", "prof. roe") or an initial ("J. Roe", "J Roe");
- a distinctive surname alone ("Roe's view"): four letters or more and not an ordinary word;
- a role that only one person in the timetable holds ("the director of public health said"),
  or a role with its organisation or place when that pair is unique ("the Calder ICB chief
  executive", "Calder's director of public health");
- a participant's first name alone ("Kevin from the trust", "Amara said"): a distinctive
  first name written with a capital anywhere, an ordinary-word one ("Will", "Hope") only
  where a name stands ("Will said", "with Hope");
- a first name with an initial ("Kevin O."), an initial with a surname ("K. Okafor");
- a name inside a compound ("the Okafor-led review").

Before matching, text is normalised: zero-width characters, soft hyphens and direction marks
are dropped, each character is brought to its compatibility form (NFKC: fullwidth letters,
ligatures), and letters that look like Latin ones (Cyrillic "е", Greek "ο") are read as
those. A hit still points at the text as written.

Matching ignores case, accents and the kind of apostrophe or hyphen, takes possessives
("Roe's"), and follows a name across a line break, Markdown emphasis or a blockquote marker.
A name made only of ordinary words ("Will Young", "Miss Ward") must be written with capitals
to count, so that "staff will young people" or "we did not miss ward rounds" pass.

Tokens are matched against patterns indexed by their first word, so checking costs one pass
over the text whatever the number of participants.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from onsite.confidential.guard_reading import (
    DOTTED_GAP,
    FORENAME_TITLES,
    GAP,
    HYPHEN,
    SURNAME_TITLES,
    TITLES,
    Token,
    fold,
    fold_phrase,
    is_common,
    is_group_role,
    letter_count,
    normalise,
    possessive_base,
    read_tokens,
    role_phrases,
    split_name,
)
from onsite.confidential.guard_words import CONTEXT_AFTER, CONTEXT_BEFORE, SINGLE_LETTER_WORDS
from onsite.vocab import SessionKind

if TYPE_CHECKING:
    from onsite.store.db import Store

FULL_NAME = "full name"
TITLE_NAME = "name with a title"
INITIAL_NAME = "surname with an initial"
SURNAME = "distinctive surname"
ROLE = "role only one person holds"
FIRST_NAME = "first name"
FIRST_INITIAL = "first name with an initial"
_PRIORITY = {
    FULL_NAME: 0,
    TITLE_NAME: 1,
    INITIAL_NAME: 2,
    FIRST_INITIAL: 3,
    ROLE: 4,
    SURNAME: 5,
    FIRST_NAME: 6,
}
MIN_SURNAME_LETTERS = 4
# Stands for any title in a pattern: patterns with it are indexed by the word after it.
_ANY_TITLE = "\x00title"


@dataclass(frozen=True)
class Person:
    """A participant as the guard sees them. group: met in a focus group, so their role
    describes a group rather than one person."""

    name: str
    role: str = ""
    organisation: str = ""
    group: bool = False

    @property
    def about(self) -> str:
        return ", ".join(p for p in (self.role, self.organisation) if p) or "a participant"


@dataclass(frozen=True)
class Hit:
    line: int
    column: int
    text: str  # as written, line breaks included
    kind: str
    about: str  # whose: role and organisation of the participant(s), never the name
    start: int
    end: int

    @property
    def shown(self) -> str:
        return " ".join(self.text.split())

    @property
    def folded(self) -> str:
        return fold_phrase(self.text)

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: \u201c{self.shown}\u201d ({self.kind}: {self.about})"


@dataclass(frozen=True, slots=True)
class _Pattern:
    words: tuple[str, ...]
    kind: str
    dotted: int = -1  # index of the word after which a full stop may stand (title, initial)
    capitals: bool = False  # every word is ordinary: count only when written with capitals
    initial: bool = False  # words[0] is an initial: upper case or followed by a full stop
    last_initial: bool = False  # words[-1] is an initial: one capital letter ("Kevin O.")
    context: bool = False  # one ordinary word: counts only where a name stands ("Will said")
    lower_context: bool = False  # written in lower case, counts only where a name stands


class Guard:
    def __init__(self, people: Iterable[Person]) -> None:
        self._about: dict[tuple[str, tuple[str, ...]], list[str]] = {}
        self._patterns: dict[tuple[str, tuple[str, ...]], _Pattern] = {}
        people = list(people)
        for person in people:
            self._add_name(person)
        self._add_roles(people)
        self._first: dict[str, list[_Pattern]] = {}
        self._after_title: dict[str, list[_Pattern]] = {}
        for pattern in self._patterns.values():
            if pattern.words[0] == _ANY_TITLE:
                self._after_title.setdefault(pattern.words[1], []).append(pattern)
            else:
                self._first.setdefault(pattern.words[0], []).append(pattern)

    @classmethod
    def from_store(cls, store: Store) -> Guard:
        return cls(
            Person(
                name=p.name,
                role=p.role,
                organisation=p.organisation,
                group=p.session_kind == SessionKind.FOCUS_GROUP,
            )
            for p in store.people_met()
        )

    # -- building the patterns -------------------------------------------------------------

    def _add(self, words: Iterable[str], kind: str, about: str, **flags) -> None:
        words = tuple(words)
        if not words:
            return
        if "capitals" not in flags:
            flags["capitals"] = all(is_common(w) for w in words)
        key = (kind, words)
        if key not in self._patterns:
            self._patterns[key] = _Pattern(words, kind, **flags)
        abouts = self._about.setdefault(key, [])
        if about not in abouts:
            abouts.append(about)

    def _add_name(self, person: Person) -> None:
        titles, forenames, surname = split_name(person.name)
        if not surname:
            return
        about = person.about
        surnames = [tuple(surname)]
        if len(surname) == 1 and "-" in surname[0]:  # "Smith-Jones": also "Smith", "Jones"
            surnames += [(part,) for part in surname[0].split("-") if part]
        for words in surnames:
            if forenames:
                self._add([forenames[0], *words], FULL_NAME, about)
                if len(forenames) > 1:
                    self._add([*forenames, *words], FULL_NAME, about)
            self._add(
                [_ANY_TITLE, *words],
                TITLE_NAME,
                about,
                dotted=0,
                capitals=all(is_common(w) for w in words),
            )
            initials = {f[0] for f in forenames} or set()
            for initial in initials:
                self._add(
                    [initial, *words],
                    INITIAL_NAME,
                    about,
                    dotted=0,
                    initial=True,
                    capitals=is_common(words[-1]),
                )
            last = words[-1]
            if letter_count(last) >= MIN_SURNAME_LETTERS and not is_common(last):
                self._add(words, SURNAME, about, capitals=False)
                if len(words) > 1:
                    self._add([last], SURNAME, about, capitals=False)
        if forenames:
            for title in FORENAME_TITLES:
                self._add([title, forenames[0]], TITLE_NAME, about, dotted=0)
            first = forenames[0]
            self._add(
                [first, surname[-1][0]], FIRST_INITIAL, about, last_initial=True, capitals=False
            )
            names = [first, *([p for p in first.split("-") if p] if "-" in first else [])]
            for name in names:
                ordinary = is_common(name) or letter_count(name) < 3
                self._add(
                    [name],
                    FIRST_NAME,
                    about,
                    capitals=ordinary,
                    context=ordinary,
                    lower_context=True,
                )
        for words in surnames:  # an ordinary-word surname alone, where a name stands
            if len(words) == 1 and is_common(words[0]) and letter_count(words[0]) >= 3:
                self._add(words, SURNAME, about, capitals=True, context=True)

    def _add_roles(self, people: list[Person]) -> None:
        holders: dict[tuple[str, ...], set[str]] = {}
        about: dict[tuple[str, ...], str] = {}
        for person in people:
            if person.group or not person.role or is_group_role(person.role):
                continue
            identity = (
                fold_phrase(person.name)
                or f"{fold_phrase(person.role)}|{fold_phrase(person.organisation)}"
            )
            for phrase in role_phrases(person.role, person.organisation):
                holders.setdefault(phrase, set()).add(identity)
                about.setdefault(phrase, person.about)
        for phrase, who in holders.items():
            if len(who) == 1:
                self._add(phrase, ROLE, about[phrase], capitals=False)

    # -- checking --------------------------------------------------------------------------

    def check(self, text: str) -> list[Hit]:
        """Every place in text that could identify a participant, in reading order."""
        if not self._patterns or not text:
            return []
        read, origin = normalise(text)
        tokens = read_tokens(read)
        line_starts = [0, *(m.end() for m in re.finditer("\n", text))]
        hits: list[Hit] = []
        i = 0
        while i < len(tokens):
            best: tuple[int, int, _Pattern] | None = None
            token = tokens[i]
            candidates = [
                p
                for key in {token.folded, token.base, token.joined}
                for p in self._first.get(key, ())
            ]
            if token.folded in SURNAME_TITLES and i + 1 < len(tokens):
                after = tokens[i + 1]
                candidates += [
                    p
                    for key in {after.folded, after.base, after.joined}
                    for p in self._after_title.get(key, ())
                ]
            for pattern in candidates:
                if self._matches(pattern, tokens, i, read):
                    rank = (len(pattern.words), -_PRIORITY[pattern.kind])
                    if best is None or rank > best[:2]:
                        best = (*rank, pattern)
            if best is None:
                part = self._in_compound(token, read)
                if part is not None:
                    hits.append(self._hit(text, origin, line_starts, *part))
                i += 1
                continue
            pattern = best[2]
            start, end = token.start, tokens[i + len(pattern.words) - 1].end
            before = tokens[i - 1] if i else None
            if (
                pattern.kind == FULL_NAME
                and before
                and before.folded in TITLES
                and DOTTED_GAP.fullmatch(read[before.end : start])
            ):
                start = before.start  # "Dr Jane Roe": the title goes with the name
            hits.append(self._hit(text, origin, line_starts, start, end, pattern))
            i += len(pattern.words)
        return hits

    def _hit(
        self,
        text: str,
        origin: list[int] | None,
        line_starts: list[int],
        start: int,
        end: int,
        pattern: _Pattern,
    ) -> Hit:
        if origin is not None:  # back to the text as written
            start, end = origin[start], origin[end - 1] + 1
        line = bisect.bisect_right(line_starts, start)
        return Hit(
            line=line,
            column=start - line_starts[line - 1] + 1,
            text=text[start:end],
            kind=pattern.kind,
            about="; ".join(self._about[(pattern.kind, pattern.words)][:3]),
            start=start,
            end=end,
        )

    def _in_compound(self, token: Token, read: str) -> tuple[int, int, _Pattern] | None:
        """A name as one part of a hyphenated word ("Okafor-led", "the Amara-style huddle"):
        (start, end, pattern) of the part, if a part is a distinctive name written as one."""
        if "-" not in token.folded:
            return None
        written = read[token.start : token.end]
        for m in re.finditer(rf"[^{HYPHEN}\s>]+", written):
            part = fold(m.group())
            base = possessive_base(part)
            for pattern in self._first.get(base, ()):
                if (
                    len(pattern.words) == 1
                    and not pattern.context
                    and m.group()[0].isupper()
                    and not is_common(base)
                    and letter_count(base) >= 3
                ):
                    return token.start + m.start(), token.start + m.end(), pattern
        return None

    @staticmethod
    def _matches(pattern: _Pattern, tokens: list[Token], i: int, text: str) -> bool:
        words = pattern.words
        if i + len(words) > len(tokens):
            return False
        last = len(words) - 1
        for k, word in enumerate(words):
            token = tokens[i + k]
            if word == _ANY_TITLE:
                if token.folded not in SURNAME_TITLES:
                    return False
            elif (
                token.folded != word
                and token.joined != word
                and not ((k == last or pattern.kind == ROLE) and token.base == word)
            ):
                return False
            if pattern.capitals and not token.upper:
                return False
            if k:
                gap = text[tokens[i + k - 1].end : token.start]
                rule = DOTTED_GAP if k - 1 == pattern.dotted else GAP
                if not rule.fullmatch(gap):
                    return False
        if pattern.last_initial:
            letter = tokens[i + last]
            dotted = text[letter.end : letter.end + 1] == "."
            if (
                len(letter.folded) != 1
                or not letter.upper
                or (letter.folded in SINGLE_LETTER_WORDS and not dotted)
            ):
                return False
        if (
            pattern.context or (pattern.lower_context and not tokens[i].upper)
        ) and not _where_a_name_stands(tokens, i, i + last, text):
            return False
        if pattern.initial:
            first = tokens[i]
            dotted = text[first.end : first.end + 1] == "."
            if not (first.upper or dotted):
                return False
            if first.folded in SINGLE_LETTER_WORDS and not dotted and is_common(words[-1]):
                return False  # "A Ward manager", "I Hope": an article or a pronoun, not an initial
        return True


def _where_a_name_stands(tokens: list[Token], first: int, last: int, text: str) -> bool:
    """An ordinary word used as a name: possessive, or next to a word that goes with a person
    ("Will said", "Hope from the trust", "with Will"), not after an article ("the Ward said")."""
    word = tokens[last]
    if word.folded != word.base:
        return True
    before = tokens[first - 1] if first else None
    if before is not None and before.folded in ("the", "a", "an", "this", "that", "our", "their"):
        return False
    after = tokens[last + 1] if last + 1 < len(tokens) else None
    if (
        after is not None
        and after.folded in CONTEXT_AFTER
        and GAP.fullmatch(text[word.end : after.start] or " ")
    ):
        return True
    return before is not None and before.folded in CONTEXT_BEFORE
