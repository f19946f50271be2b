"""The one-gather match-text path gives exactly what the uint32 path gives."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer.fastnorm import _match_text_arrays, _match_text_bmp, match_text

# Within the BMP: letters, dropped marks (also between spaces), censorship marks, spaces
# of several kinds, punctuation, digits, Latin, NUL and a word character the folds skip.
_bmp_chars = st.sampled_from(
    [
        *"سراقب إدلب.ـًٌ«»،\u200fٔى ةآ٣ABc_-!؟*·•",
        "\n",
        "\t",
        "\x00",
        "\xa0",
        "\u3000",
        "\u0651",
        "\u200d",
        "\ufeff",
        "\u06d6",
        "ж",
        "●",
    ]
)


@settings(max_examples=800, deadline=None)
@given(st.text(_bmp_chars, max_size=60))
def test_bmp_path_equals_array_path(text):
    got = _match_text_bmp(text)
    assert got is not None
    ref_text, ref_off = _match_text_arrays(text)
    assert got[0] == ref_text
    assert got[1].dtype == np.int64
    assert got[1].tolist() == ref_off.tolist()


def test_astral_text_takes_the_array_path():
    text = "قصف \U0001f600 على حلب"
    assert _match_text_bmp(text) is None
    mtext, offs = match_text(text)
    assert mtext == " قصف علي حلب "
    assert offs[0] == 0
    assert offs[-1] == len(text)


def test_marks_and_drops_between_spaces():
    # A dropped character between two spaces: the second space still goes.
    assert match_text("في \u200f حلب")[0] == " في حلب "
    # A censorship dot inside a word goes; a full stop before a space stays a boundary.
    assert match_text("نـ.ار في إدلب. وقال")[0] == " نار في ادلب وقال "
    assert match_text("")[0] == "  "
    assert match_text("\u064b\u064c")[1].tolist() == [0, 2]
