"""Driving the real app headless."""

from __future__ import annotations


async def settle(pilot) -> None:
    """Let workers finish and their messages be handled."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    await pilot.pause(0.2)  # under load, a screen pushed by a handler may land a frame later


def screen_text(app) -> str:
    """What the terminal shows, as text: the screenshot's SVG text runs, line by line."""
    import html
    import re

    lines: dict[int, list[str]] = {}
    for line, text in re.findall(r'<text [^>]*clip-path="url\(#terminal-\d+-line-(\d+)\)"[^>]*>(.*?)</text>',
                                 app.export_screenshot()):
        lines.setdefault(int(line), []).append(html.unescape(text).replace("\xa0", " "))
    return "\n".join("".join(parts) for _, parts in sorted(lines.items()))
