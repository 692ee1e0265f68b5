"""Shared fixtures: real engagement files in tmp_path, built from the shipped demo data."""

from __future__ import annotations

import os
import shutil
from itertools import islice
from pathlib import Path

import pytest
from hypothesis import settings

# Hypothesis: in CI (the CI variable set, as .ci/run does) every property test runs its full
# number of examples from a fixed seed, so a failure there replays anywhere; on a laptop a
# quarter as many, from a fresh seed each run, so repeated local runs still explore.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev", max_examples=25)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory) -> Path:
    """The demo engagement, built once per run; tests get their own copy."""
    from onsite.synth import demo

    path = tmp_path_factory.mktemp("master") / "demo.onsite"
    demo.create(path).close()
    return path


@pytest.fixture
def demo_file(demo_master, tmp_path) -> Path:
    target = tmp_path / "Calder Vale démo.onsite"
    shutil.copyfile(demo_master, target)
    return target


@pytest.fixture
def demo_store(demo_file):
    from onsite.store.db import Store

    store = Store.open(demo_file)
    yield store
    store.close()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """No test reads or writes the real user data folder."""
    monkeypatch.setenv("ONSITE_HOME", str(tmp_path / "home"))


# The order the test workers take the tests in. pytest-xdist's worksteal hands each worker an
# even, contiguous share of the collection, and a worker that runs out takes half of the
# longest queue left, from its end. In collection order the Pilot tests (1-7 s each) come
# together, so the run used to end with one worker finishing a long UI test while the others
# sat idle (11 s). Here the long ones (tests marked slow first, then the UI, snapshots and
# benchmarks) lead every worker's share, dealt in turn, and the short unit tests follow:
# what is taken from the ends last is short. Within each kind the collection's order is kept.
LONG_FOLDERS = ("tests/ui/", "tests/snapshots/", "tests/bench/")


def pytest_collection_modifyitems(config, items) -> None:
    # (in a worker, where the ordering counts, xdist says how many workers there are)
    workers = getattr(config, "workerinput", {}).get("workercount")
    if not isinstance(workers, int) or workers < 2 or len(items) < workers:
        return
    slow = [i for i in items if i.get_closest_marker("slow")]  # the longest: first of all
    long = slow + [i for i in items if i.nodeid.startswith(LONG_FOLDERS) and i not in slow]
    is_long = set(long)
    short = [i for i in items if i not in is_long]
    # the shares as worksteal deals them: what is left, divided by the workers still to serve
    ordered, left, rest = [], len(items), iter(short)
    for k in range(workers):
        share = left // (workers - k)
        left -= share
        lead = long[k::workers]
        ordered += lead + list(islice(rest, max(0, share - len(lead))))  # (fewer: all)
    ordered += list(rest)  # (more long tests than a share holds: the shares are uneven then)
    items[:] = ordered
