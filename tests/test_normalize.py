"""The lead's gazetteer.normalize: one table of cases per rule, idempotence, offsets."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gazetteer.normalize import fold_char, is_arabic_letter, normalize, normalize_with_offsets


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("مَدِينَةُ", "مدينه"),  # diacritics
        ("ادلـــب", "ادلب"),  # tatweel
        ("إطـ.لاق", "اطلاق"),  # censorship dot touching a tatweel
        ("نـ.ار", "نار"),
        ("قصـ.ف", "قصف"),
        ("ا.دلب", "ادلب"),  # a one-letter fragment
        ("إدلب.وقال", "ادلب.وقال"),  # a full stop between two full words stays
        ("إدلب", "ادلب"),  # alef forms
        ("أريحا", "اريحا"),
        ("آب", "اب"),
        ("مصطفى", "مصطفي"),  # alef maksura
        ("سراقب\u200f", "سراقب"),  # direction mark
        ("٢٠٢٠", "2020"),  # Eastern Arabic digits
        ("۴", "4"),  # Persian digits
        ("M4", "m4"),
        ("حلب،  إدلب", "حلب, ادلب"),  # Arabic comma, spaces collapsed
        ("ا\u0654", "ا"),  # decomposed hamza above
    ],
)
def test_rules(raw, expected):
    assert normalize(raw) == expected


def test_fold_char_and_letters():
    assert fold_char("ة") == "ه"
    assert fold_char("\u00a0") == " "
    assert is_arabic_letter("ب")
    assert not is_arabic_letter("٣")


@given(st.text(alphabet=st.sampled_from(list("سراقب إدلبَ.ـ«»،ىةآ٣ \n")), max_size=40))
def test_idempotent_and_offsets(text):
    once = normalize(text)
    assert normalize(once) == once
    norm, offs = normalize_with_offsets(text)
    assert len(norm) == len(offs)
    assert offs == sorted(set(offs))
    assert all(0 <= o < len(text) for o in offs)
