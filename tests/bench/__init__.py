"""Benchmarks: `uv run python -m tests.bench.run` (see run.py for its options).

Writing one: a module `tests/bench/bench_<name>.py` with

    def figures(scale: float) -> list[tuple[str, float, str]]:
        '''One run at this scale: [(figure name, value, unit), ...].'''

The runner calls it several times per scale (--runs, 5 by default; once under --quick;
no more than fit in --budget seconds, 60 by default, at that scale) and reports the
median of each figure. `scale` is 1 and 10 in the full run and a
fraction (0.05: 3 sessions, 30 notes) under --quick, so scale counts with
`round(n * scale)`, not `range(n * scale)`.

Optional module attributes:
    RUNS = 1                 call figures() at most this often per scale (costly figures,
                             or a module that takes its own median)
    TARGETS = {name: text}   "< 16", "<= 200", or "ratio <= 1.3" (judged on the ratio to
                             the figure named in COMPARE), in the figure's own unit
    COMPARE = {name: other}  show name / other as the ratio column

Data: `common.engagement(scale)` is the cached synthetic engagement (do not write to it);
`common.copy_of(scale, folder)` is a private copy to write to; `common.quick()` is true
under --quick (the test suite's run: do every step once, repeat nothing, keep inputs small;
never leave a figure or a code path out). A failing module is reported and the others still run; the runner then
exits with status 1.
"""
