"""The matcher on its own: proclitics, article, compounds, whole words, offsets."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer.matcher import (
    NameMatcher,
    fast_normalize_with_offsets,
    key_variants,
    make_view,
)
from gazetteer.normalize import normalize_with_offsets

NAMES = ["سراقب", "النيرب", "ترنبة", "كفر تخاريم", "كفرنبل", "جسر الشغور", "اللاذقية", "سوريا"]


@pytest.fixture(scope="module")
def matcher():
    return NameMatcher((n, i) for i, n in enumerate(NAMES))


def found(matcher, text):
    view = make_view(text)
    out = []
    for m in matcher.find(view):
        s, e = matcher.span(view, m)
        assert 0 <= s < e <= len(text)
        out.append((text[s:e], NAMES[matcher.key_places[m.key_id][0]]))
    return out


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        ("وصلت التعزيزات وسراقب هادئة", "سراقب", "سراقب"),
        ("قصف مدفعي بسراقب صباحا", "سراقب", "سراقب"),
        ("توجه الرتل لسراقب", "سراقب", "سراقب"),
        ("فبسراقب اشتباكات", "سراقب", "سراقب"),
        ("معارك وبالنيرب امس", "النيرب", "النيرب"),
        ("دخلوا للنيرب ليلا", "نيرب", "النيرب"),
        ("عادوا للاذقية امس", "لاذقية", "اللاذقية"),
        ("انتقلت الى اللاذقية", "اللاذقية", "اللاذقية"),
        ("وصلت الى الترنبة", "الترنبة", "ترنبة"),
        ("شوهدت في نيرب", "نيرب", "النيرب"),
        ("غارة على كفرتخاريم", "كفرتخاريم", "كفر تخاريم"),
        ("غارة على كفر نبل", "كفر نبل", "كفرنبل"),
        ("اشتباكات في جسر   الشغور", "جسر   الشغور", "جسر الشغور"),
        ("مدينة «جسر الشغور» المحاصرة", "جسر الشغور", "جسر الشغور"),
    ],
)
def test_prefixes_article_and_compounds(matcher, text, surface, name):
    assert (surface, name) in found(matcher, text)


@pytest.mark.parametrize(
    "text",
    [
        "مسراقب ليست كلمة",  # م is not a proclitic
        "الجيش السوري يتقدم",  # nisba is not the country
        "سراقبي الاصل",  # no suffixes
        "ترنبات",
        "كفرتخاريمية",
    ],
)
def test_whole_words_only(matcher, text):
    assert found(matcher, text) == []


def test_longest_key_present_with_inner_one(matcher):
    got = found(matcher, "حاجز جسر الشغور")
    assert ("جسر الشغور", "جسر الشغور") in got


def test_span_keeps_diacritics_tatweel_and_censor_dots():
    m = NameMatcher([("إدلب", 0), ("سراقب", 1)])
    for text, surface in [
        ("قصف على سَرَاقِبَ أمس", "سَرَاقِبَ"),
        ("قصف على سـراقب أمس", "سـراقب"),
        ("غارات على إد.لب اليوم", "إد.لب"),
    ]:
        view = make_view(text)
        spans = [m.span(view, x) for x in m.find(view)]
        assert [text[s:e] for s, e in spans] == [surface]


def test_two_letter_names_are_not_indexed_but_road_codes_are():
    assert key_variants("خس") == set()
    assert key_variants("M4") == {"m4"}
    assert key_variants("إم 4") == {"ام 4", "ام4"}
    assert key_variants("Idlib") == set()


def test_key_variants_compounds_both_ways():
    assert key_variants("كفر تخاريم") == {"كفر تخاريم", "كفرتخاريم"}
    assert key_variants("معرحطاط") == {"معرحطاط", "معر حطاط"}
    assert key_variants("عين الحور") == {"عين الحور"}
    assert key_variants("النيرب") == {"نيرب"}


def test_empty_matcher_and_empty_text():
    assert NameMatcher([]).find(make_view("سراقب")) == []
    assert NameMatcher([("سراقب", 0)]).find(make_view("")) == []


_chars = st.sampled_from([*list("سراقب إدلب.ـً«»،\u200fٔى ةآ٣ABc"), "\n", "\t", "\xa0", "*", "·"])


@settings(max_examples=300, deadline=None)
@given(st.text(_chars, max_size=60))
def test_fast_normalize_equals_reference(text):
    ref, ref_off = normalize_with_offsets(text)
    got, got_off = fast_normalize_with_offsets(text)
    assert got == ref
    assert np.array_equal(got_off, np.array(ref_off, dtype=np.int64))


@settings(max_examples=200, deadline=None)
@given(st.text(_chars, max_size=60))
def test_view_offsets_point_into_text(text):
    view = make_view(text)
    assert len(view.offsets) == len(view.mtext)
    assert view.mtext.startswith(" ")
    assert view.mtext.endswith(" ")
    assert "  " not in view.mtext[1:-1]
    assert all(0 <= o <= len(text) for o in view.offsets)
