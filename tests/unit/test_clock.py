from onsite.clock import Clock, format_stamp, parse_stamp, uuid7


def test_uuid7_is_version_7_and_sorts_by_time():
    import uuid

    ids = [uuid7() for _ in range(50)]
    assert all(uuid.UUID(i).version == 7 for i in ids)
    assert len(set(ids)) == 50
    assert [i[:13] for i in ids] == sorted(i[:13] for i in ids)


def test_clock_never_goes_backwards_even_when_the_wall_does():
    wall = iter([1000, 1000, 900, 5000, 10])
    clock = Clock("aaaa", wall=lambda: next(wall))
    stamps = [clock.now() for _ in range(5)]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == 5


def test_observing_a_later_stamp_moves_the_clock_past_it():
    clock = Clock("aaaa", wall=lambda: 100)
    remote = format_stamp(999_999, 7, "bbbb")
    clock.observe(remote)
    assert clock.now() > remote
    assert parse_stamp(clock.now())[0] == 999_999


def test_counter_overflow_keeps_string_order():
    clock = Clock("aaaa", last=format_stamp(5, 999_999, "aaaa"), wall=lambda: 1)
    a = clock.now()
    assert a > format_stamp(5, 999_999, "aaaa")
    assert len(a) == len(format_stamp(5, 0, "aaaa"))
