"""Shared fixtures: real engagement files in tmp_path, built from the shipped demo data."""

from __future__ import annotations

import os
import shutil
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
