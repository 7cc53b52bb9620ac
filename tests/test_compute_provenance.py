"""The status vocabulary: a value's own status, and what a computed value inherits."""

import pytest

from generator.compute import provenance as p


def test_a_value_takes_its_rows_status_and_a_sample_flag_wins():
    assert p.status_of("速報") == "速報"
    assert p.status_of("sample") == "見本"  # the data files' word
    assert p.status_of(None) == "確定"
    assert p.status_of("確定", sample=True) == "見本"


def test_an_unknown_status_is_refused():
    with pytest.raises(ValueError):
        p.status_of("たぶん")


@pytest.mark.parametrize(("inputs", "expected"), [
    (["確定", "確定"], "算出（確定値から）"),
    (["確定", "速報"], "算出（速報値を含む）"),
    (["速報", "未確認", "確定"], "算出（未確認の値を含む）"),
    (["確定", "sample", "未確認"], "算出（見本を含む）"),
    (["算出（見本を含む）", "確定"], "算出（見本を含む）"),  # computed from a computed value
    ([], "算出（確定値から）"),
])
def test_a_computed_value_inherits_the_weakest_status_of_its_inputs(inputs, expected):
    assert p.derived(inputs) == expected


def test_sample_status_is_recognised_through_derivation():
    assert p.is_sample("見本") and p.is_sample(p.derived(["見本"]))
    assert not p.is_sample("未確認") and not p.is_sample(p.derived(["速報"]))


def test_every_status_has_a_meaning():
    assert set(p.MEANINGS) == set(p.STATUSES)


def test_a_value_whose_source_is_still_to_be_checked_is_unchecked():
    assert p.status_of(None, needs_check=True) == p.status_of("速報", needs_check=True) == "未確認"
    assert p.status_of("sample", needs_check=True) == "見本"  # a sample stays a sample
    assert p.status_of("確定", needs_check=False) == "確定"
