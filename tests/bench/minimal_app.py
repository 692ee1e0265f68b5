"""The yardstick for start-up in a real terminal: a minimal Textual app (Header, Label, Footer).

    python tests/bench/minimal_app.py

bench_terminal starts it exactly as it starts `onsite open FILE` and polls the screen for
its label.
"""

from textual.app import App
from textual.widgets import Footer, Header, Label


class Minimal(App):
    def compose(self):
        yield Header()
        yield Label("A minimal Textual app")
        yield Footer()


if __name__ == "__main__":
    Minimal().run()
