"""Writing synthetic notes: peer-style note text to a word budget from the phrase banks in
onsite.synth.text, with passages to be tagged written where asked. Deterministic: every
choice comes from the Random passed in."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from onsite.synth.text import (
    DOCUMENT_TITLES,
    HEADINGS,
    ITEMS,
    METRICS,
    MONTHS,
    PLACE_ENDS,
    PLACE_STARTS,
    PLURAL,
    PREDICATES,
    PRIOR_ROLES,
    QUALIFIERS,
    QUESTIONS,
    QUOTES,
    REMARKS,
    SECTORS,
    SUBJECTS,
    THEMES,
    TOPICS,
    UNITS,
    WARD_NAMES,
)
from onsite.vocab import Polarity, SessionKind

_WORD = re.compile(r"\S+")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


_NOT_A_WORD = re.compile(r"(?<!\S)[^\w\s]+(?!\S)")


def count_words(text: str) -> int:
    """Words as a person counts them: runs of non-space holding a letter or digit (so a
    bullet's "-", a heading's "#" and a "[+]" marker are not words)."""
    return len(text.split()) - len(_NOT_A_WORD.findall(text))


class World:
    """The fictional system one engagement is set in: its places and organisations."""

    def __init__(self, rng: random.Random, places: int = 120) -> None:
        names: set[str] = set()
        while len(names) < places:
            names.add(rng.choice(PLACE_STARTS) + rng.choice(PLACE_ENDS))
        self.places = sorted(names)
        rng.shuffle(self.places)
        self.system = f"{self.places[0]} and {self.places[1]}"


class NoteWriter:
    """Writes note text to a word budget; passages to be tagged are written on request."""

    def __init__(self, rng: random.Random, world: World) -> None:
        self.rng, self.world = rng, world

    # -- fillers -------------------------------------------------------------------------

    def place(self) -> str:
        return self.rng.choice(self.world.places)

    def number(self, unit: str = "count") -> str:
        rng = self.rng
        if unit == "%":
            whole = rng.randint(2, 97)
            return f"{whole}.{rng.randint(0, 9)}%" if rng.random() < 0.3 else f"{whole}%"
        if unit == "£m":
            return f"£{rng.randint(1, 180)}.{rng.randint(0, 9)}m"
        if unit in ("days", "weeks", "years", "minutes"):
            top = {"days": 45, "weeks": 52, "years": 19, "minutes": 240}[unit]
            return f"{rng.randint(1, top)} {unit}"
        return f"{rng.randint(2, 2400):,}" if rng.random() < 0.3 else str(rng.randint(2, 400))

    def metric(self) -> tuple[str, str, str]:
        """(metric, a figure for it, another figure for it)."""
        name = self.rng.choice(METRICS)
        unit = UNITS[name]
        return name, self.number(unit), self.number(unit)

    def topic(self, theme: str | None = None) -> str:
        theme = theme or self.rng.choice(THEMES)[0]
        return self.rng.choice(TOPICS[theme])

    def fill(self, template: str, theme: str | None = None) -> str:
        rng = self.rng
        metric, number, number2 = self.metric()
        return template.format(
            topic=self.topic(theme),
            topic2=self.topic(),
            metric=metric,
            number=number,
            number2=number2,
            subject=rng.choice(SUBJECTS),
            place=self.place(),
            month=rng.choice(MONTHS),
            money=f"{rng.randint(2, 180)}.{rng.randint(0, 9)}",
            system=self.world.system,
        )

    # -- bullets -------------------------------------------------------------------------

    def observation(self, theme: str | None = None) -> str:
        rng = self.rng
        subject = rng.choice(SUBJECTS)
        head, _, rest = rng.choice(PREDICATES).partition(" ")
        plural, _, singular = head.partition("|")
        verb = plural if subject in PLURAL or not singular else singular
        text = f"{_capital(subject)} {verb} {rest} {self.topic(theme)}".replace("  ", " ")
        if rng.random() < 0.6:
            text += f" {rng.choice(QUALIFIERS)}"
        return text

    def quote(self, theme: str | None = None) -> str:
        rng = self.rng
        text = f'"{rng.choice(QUOTES)}"'
        roll = rng.random()
        if roll < 0.3:
            text += f" ({rng.choice(rng.choice(SECTORS)[1])})"
        elif roll < 0.5:
            text += f" on {self.topic(theme)}"
        return text

    def data(self, theme: str | None = None) -> str:
        rng = self.rng
        metric, figure, before = self.metric()
        text = f"{_capital(metric)}: {figure}"
        roll = rng.random()
        if roll < 0.35:
            text += f", was {before} a year ago"
        elif roll < 0.6:
            text += f" in {self.place()}, worse than the rest of the patch"
        elif roll < 0.75:
            text += " (their figure, not checked)"
        return text

    def question(self, theme: str | None = None) -> str:
        rng = self.rng
        lead = rng.choice(("Q:", "?", "Test:", "Ask:"))
        if rng.random() < 0.5:
            return f"{lead} {rng.choice(QUESTIONS)}?"
        return f"{lead} how does {self.topic(theme)} look from {rng.choice(SUBJECTS)}?"

    def context(self, theme: str | None = None) -> str:
        rng = self.rng
        return (
            f"In post {rng.randint(2, 30)} months; previously {rng.choice(PRIOR_ROLES)} in "
            f"{self.place()}"
        )

    def contrast(self, theme: str | None = None) -> str:
        rng = self.rng
        good = rng.choice(
            (
                "working well",
                "improving",
                "valued by staff",
                "a real strength",
                "gaining momentum",
                "well led",
                "praised by families",
                "better than last year",
                "held up as good practice",
            )
        )
        bad = rng.choice(
            (
                "stalling on funding",
                "dependent on one person",
                "not joined up",
                "patchy at weekends",
                "without a clear owner",
                "not understood below director level",
                "not measured",
                "fragile over winter",
                "invisible to elected members",
                "not reaching the most deprived wards",
            )
        )
        return f"{_capital(self.topic(theme))}: {good} in {self.place()}, but {bad}"

    def items(self, theme: str | None = None) -> str:
        rng = self.rng
        lead = rng.choice(
            (
                "Raised",
                "Also mentioned",
                "Issues",
                "Examples given",
                "Pressures",
                "Frustrations",
                "What helps",
                "Quick wins suggested",
                "Listed",
            )
        )
        picked = rng.sample(ITEMS, rng.randint(2, 5))
        return f"{lead}: {', '.join(picked)}"

    def ward(self, theme: str | None = None) -> str:
        rng = self.rng
        where = (
            f"{rng.choice(WARD_NAMES)} {rng.choice(('ward', 'unit', 'team', 'house', 'centre'))}"
        )
        return (
            f"{where} ({self.place()}): {rng.choice(ITEMS)} and {rng.choice(ITEMS)}; "
            f"{rng.choice(SUBJECTS)} "
            f"{rng.choice(('aware', 'not aware', 'escalated it', 'working on it', 'say it is fixed'))}"
        )

    def remark(self, theme: str | None = None) -> str:
        rng = self.rng
        text = rng.choice(REMARKS)
        if rng.random() < 0.4:
            text += f", {rng.choice(QUALIFIERS)}"
        return text

    def action(self, theme: str | None = None) -> str:
        rng = self.rng
        ask = rng.choice(("Ask for", "Get", "Read", "Chase", "Check"))
        return f"{ask} the {rng.choice(DOCUMENT_TITLES).lower()} ({rng.choice(SUBJECTS)})"

    _KINDS = (
        (observation, 24),
        (quote, 15),
        (data, 10),
        (question, 9),
        (contrast, 11),
        (items, 14),
        (remark, 6),
        (ward, 5),
        (action, 4),
        (context, 2),
    )
    _FUNCS = tuple(k for k, _ in _KINDS)
    _WEIGHTS = tuple(w for _, w in _KINDS)

    def bullet(self, theme: str | None = None) -> str:
        (func,) = self.rng.choices(self._FUNCS, self._WEIGHTS)
        return func(self, theme)

    _SHORT = {
        "management": "mgmt",
        "government": "govt",
        "department": "dept",
        "recruitment": "recruitmt",
        "information": "info",
        "assessment": "assessmt",
        "community": "cmty",
        "social": "soc",
        "between": "btwn",
        "because": "bc",
        "without": "w/o",
        "people": "ppl",
        "important": "imp",
        "services": "svcs",
        "organisation": "org",
        "organisations": "orgs",
        "discharge": "d/c",
        "hospital": "hosp",
        "patients": "pts",
        "meeting": "mtg",
        "council": "cllr",
    }

    def hurried(self, text: str) -> str:
        """A word typed in a hurry: a slip of the finger, a dropped letter or shorthand."""
        rng = self.rng
        words = text.split(" ")
        i = rng.randrange(len(words))
        word = words[i]
        if word.lower() in self._SHORT:
            words[i] = self._SHORT[word.lower()]
        elif len(word) >= 6 and word.isalpha():
            k = rng.randrange(1, len(word) - 2)
            if rng.random() < 0.5:
                words[i] = word[:k] + word[k + 1] + word[k] + word[k + 2 :]  # swapped letters
            else:
                words[i] = word[:k] + word[k + 1 :]  # a dropped letter
        return " ".join(words)

    def tagged(self, theme_keys: list[str], polarity: str) -> str:
        """A passage as a peer tags it: a marker for its polarity, hashtags for its themes."""
        markers: dict[str, str] = {Polarity.STRENGTH: "[+] ", Polarity.AREA: "[-] "}
        marker = markers.get(polarity, "")
        body = self.rng.choice(
            (self.observation, self.quote, self.contrast, self.data, self.items)
        )(theme_keys[0])
        return f"{marker}{body} " + " ".join(f"#{k}" for k in theme_keys)

    # -- whole notes ---------------------------------------------------------------------

    def note(
        self, title: str, kind: str, words: int, tagged: Sequence[tuple[list[str], str]] = ()
    ) -> tuple[str, list[tuple[int, int]]]:
        """A note of exactly `words` words (or the tagged passages' own length if larger),
        and the (start, end) of each tagged passage, in the order given."""
        rng = self.rng
        lines: list[str] = [f"# {title}", ""]
        used = count_words(title)
        passages = [self.tagged(keys, polarity) for keys, polarity in tagged]
        used += sum(count_words(p) for p in passages)
        headings = HEADINGS.get(kind, HEADINGS[SessionKind.INTERVIEW])
        free: list[str] = []
        heading_every = rng.randint(7, 14)
        while used < words:
            if len(free) % heading_every == 0:
                heading = f"## {rng.choice(headings)}"
                free.append(heading)
                used += count_words(heading)
                continue
            text = self.bullet()
            if rng.random() < 0.3:
                text = self.hurried(text)
            if rng.random() < 0.12:
                text = f"  - {text}"  # a detail under the bullet above
            else:
                text = f"- {text}"
            free.append(text)
            used += count_words(text)
        excess = used - words
        while excess > 0 and free:
            last = free.pop()
            n = count_words(last)
            if n > excess:
                tokens = _WORD.findall(last)
                kept = []
                left = n - excess
                for token in tokens:
                    if left == 0:
                        break
                    kept.append(token)
                    left -= count_words(token)
                free.append(" ".join(kept))
                excess = 0
            else:
                excess -= n
        # Tagged passages go after free lines chosen at random, never before the title.
        after = sorted(rng.randint(0, len(free)) for _ in passages)
        order = list(range(len(passages)))
        rng.shuffle(order)
        spans: list[tuple[int, int]] = [(0, 0)] * len(passages)
        offset = sum(len(line) + 1 for line in lines)
        queue = list(zip(after, order))
        for i in range(len(free) + 1):
            while queue and queue[0][0] == i:
                k = queue.pop(0)[1]
                text = f"- {passages[k]}"
                spans[k] = (offset + 2, offset + len(text))
                lines.append(text)
                offset += len(text) + 1
            if i < len(free):
                lines.append(free[i])
                offset += len(free[i]) + 1
        return "\n".join(lines) + "\n", spans

    def sentence(self, template: str, theme: str | None = None) -> str:
        return self.fill(template, theme)


def note_text(words: int, seed: int = 0) -> str:
    """A stand-alone note of `words` words, e.g. a 10,000-word note for the editor benchmark."""
    rng = random.Random(f"note:{seed}")
    return NoteWriter(rng, World(rng)).note("Focus group: front-line staff", "focus group", words)[
        0
    ]
