"""The passphrase dialog, the lock screen and the audit screen, driven through Pilot.

Plain `def` tests running their own event loop: they need no async pytest plugin.
"""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from onsite.confidential import audit
from onsite.model import Note, Peer, Session
from onsite.store.db import Store
from screens.app import make_app
from screens.audit import AuditScreen
from screens.dialogs import NewEngagementDialog
from screens.session import SessionScreen
from screens.unlock import LockScreen, PassphraseDialog
from screens.week import WeekScreen
from tests.ui.helpers import screen_text, settle

SIZE = (120, 36)
PASSPHRASE = "marmalade on toast"
PHRASE = "budget gap nobody mentions"
TITLE = "Finance director"


@pytest.fixture
def secret(tmp_path):
    store = Store.create(
        tmp_path / "secret.onsite",
        name="Calder Vale",
        start=date(2026, 3, 2),
        passphrase=PASSPHRASE,
    )
    lead = Peer(name="Ann Bee", initials="AB", role="lead peer")
    session = Session(day=1, start="09:00", end="10:00", title=TITLE, peer_ids=[lead.id])
    store.add(
        lead,
        session,
        Note(session_id=session.id, author_id=lead.id, body=f"The {PHRASE} is the real story."),
    )
    store.set_me(lead.id)
    audit.record(store, audit.EXPORT, "feedback.docx", "docx, 1 finding")
    store.close()
    return store.path


def _text(app) -> str:
    return screen_text(app)


async def _unlock_into_week(pilot, passphrase=PASSPHRASE):
    await settle(pilot)
    assert isinstance(pilot.app.screen, PassphraseDialog)
    await pilot.press(*passphrase, "enter")
    await settle(pilot)


def test_an_encrypted_engagement_asks_for_its_passphrase_before_anything_is_read(secret):
    async def run():
        app = make_app(secret, home=secret.parent, idle_minutes=0)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, PassphraseDialog)
            assert app.store is None
            assert TITLE not in _text(app) and "Calder Vale" not in _text(app)
            await _unlock_into_week(pilot, "not the passphrase")
            assert isinstance(app.screen, PassphraseDialog)  # another try
            assert "wrong passphrase for" in _text(app).lower()
            await pilot.press(*PASSPHRASE, "enter")
            await settle(pilot)
            assert isinstance(app.screen, WeekScreen)
            assert app.store is not None and app.store.encrypted
            assert TITLE in _text(app)

    asyncio.run(run())


def test_the_lock_hides_every_note_and_unlocking_checks_the_passphrase(secret):
    async def run():
        app = make_app(secret, home=secret.parent, idle_minutes=0)
        async with app.run_test(size=SIZE) as pilot:
            await _unlock_into_week(pilot)
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, SessionScreen)
            assert PHRASE in _text(app)  # the control: the note is on screen
            await pilot.press("f12")
            await settle(pilot)
            assert isinstance(app.screen, LockScreen) and app.locked
            shown = _text(app)
            # word by word too: a phrase wrapped over two lines would slip past a phrase test
            for secret_text in (
                PHRASE,
                TITLE,
                "Calder Vale",
                "Ann Bee",
                "budget",
                "nobody",
                "Finance",
                "story",
            ):
                assert secret_text not in shown, secret_text
            await pilot.press("ctrl+p", "f1")  # nothing else opens while locked
            await settle(pilot)
            assert isinstance(app.screen, LockScreen)
            await pilot.press(*"wrong passphrase", "enter")
            await settle(pilot)
            assert isinstance(app.screen, LockScreen)
            assert "Wrong passphrase" in _text(app) and PHRASE not in _text(app)
            await pilot.press(*PASSPHRASE, "enter")
            await settle(pilot)
            assert isinstance(app.screen, SessionScreen) and not app.locked
            assert PHRASE in _text(app)

    asyncio.run(run())


def test_the_app_locks_itself_when_idle(secret):
    now = [1000.0]  # the idle clock, moved on by the test instead of waiting

    async def run():
        app = make_app(secret, home=secret.parent, idle_minutes=0.05, clock=lambda: now[0])
        async with app.run_test(size=SIZE) as pilot:  # 3 s idle; checked every 0.75 s
            await _unlock_into_week(pilot)
            assert isinstance(app.screen, WeekScreen)
            now[0] += 2.9
            await pilot.pause(0.8)  # the check runs at least once: not idle long enough yet
            assert isinstance(app.screen, WeekScreen)
            now[0] += 0.2
            for _ in range(100):  # the next check (real time) finds it idle
                if isinstance(app.screen, LockScreen):
                    break
                await pilot.pause(0.02)
            assert isinstance(app.screen, LockScreen)
            assert TITLE not in _text(app)
            await pilot.press(*PASSPHRASE, "enter")
            await settle(pilot)
            assert isinstance(app.screen, WeekScreen)  # and idle time counts from the unlock

    asyncio.run(run())


def test_the_audit_log_is_readable_in_the_app(secret):
    async def run():
        app = make_app(secret, home=secret.parent, idle_minutes=0)
        async with app.run_test(size=SIZE) as pilot:
            await _unlock_into_week(pilot)
            await pilot.press("u")
            await settle(pilot)
            assert isinstance(app.screen, AuditScreen)
            assert "feedback.docx" in _text(app) and "Ann Bee" in _text(app)

    asyncio.run(run())


def test_a_new_engagement_from_the_app_is_encrypted(tmp_path):
    from onsite.store.files import file_kind

    async def run():
        app = make_app(home=tmp_path, idle_minutes=0)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("n")
            await settle(pilot)
            assert isinstance(app.screen, NewEngagementDialog)
            # name, kind, system, first day, days, scope, passphrase twice
            await pilot.press(
                *"Leeds week",
                "tab",
                "tab",
                "tab",
                *"2026-03-02",
                "tab",
                "tab",
                "tab",
                *PASSPHRASE,
                "tab",
                *PASSPHRASE,
                "enter",
            )
            await settle(pilot)
            assert isinstance(app.screen, WeekScreen)

    asyncio.run(run())
    path = tmp_path / "Leeds week.onsite"
    assert file_kind(path) == "encrypted"
    Store.open(path, PASSPHRASE).close()
