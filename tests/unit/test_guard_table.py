"""Issue 14, problem 5 (the attribution guard): a table of the forms a reader would recognise,
and of ordinary sentences that must stay clear, checked through `onsite guard FILE PATH` on a
real engagement file. The catch rate and the false positives are printed (pytest -s)."""

from __future__ import annotations

import pytest

from onsite.cli import main
from onsite.model import Participant, Session
from onsite.paths import printable
from onsite.store.db import Store

PEOPLE = [  # name, role, organisation
    ("Kevin Okafor", "ward manager", "Calder General Hospital"),
    ("Amara Nwosu", "director of public health", "Calder Council"),
    ("Will Sterling", "porter", "Vale Trust"),
    ("Dr Priya Raman", "chief executive", "Calder ICB"),
    ("Gareth Thompson", "chief executive", "Calder Council"),
    ("Siobhán O'Neill", "ward sister", "Vale Trust"),
    ("Zoë Kowalczyk", "head of nursing", "Vale Trust"),
]

# (text, the words a hit must show): each form a reader would recognise as a person.
FORMS = [
    ("Kevin Okafor said discharge is slow.", "Kevin Okafor"),
    ("we heard from kevin okafor", "kevin okafor"),
    ("KEVIN OKAFOR was candid", "KEVIN OKAFOR"),
    ("Mr Okafor explained the rota", "Mr Okafor"),
    ("Dr. Raman's view was clear", "Dr. Raman's"),
    ("Okafor's team is stretched", "Okafor's"),
    ("Okafor said the lounge is full", "Okafor"),
    ("Kevin from the community trust agreed", "Kevin"),
    ("Amara said the plan was late", "Amara"),
    ("we met Amara on Tuesday", "Amara"),
    ("Amara's view was shared", "Amara's"),
    ("_Amara_ said so", "Amara"),
    ("KEVIN said it twice", "KEVIN"),
    ("Kevin O. told us about delays", "Kevin O"),
    ("Priya R said the ICB would fund it", "Priya R"),
    ("Gareth T. said otherwise", "Gareth T"),
    ("K. Okafor wrote the paper", "K. Okafor"),
    ("K Okafor wrote the paper", "K Okafor"),
    ("the Okafor-led review", "Okafor"),
    ("an Amara-style huddle", "Amara"),
    ("the Nwosu-backed bid", "Nwosu"),
    ("as Kevin\nOkafor put it", "Kevin Okafor"),
    ("**Kevin** Okafor was there", "Kevin** Okafor"),
    ("> Kevin\n> Okafor", "Kevin > Okafor"),
    ("Ke\u200bvin Okafor said", "Ke\u200bvin Okafor"),
    ("Oka\u00adfor said so", "Oka\u00adfor"),
    ("K\u0435vin Okafor said", "K\u0435vin Okafor"),  # Cyrillic e
    ("\u039fkafor said", "\u039fkafor"),  # Greek capital omicron
    ("\uff2b\uff45\uff56\uff49\uff4e Okafor", "\uff2b\uff45\uff56\uff49\uff4e Okafor"),  # fullwidth
    ("Kev\u2060in Oka\u200dfor", "Kev\u2060in Oka\u200dfor"),
    ("the director of public health said", "director of public health"),
    ("Calder's director of public health", "Calder's director of public health"),
    ("the director of public health for Calder", "director of public health for Calder"),
    ("the Calder Council chief executive", "Calder Council chief executive"),
    ("the chief executive of Calder ICB", "chief executive of Calder ICB"),
    ("the chief executive at Calder Council", "chief executive at Calder Council"),
    ("Will said the porters were stretched", "Will"),
    ("we spoke with Will about nights", "Will"),
    ("Sterling told us about nights", "Sterling"),
    ("Mr Sterling was clear", "Mr Sterling"),
    ("Prof Raman", "Prof Raman"),
    ("Cllr Thompson's motion", "Cllr Thompson's"),
    ("Siobhan O'Neill on the ward", "Siobhan O'Neill"),
    ("Siobhán O\u2019Neill on the ward", "Siobhán O\u2019Neill"),
    ("O'Neill's ward", "O'Neill's"),
    ("Zoe Kowalczyk", "Zoe Kowalczyk"),
    ("Kowalczyk thinks so", "Kowalczyk"),
    ("Raman, Priya said", "Raman"),
    ("the head of nursing at Vale", "head of nursing at Vale"),
    ("OKAFOR said", "OKAFOR"),
    ("Mrs Nwosu agreed", "Mrs Nwosu"),
    ("Ms O'Neill disagreed", "Ms O'Neill"),
    ("Kevin and Amara", "Kevin"),
    ("Amara N. agreed", "Amara N"),
    ("A. Nwosu signed it", "A. Nwosu"),
    ("the Dr Raman-led bid", "Raman"),
    ("Kevin's point", "Kevin's"),
    ("the porter at Vale said", "porter at Vale"),
    ("nwosu said it would", "nwosu"),
    ("Ama\u0301ra said", "Ama\u0301ra"),
    ("Ama\u00adra said", "Ama\u00adra"),
    ("the ward manager at Calder General", "ward manager at Calder"),
    ("kevin said so", "kevin"),
    ("Priya's team", "Priya's"),
    ("Zoë said", "Zoë"),
    ("Sio-\nbhan O'Neill", "Sio- bhan O'Neill"),
    ("Gareth from the council", "Gareth"),
    ("Will from Vale", "Will"),
    ("Prof. Priya Raman", "Prof. Priya Raman"),
    ("An ICB chief executive said", "ICB chief executive"),
    ("the DPH for Calder said", "DPH for Calder"),
    ("the chief exec of Calder ICB", "chief exec of Calder ICB"),
]

# Forms a reader would still recognise that the guard does not catch today (counted in the
# catch rate, so the figure is honest): a name spelt out letter by letter, a nickname.
KNOWN_MISSES = [
    "K-e-v-i-n said",
    "Kev said the lounge was full",
]

CLEAN = [
    "Staff told us discharge is slow on the medical wards.",
    "We heard strong leadership from the system partners.",
    "A ward round was observed on Ward 7.",
    "There is a sterling effort from front-line staff.",
    "We will share the findings on Friday.",
    "There is hope that the new pathway will help.",
    "The chief executive said the finances are tight.",
    "Kind and caring staff were seen across the hospital.",
    "The porters were stretched at night.",
    "The team read the position statement.",
    "Will the board accept the recommendations?",
    "Partners described a culture of blame.",
    "A sharp rise in delayed discharges was reported.",
    "The council and the ICB share a vision.",
    "Social workers felt unsupported.",
    "Carers said they were not listened to.",
    "Data from the community trust shows long waits.",
    "Leaders were candid about the deficit.",
    "Mental health services are stretched in Calder.",
    "The director said the plan is ambitious.",
    "Ward sisters said the rota is fragile.",
    "Ward managers told us about the new rota.",
    "the will to change is there, said several staff",
    "Sterling work by the discharge team.",
    "Sterling, like the euro, is a currency.",
    "The plan from Vale Trust was late.",
    "Porters from Vale said nights are hard.",
    "Staff in Calder General were proud of their wards.",
    "Nursing heads met on Monday with the matrons.",
    "The ICB chief executives met as a group.",
    "We asked with whom the decision rests.",
    "Okay, said the manager, we will try.",
    "The MD of the software supplier presented.",
    "A CEO forum meets monthly.",
]


@pytest.fixture(scope="module")
def engagement(tmp_path_factory):
    path = tmp_path_factory.mktemp("guard") / "calder.onsite"
    store = Store.create(path, name="Calder Vale", start=__import__("datetime").date(2026, 3, 2))
    session = Session(day=1, start="09:00", title="Interviews")
    store.add(
        session,
        *(
            Participant(session_id=session.id, name=name, role=role, organisation=org)
            for name, role, org in PEOPLE
        ),
    )
    store.close()
    return path


def _check(engagement, tmp_path, capsys, text: str) -> tuple[int, list[str]]:
    target = tmp_path / "text.md"
    target.write_text(text, encoding="utf-8")
    code = main(["guard", str(engagement), str(target)])
    out, _ = capsys.readouterr()
    return code, out.splitlines()


def test_the_guard_catches_every_form_and_passes_ordinary_sentences(engagement, tmp_path, capsys):
    missed, false = [], []
    for text, words in FORMS:
        code, lines = _check(engagement, tmp_path, capsys, text)
        wanted = printable(" ".join(words.split()))
        if code != 1 or not any(f'"{wanted}"' in line for line in lines):
            missed.append((text, lines))
    for text in CLEAN:
        code, lines = _check(engagement, tmp_path, capsys, text)
        if code != 0:
            false.append((text, lines))
    still_missed = [t for t in KNOWN_MISSES if _check(engagement, tmp_path, capsys, t)[0] == 0]
    total = len(FORMS) + len(KNOWN_MISSES)
    caught = total - len(missed) - len(still_missed)
    with capsys.disabled():
        print(
            f"\nguard: caught {caught}/{total} forms ({100 * caught / total:.0f}%); "
            f"{len(false)}/{len(CLEAN)} ordinary sentences flagged"
        )
        for text, lines in missed + false:
            print(f"  {text!r}: {lines}")
    assert len(FORMS) >= 40 and len(CLEAN) >= 20
    assert missed == []
    assert false == []


def test_guard_prints_line_and_column_and_reads_standard_input(engagement, capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("All clear here.\nThen Amara said no.\n"))
    code = main(["guard", str(engagement), "-"])
    out, _ = capsys.readouterr()
    assert code == 1
    assert out.startswith('2:6: "Amara" (first name: director of public health, Calder Council)')
    monkeypatch.setattr("sys.stdin", io.StringIO("All clear here.\n"))
    assert main(["guard", str(engagement)]) == 0
