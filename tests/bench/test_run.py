"""The benchmark runner works (no timing is asserted: a timing belongs in the benchmark)."""

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from tests.bench import common, run

BENCHES = sorted(p.stem for p in Path(run.__file__).parent.glob("bench_*.py"))


@pytest.fixture(scope="session")
def bench_cache(tmp_path_factory) -> Path:
    """One tiny synthetic engagement for all the benchmarks: the test workers of a run share
    the folder (pytest-xdist gives each worker a base folder inside the run's own), and
    common.engagement generates it once, under a lock, whichever worker asks first."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return tmp_path_factory.mktemp("bench-cache")
    folder = tmp_path_factory.getbasetemp().parent / "bench-cache"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("bench", BENCHES)
def test_each_benchmark_runs_once_at_a_tiny_scale(bench, bench_cache, capsys, monkeypatch):
    """Each benchmark in its own run of the runner, so that the test workers share them out.

    In the test process rather than a fresh `python -m tests.bench.run`: the runner's main()
    is the whole of that command, and a fresh Python would spend a second of CPU importing
    what this process has already imported, for each benchmark. The benchmarks that time a
    fresh process (start-up, terminal) start their own. main() sets the run settings in
    common; they are put back afterwards."""
    monkeypatch.setattr(common, "QUICK", common.QUICK)
    monkeypatch.setattr(common, "CACHE", common.CACHE)
    status = run.main(["--quick", "--only", bench, "--cache", str(bench_cache)])
    out, err = capsys.readouterr()
    assert status == 0, err[-3000:]
    assert f"{bench} at scale 0.05: 1 run(s)" in err
    assert "scale 0.05" in out and "machine:" in out
    assert list(bench_cache.glob("synth-scale0_05-seed0-*.onsite"))


@pytest.mark.slow
def test_the_quick_run_works_as_a_command(bench_cache):
    """`python -m tests.bench.run --quick` in a fresh process, as a person runs it, with none
    of what the test process has set up: one cheap benchmark (the others run in the test
    process above)."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.bench.run",
            "--quick",
            "--only",
            "bench_sync",
            "--cache",
            str(bench_cache),
        ],
        capture_output=True,
        text=True,
        cwd=common.ROOT,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "bench_sync at scale 0.05: 1 run(s)" in done.stderr
    assert "sync: first merge of 12 bundles" in done.stdout


def test_the_benchmarks_are_all_found():
    assert len(BENCHES) >= 8 and "bench_terminal" in BENCHES
    assert [m.__name__ for m in run.discover(["terminal"])] == ["tests.bench.bench_terminal"]


def test_the_runner_also_runs_as_a_file():
    done = subprocess.run(
        [sys.executable, "tests/bench/run.py", "--help"],
        capture_output=True,
        text=True,
        cwd=common.ROOT,
        timeout=120,
    )
    assert done.returncode == 0 and "--scales" in done.stdout


def fake(values, **attrs):
    """A bench module whose runs at each scale return the given figures, in turn."""
    calls = {}
    for run_ in values:
        for scale, found in run_.items():
            calls.setdefault(scale, []).append(found)
    module = types.SimpleNamespace(__name__="tests.bench.bench_fake", **attrs)
    module.figures = lambda scale: calls[scale].pop(0)
    return module


def test_medians_ratios_targets_and_growth():
    runs = [
        {
            1: [("app", 100, "ms"), ("base", 50, "ms"), ("memory", 90, "MB")],
            10: [("app", 300, "ms"), ("base", 60, "ms"), ("memory", 150, "MB")],
        },
        {
            1: [("app", 120, "ms"), ("base", 50, "ms"), ("memory", 80, "MB")],
            10: [("app", 200, "ms"), ("base", 60, "ms"), ("memory", 250, "MB")],
        },
        {
            1: [("app", 110, "ms"), ("base", 50, "ms"), ("memory", 85, "MB")],
            10: [("app", 250, "ms"), ("base", 60, "ms"), ("memory", 190, "MB")],
        },
    ]
    module = fake(runs, TARGETS={"app": "ratio <= 3", "memory": "< 200"}, COMPARE={"app": "base"})
    figures, failures = run.run([module], [1, 10], runs=3)
    assert not failures
    app, memory = figures["app"], figures["memory"]
    assert app.value(1) == 110 and app.value(10) == 250
    assert run.ratio(app, figures, 1) == pytest.approx(2.2)
    assert run.judge(app, figures, [1, 10]) == "missed at 10"  # 250 / 60 > 3
    assert run.judge(memory, figures, [1, 10]) == "met"  # medians 85 and 190
    text = run.table(figures, [1, 10], markdown=False)
    assert "2.20 / 4.17" in text and "2.27x" in text
    assert run.table(figures, [1, 10], markdown=True).startswith("| figure | scale 1 | scale 10 |")


def test_a_failing_module_is_reported_and_the_others_still_run():
    def broken(scale):
        raise RuntimeError("boom")

    bad = types.SimpleNamespace(__name__="tests.bench.bench_bad", figures=broken)
    good = fake([{1: [("ok", 1, "ms")]}])
    figures, failures = run.run([bad, good], [1], runs=1)
    assert failures == ["bench_bad at scale 1"]
    assert figures["ok"].value(1) == 1


def test_scales_parse_with_commas_or_spaces():
    assert run.parse_scales(["1,10"]) == [1, 10] == run.parse_scales(["1", "10"])
    assert run.parse_scales(["0.5"]) == [0.5]


def test_a_slow_module_stops_repeating_when_its_budget_is_spent():
    slow = fake([{1: [("slow", 5, "ms")]}] * 5)
    done = {}
    figures, _ = run.run([slow], [1], runs=5, budget=0, done=done)
    assert done == {"bench_fake": 1} and figures["slow"].runs[1] == [5.0]


def test_another_run_starts_only_if_it_fits_in_the_budget(monkeypatch):
    clock = iter(range(0, 1000, 25))  # every run takes 25 s
    monkeypatch.setattr(run.time, "perf_counter", lambda: next(clock))
    done = {}
    run.run([fake([{1: [("x", 1, "ms")]}] * 5)], [1], runs=5, budget=60, done=done)
    assert done == {"bench_fake": 2}  # a third would end at 75 s
