"""Sentence splitting on text written for the tests (not the samples)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from events.sentences import MAX_QUOTE, split_sentences


def texts(text: str) -> list[str]:
    found = split_sentences(text)
    for s in found:
        assert text[s.start : s.end] == s.text
    return [s.text for s in found]


def test_full_stops_question_and_exclamation_marks():
    assert texts("قصفت المدفعية البلدة. هل توقف القصف؟ لا! استمر حتى المساء") == [
        "قصفت المدفعية البلدة.",
        "هل توقف القصف؟",
        "لا!",
        "استمر حتى المساء",
    ]


def test_newlines_end_sentences():
    assert texts("انفجار في الباب\nقتل شخصان\n\n  وجرح آخرون  ") == [
        "انفجار في الباب",
        "قتل شخصان",
        "وجرح آخرون",
    ]


def test_missing_space_after_full_stop():
    assert texts("سقطت قذائف على سراقب.وقال الدفاع المدني إن طفلاً جرح.") == [
        "سقطت قذائف على سراقب.",
        "وقال الدفاع المدني إن طفلاً جرح.",
    ]


def test_censorship_dots_are_not_sentence_ends():
    text = "خرقت قوات النظام وقف إطـ.لاق نـ.ار بقصـ.ف صاروخي على الريف. وردت الفصائل."
    assert texts(text) == [
        "خرقت قوات النظام وقف إطـ.لاق نـ.ار بقصـ.ف صاروخي على الريف.",
        "وردت الفصائل.",
    ]


def test_quotations_are_not_split():
    text = "وقال القائد: «لن ننسحب. سنبقى هنا!». ثم غادر. وأضاف “لا تفاوض. لا هدنة” أمس."
    assert texts(text) == [
        "وقال القائد: «لن ننسحب. سنبقى هنا!».",
        "ثم غادر.",
        "وأضاف “لا تفاوض. لا هدنة” أمس.",
    ]


def test_straight_quotes_and_parentheses():
    text = 'وذكر البيان "وقعت الغارة. لا ضحايا" بحسب المصدر (نقلاً عن م. أحمد. وآخرين). وانتهى.'
    assert texts(text) == [
        'وذكر البيان "وقعت الغارة. لا ضحايا" بحسب المصدر (نقلاً عن م. أحمد. وآخرين).',
        "وانتهى.",
    ]


def test_very_long_quotation_is_split():
    part = "وقعت اشتباكات عنيفة على محاور القتال في ريف المحافظة الجنوبي"
    quote = "«" + ". ".join([part] * 5) + ".»"
    assert len(quote) > MAX_QUOTE
    assert len(texts("وقال المصدر: " + quote)) == 5


def test_unclosed_quote_does_not_swallow_the_rest():
    assert texts("وقال «لن ننسحب. ثم غادر. وانتهى.") == ["وقال «لن ننسحب.", "ثم غادر.", "وانتهى."]


def test_numbered_lists():
    text = "أبرز البنود:\n1. وقف القتال.\n2. تسيير دوريات.\n١٠. عودة النازحين."
    assert texts(text) == [
        "أبرز البنود:",
        "1. وقف القتال.",
        "2. تسيير دوريات.",
        "١٠. عودة النازحين.",
    ]


def test_abbreviations_decimals_and_addresses():
    text = (
        "بنيت القلعة عام 1200 م. على تلة. وبلغت الكلفة 2.5 مليون. راجع sana.sy للمزيد. وصل د. خالد."
    )
    assert texts(text) == [
        "بنيت القلعة عام 1200 م. على تلة.",
        "وبلغت الكلفة 2.5 مليون.",
        "راجع sana.sy للمزيد.",
        "وصل د. خالد.",
    ]


def test_ellipsis_pause_is_not_an_end():
    assert texts("الوضع صعب.. لكننا صامدون. انتهى") == ["الوضع صعب.. لكننا صامدون.", "انتهى"]


def test_closing_quotes_stay_with_the_sentence():
    assert texts("قال: «انتهى القصف.» ثم سكت.") == ["قال: «انتهى القصف.» ثم سكت."]
    assert texts("«انتهى القصف؟»\nنعم") == ["«انتهى القصف؟»", "نعم"]


def test_empty_and_punctuation_only():
    assert texts("") == []
    assert texts("  \n ● \n...") == []


_ALPHABET = st.sampled_from(list('قصف إدلب.؟!«»“”"()\n 0123456789ـم'))


@given(st.text(_ALPHABET, max_size=200))
def test_spans_are_verbatim_ordered_and_disjoint(text):
    found = split_sentences(text)
    last = 0
    for s in found:
        assert s.start >= last
        assert s.end > s.start
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
        last = s.end
