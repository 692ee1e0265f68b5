"""How many examples a property test runs under the loaded Hypothesis profile."""

from hypothesis import settings

FULL = 100  # Hypothesis's own default, which the "ci" profile keeps


def examples(n: int) -> int:
    """n in CI; the same share of n as the profile's default is of the full default locally
    (a quarter under "dev"), and never fewer than 5."""
    return max(5, n * settings.default.max_examples // FULL)
