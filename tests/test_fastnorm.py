"""gazetteer.fastnorm gives exactly what the reference normalizer (gazetteer.normalize) gives."""

import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer.fastnorm import censor_positions, fast_normalize_with_offsets, match_text
from gazetteer.normalize import censor_dot_positions, normalize_with_offsets

# Letters, marks, dots, tatweel, spaces of several kinds, punctuation, Latin, digits, and
# characters outside the Basic Multilingual Plane (an emoji, a math digit).
_chars = st.sampled_from(
    [
        *"سراقب إدلب.ـً«»،\u200fٔى ةآ٣ABc_-!؟",
        "\n",
        "\t",
        "\xa0",
        "\u3000",
        "*",
        "·",
        "•",
        "\u0651",
        "\u200d",
        "\U0001f600",
        "\U0001d7d8",
        "\ufeff",
    ]
)
_NON_WORD = re.compile(r"[\W_]")


def reference_view(text: str) -> tuple[str, list[int]]:
    """The match text as gazetteer.matcher built it before fastnorm, from the reference."""
    norm, offs = normalize_with_offsets(text)
    spaced = _NON_WORD.sub(" ", norm)
    out, out_offs = [], []
    prev_space = True
    for ch, o in zip(spaced, offs, strict=True):
        if ch == " " and prev_space:
            continue
        prev_space = ch == " "
        out.append(ch)
        out_offs.append(o)
    return " " + "".join(out) + " ", [0, *out_offs, len(text)]


@settings(max_examples=500, deadline=None)
@given(st.text(_chars, max_size=80))
def test_normalize_equals_reference(text):
    ref, ref_off = normalize_with_offsets(text)
    got, got_off = fast_normalize_with_offsets(text)
    assert got == ref
    assert np.array_equal(got_off, np.array(ref_off, dtype=np.int64))


@settings(max_examples=500, deadline=None)
@given(st.text(_chars, max_size=80))
def test_censor_positions_equal_reference(text):
    assert censor_positions(text) == sorted(censor_dot_positions(text))


@settings(max_examples=500, deadline=None)
@given(st.text(_chars, max_size=80))
def test_match_text_equals_reference(text):
    ref, ref_off = reference_view(text)
    got, got_off = match_text(text)
    assert got == ref
    assert got_off.tolist() == ref_off


def test_cases():
    # a censorship dot inside a word goes, a full stop between words stays a boundary
    assert match_text("غارات على إد.لب اليوم.وقال")[0] == " غارات علي ادلب اليوم وقال "
    assert fast_normalize_with_offsets("إطـ.لاق")[0] == "اطلاق"
    assert censor_positions("نـ.ار و إدلب. قال") == [2]
    text = "قصف «سَراقب»\u00a0 اليوم"
    mtext, offs = match_text(text)
    assert mtext == " قصف سراقب اليوم "
    assert text[offs[5] : offs[9] + 1] == "سَراقب"
    empty, empty_offs = match_text("")
    assert (empty, empty_offs.tolist()) == ("  ", [0, 0])
