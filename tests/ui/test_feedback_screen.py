"""The feedback screen as the lead peer uses it: edit and deliver daily updates, be stopped by
the guard, accept or fix, preview, export. Headless through Pilot, on a real engagement file."""

from __future__ import annotations

import asyncio

from textual.widgets import Button, DataTable, Input, Select, TabbedContent, TextArea

from onsite.confidential.team_files import TEAM_ONLY
from onsite.leaders import daily
from onsite.model import DailyUpdate, Finding
from screens.app import make_app
from screens.dialogs import ErrorDialog
from screens.feedback import FeedbackScreen, FixDialog
from screens.feedback.export import ExportPane
from screens.feedback.previews import FeedbackPane
from screens.widgets.markdown_view import MarkdownView
from tests.ui.helpers import settle
from tests.unit.small_engagement import build, ready_for_leaders

SIZE = (140, 44)


def run(coro):
    return asyncio.run(coro)


def test_deliver_two_days_stop_on_a_name_fix_it_and_export(tmp_path):
    path = tmp_path / "week.onsite"
    build(path).close()
    out = tmp_path / "shared"
    out.mkdir()
    messages = []

    async def scenario():
        app = make_app(path, home=tmp_path)
        async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
            await settle(pilot)
            assert app.store is not None
            await pilot.press("ctrl+e")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, FeedbackScreen)
            area = screen.query_one("#update-body", TextArea)
            assert area.text.startswith("# Daily update: day 1")

            # the lead edits; it is saved as they type
            area.move_cursor(area.document.end)
            area.insert("\nThe lead's own closing line.\n")
            store = app.store
            for _ in range(100):  # saved at the autosave rhythm (half a second), nothing pressed
                if "closing line" in daily.current(store, 1).body:
                    break
                await pilot.pause(0.05)
            assert "closing line" in daily.current(store, 1).body

            # deliver day 1: frozen
            await pilot.click("#deliver")
            await settle(pilot)
            assert daily.current(store, 1).status == "delivered"
            assert area.read_only and screen.query_one("#new-version", Button).disabled is False

            # day 2: a name in the update stops delivery until the lead accepts it
            screen.query_one("#day", Select).value = 2
            await settle(pilot)
            assert area.text.startswith("# Daily update: day 2")
            area.move_cursor(area.document.end)
            area.insert("\nAs Jane Roe said.\n")
            await pilot.click("#deliver")
            await settle(pilot)
            assert daily.current(store, 2).status == "draft"
            assert not screen.query_one("#accept-update", Button).disabled
            await pilot.click("#accept-update")
            await settle(pilot)
            assert daily.current(store, 2).status == "delivered"
            assert len(store.acceptances()) == 1

            # a refresh after a finding changes shows what changed, without applying it
            v3 = daily.new_version(store, 2)
            screen.update_pane.load_update()
            await settle(pilot)
            boards = next(f for f in store.findings() if "Boards" in f.statement)  # supported
            store.update(boards, statement="Boards duplicate one another and meet too often.")
            await pilot.press("f5")
            await settle(pilot)
            assert screen.update_pane.pending_refresh is not None
            assert store.get(DailyUpdate, v3.id).body == v3.body
            await pilot.click("#apply")
            await settle(pilot)
            assert "meet too often" in store.get(DailyUpdate, v3.id).body

            # previews
            screen.query_one("#tabs", TabbedContent).active = "tab-feedback"
            await settle(pilot)
            assert "R3 rests on no finding" in str(screen.query_one("#warnings").content)
            assert screen.query_one("#feedback-preview", MarkdownView).source.startswith(
                "# Calder Vale\n\n**Health and care system peer challenge: final-day feedback"
            )

            # export: blocked while a recommendation rests on no agreed finding
            screen.query_one("#tabs", TabbedContent).active = "tab-export"
            await settle(pilot)
            screen.query_one("#folder", Input).value = str(out)
            await pilot.click("#export")
            await settle(pilot)
            assert isinstance(app.screen, ErrorDialog) and list(out.iterdir()) == []
            assert "R3 rests on no finding" in str(app.screen.message)
            app.screen.dismiss()
            await settle(pilot)
            assert "R3 rests on no finding" in str(screen.query_one("#export-log").content)
            ready_for_leaders(store)

            # then stopped by a planted name, fixed in the dialog, then written
            slow = next(f for f in store.findings() if "weekends" in f.statement)
            store.update(slow, statement="Weekend discharge is slow, Dr Khan told us.")
            await pilot.click("#export")
            await settle(pilot)
            table = screen.query_one("#hits", DataTable)
            assert table.row_count == 1 and list(out.iterdir()) == []
            assert table.get_row_at(0)[3] == "Dr Khan"
            await pilot.click("#fix")
            await settle(pilot)
            assert isinstance(app.screen, FixDialog)
            fix_area = app.screen.query_one(TextArea)
            assert fix_area.selected_text == "Dr Khan"
            fix_area.replace("a system leader", *fix_area.selection)
            await pilot.click("#fix-save")
            await settle(pilot)
            assert (
                store.get(Finding, slow.id).statement
                == "Weekend discharge is slow, a system leader told us."
            )
            assert table.row_count == 0
            await pilot.click("#export")
            await settle(pilot)
            assert screen.query_one(ExportPane).result is not None
            names = sorted(p.suffix for p in out.rglob("*") if p.is_file())
            assert names == [".docx"] * 4 + [".html"] * 3 + [".json"] + [".md"] * 4 + [
                ".pptx",
                ".xlsx",
            ]
            team = sorted(p.name for p in (out / TEAM_ONLY).iterdir())  # apart from the leaders'
            assert [n.rsplit(" - ", 1)[1] for n in team] == ["archive.json", "evidence pack.md"]

    run(scenario())
    assert any(isinstance(m, ExportPane.Done) for m in messages)
    assert any(isinstance(m, ExportPane.Flags) and m.stopped for m in messages)


def test_the_binding_does_nothing_without_an_engagement(tmp_path):
    async def scenario():
        app = make_app(home=tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+e")
            await settle(pilot)
            assert not isinstance(app.screen, FeedbackScreen)

    run(scenario())


def test_the_lead_chooses_rewords_and_orders_findings_and_writes_key_messages(tmp_path):
    from onsite.leaders import feedback
    from screens.feedback import TextDialog

    path = tmp_path / "week.onsite"
    build(path).close()

    async def scenario():
        app = make_app(path, home=tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+e")
            await settle(pilot)
            screen = app.screen
            screen.query_one("#tabs", TabbedContent).active = "tab-feedback"
            await settle(pilot)
            table = screen.query_one("#items", DataTable)
            rows = [table.get_row_at(i) for i in range(table.row_count)]
            assert [r[0] for r in rows] == ["in", "in", "", ""]  # two agreed, two not
            table.move_cursor(row=2)  # governance: "Boards duplicate…" (emerging), not in
            await pilot.click("#item-toggle")
            await settle(pilot)
            store = app.store
            assert any(
                i.text == "Boards duplicate one another." and i.included
                for i in feedback.compile_feedback(store).items.values()
            )
            await pilot.click("#item-reword")
            await settle(pilot)
            assert isinstance(app.screen, TextDialog)
            app.screen.query_one(TextArea).load_text("Boards duplicate one another's work.")
            await pilot.click("#text-save")
            await settle(pilot)
            assert any(
                i.text == "Boards duplicate one another's work."  # not agreed: not shown
                for i in feedback.compile_feedback(store).items.values()
            )
            await pilot.click("#key-messages")
            await settle(pilot)
            app.screen.query_one(TextArea).load_text("- One clear message.")
            await pilot.click("#text-save")
            await settle(pilot)
            assert (
                "## Key messages\n\n- One clear message."
                in screen.query_one("#feedback-preview", MarkdownView).source
            )
            assert any(
                "emerging, not agreed" in w
                for w in str(screen.query_one("#warnings").content).splitlines()
            )

    run(scenario())


def test_the_lead_adds_links_and_orders_recommendations(tmp_path):
    from screens.feedback import TextDialog

    path = tmp_path / "week.onsite"
    build(path).close()

    async def scenario():
        app = make_app(path, home=tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+e")
            await settle(pilot)
            screen = app.screen
            screen.query_one("#tabs", TabbedContent).active = "tab-feedback"
            await settle(pilot)
            screen.query_one("#items", DataTable).move_cursor(row=3)  # "Relationships…"
            screen.query_one("#rec-add", Button).press()
            await settle(pilot)
            assert isinstance(app.screen, TextDialog)
            app.screen.query_one(TextArea).load_text("Invest in joint leadership.")
            app.screen.query_one("#text-save", Button).press()
            await settle(pilot)
            recs = app.store.recommendations()
            assert [r.number for r in recs] == [1, 2, 3, 4] and recs[
                3
            ].text == "Invest in joint leadership."
            assert recs[3].finding_ids == [screen.query_one(FeedbackPane).items[3].finding.id]
            table = screen.query_one("#recs", DataTable)
            table.move_cursor(row=2)  # R3 rests on nothing
            screen.query_one("#rec-link", Button).press()
            await settle(pilot)
            assert "R3 rests on no finding" not in str(screen.query_one("#warnings").content)
            table.move_cursor(row=3)
            screen.query_one("#rec-up", Button).press()
            await settle(pilot)
            assert [r.text[:6] for r in app.store.recommendations()] == [
                "Agree ",
                "Simpli",
                "Invest",
                "Invest",
            ]
            assert app.store.recommendations()[2].text == "Invest in joint leadership."
            table.move_cursor(row=3)
            screen.query_one("#rec-remove", Button).press()
            await settle(pilot)
            assert [r.number for r in app.store.recommendations()] == [1, 2, 3]
            assert (
                "3. Invest in joint leadership."
                in screen.query_one("#feedback-preview", MarkdownView).source
            )

    run(scenario())


def test_each_tab_is_built_the_first_time_it_is_opened(tmp_path):
    path = tmp_path / "week.onsite"
    build(path).close()

    async def scenario():
        app = make_app(path, home=tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+e")
            await settle(pilot)
            screen = app.screen
            assert screen.update_pane is not None
            assert not screen.query(ExportPane) and not screen.query(FeedbackPane)
            screen.query_one("#tabs", TabbedContent).active = "tab-export"
            await settle(pilot)
            assert screen.query(ExportPane) and not screen.query(FeedbackPane)

    run(scenario())


def test_the_export_tab_writes_the_demo_slides_and_action_plan(demo_file, tmp_path):
    from openpyxl import load_workbook
    from pptx import Presentation
    from textual.widgets import Checkbox

    from onsite.store.db import Store

    out = tmp_path / "for leaders"
    out.mkdir()

    async def scenario():
        app = make_app(demo_file, home=tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+e")
            await settle(pilot)
            screen = app.screen
            screen.query_one("#tabs", TabbedContent).active = "tab-export"
            await settle(pilot)
            assert str(screen.query_one("#fmt-pptx", Checkbox).label) == "Slides (PowerPoint)"
            assert str(screen.query_one("#fmt-xlsx", Checkbox).label) == "Action plan (Excel)"
            for key in ("md", "html", "docx", "json"):  # only the two new formats
                screen.query_one(f"#fmt-{key}", Checkbox).value = False
            screen.query_one("#folder", Input).value = str(out)
            await pilot.click("#export")
            await settle(pilot)
            assert screen.query_one(ExportPane).result is not None

    run(scenario())
    files = {p.suffix: p for p in out.rglob("*") if p.is_file()}
    assert sorted(files) == [".md", ".pptx", ".xlsx"]  # the .md: the team's evidence pack, always
    assert "evidence pack" in files[".md"].name
    store = Store.open(demo_file)
    try:
        recs = store.recommendations()
    finally:
        store.close()
    assert len(recs) == 7
    deck = Presentation(str(files[".pptx"]))
    titles = [s.shapes[0].text_frame.text for s in deck.slides]
    assert "Key messages" in titles and any(t.startswith("Recommendations") for t in titles)
    sheet = load_workbook(str(files[".xlsx"])).active
    assert sheet.cell(row=4, column=1).value == "Recommendation"
    assert [sheet.cell(row=5 + i, column=1).value.split(".")[0] for i in range(len(recs))] == [
        str(r.number) for r in recs
    ]


def test_f2_opens_the_lead_s_texts_and_escape_comes_back_to_the_feedback(tmp_path):
    from screens.report_texts import ReportTextsScreen

    path = tmp_path / "week.onsite"
    build(path).close()

    async def scenario():
        app = make_app(path, home=tmp_path)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+e")
            await settle(pilot)
            screen = app.screen
            assert screen.active_bindings["f2"].binding.show  # in the footer
            screen.query_one("#tabs", TabbedContent).active = "tab-feedback"
            await settle(pilot)
            await pilot.press("f2")
            await settle(pilot)
            assert isinstance(app.screen, ReportTextsScreen)
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is screen and screen.query_one(FeedbackPane).items

    run(scenario())


def test_at_80x24_f3_and_f4_walk_the_tabs_and_no_button_is_cut(demo_file):
    """A peer on a small laptop screen moves between the tabs by keys every terminal delivers,
    and every button of every tab is whole on screen."""

    async def scenario():
        app = make_app(demo_file, home=demo_file.parent)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+e")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, FeedbackScreen) and screen.has_class("-narrow")
            tabs = screen.query_one("#tabs", TabbedContent)
            seen = []
            for _ in range(5):
                seen.append(tabs.active)
                pane = screen.query_one(f"#{tabs.active}")
                for button in pane.query(Button):
                    region = button.region
                    label = str(button.label)
                    row = button.parent.region  # the row of buttons, inside its column
                    assert region.width >= len(label) and region.right <= min(row.right, 80), (
                        tabs.active,
                        label,
                        region,
                        row,
                    )
                    assert 0 < region.y and region.bottom <= 23, (
                        tabs.active,
                        label,
                        region,
                    )  # above the footer
                await pilot.press("f4")
                await settle(pilot)
            assert seen == ["tab-update", "tab-washup", "tab-feedback", "tab-report", "tab-export"]
            assert tabs.active == "tab-update"  # round again
            await pilot.press("f3")
            await settle(pilot)
            assert tabs.active == "tab-export"

    run(scenario())
