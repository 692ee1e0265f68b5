"""Issue 14: the app warns at every open when the engagement file is in a synced folder."""

from __future__ import annotations

from datetime import date

from onsite.store.db import Store
from screens.app import make_app
from tests.ui.helpers import settle


async def test_opening_a_file_in_a_onedrive_folder_warns(tmp_path):
    folder = tmp_path / "OneDrive - Calder Council" / "Documents"
    folder.mkdir(parents=True)
    path = folder / "calder.onsite"
    Store.create(path, name="Calder Vale", start=date(2026, 3, 2)).close()
    seen: list[str] = []

    def hook(message) -> None:
        if type(message).__name__ == "Notify":
            seen.append(f"{message.notification.title}: {message.notification.message}")

    app = make_app(path, home=tmp_path / "home")
    async with app.run_test(size=(120, 36), message_hook=hook) as pilot:
        await settle(pilot)
        assert any(s.startswith("In a synced folder:") and "OneDrive" in s for s in seen), seen
