"""Made-up engagements: the demo (a fictional system's week, from data/demo) and synthetic
engagements for benchmarks (the generator, its timetable and its word lists).

May import any core capability (they build whole engagements). Never Textual.
"""
