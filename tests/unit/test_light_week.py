"""The light reader (onsite.store.light) reads the week as the store does, without the
database layer: the week screen is put on screen from it before SQLAlchemy is imported."""

from __future__ import annotations

import subprocess
import sys

from onsite.store.db import Store
from onsite.store.evidence_sql import change_mark
from onsite.store.light import open_week
from onsite.week.view import load_week


def _shown(week) -> dict:
    """What the week screen shows of a week, field by field."""
    e = week.engagement
    return {
        "engagement": (e.id, e.name, e.system, e.kind, e.start, e.days),
        "peers": [(p.id, p.name, p.initials, p.role) for p in week.peers],
        "themes": [(t.key, t.name) for t in week.themes],
        "days": [
            (
                d.day,
                d.date,
                [
                    (
                        line.session.id,
                        line.session.start,
                        line.session.end,
                        line.session.kind,
                        line.session.title,
                        line.session.cancelled,
                        line.session.peer_ids,
                        line.peers,
                        line.authors,
                    )
                    for line in d.sessions
                ],
            )
            for d in week.days
        ],
        "coverage": (week.coverage.by_theme, week.coverage.by_sector),
        "me": week.me,
    }


def test_the_light_week_is_the_stores_week(demo_file):
    store = Store.open(demo_file)
    try:
        peer = store.peers()[1]
        store.set_me(peer.id)
        expected, mark = _shown(load_week(store)), change_mark(store)
    finally:
        store.close()
    reader = open_week(demo_file)
    assert reader is not None
    try:
        assert _shown(load_week(reader)) == expected  # type: ignore[arg-type]
        assert reader.change_mark() == mark
    finally:
        reader.close()
    assert expected["me"] == peer.id and any(d[2] for d in expected["days"])


def test_the_light_week_needs_no_database_layer(demo_file):
    code = (
        "import sys; from pathlib import Path; from onsite.store.light import open_week; "
        "from onsite.week.view import load_week; r = open_week(Path(sys.argv[1])); "
        "w = load_week(r); r.close(); assert w.days and w.days[0].sessions; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sqlalchemy', 'sqlmodel', 'pydantic')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(demo_file)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_a_file_to_upgrade_is_left_to_the_store(demo_file):
    import sqlite3

    conn = sqlite3.connect(demo_file)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.execute(f"PRAGMA user_version = {version - 1}")
    conn.commit()
    conn.close()
    assert open_week(demo_file) is None  # the store upgrades it, after a backup
