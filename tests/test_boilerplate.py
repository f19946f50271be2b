"""Boilerplate rules, each on text written for the tests (not the samples)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from events.boilerplate import is_headline_like, line_kind, normalize, strip_boilerplate
from gazetteer.normalize import normalize as gazetteer_normalize

BODY1 = (
    "قصفت قوات النظام بالمدفعية الثقيلة بلدة كفرنبل في ريف إدلب الجنوبي صباح اليوم، "
    "ما أدى إلى إصابة مدنيين اثنين."
)
BODY2 = "وقال ناشطون محليون إن القصف تركز على الأحياء السكنية وسط البلدة وأطرافها الشرقية."
TITLE = "إصابة مدنيين بقصف مدفعي على كفرنبل"


def clean(*lines: str, title: str = "") -> str:
    return strip_boilerplate("\n".join(lines), title=title).text


@pytest.mark.parametrize(
    "marker",
    [
        "اقرأ أيضاً:",
        "إقرأ أيضا",
        "اقرأ أيضا:",
        "وقد يهمك أيضا:",
        "يهمك أيضاً",
        "مواضيع ذات صلة",
        "أخبار ذات صلة:",
    ],
)
def test_read_also_tail_and_its_headlines_are_dropped(marker):
    text = clean(
        BODY1,
        BODY2,
        "",
        marker,
        "",
        "مقتل عنصرين من قوات النظام بكمين في ريف حماة",
        "غارات روسية على جبل الأكراد",
    )
    assert text == BODY1 + "\n" + BODY2


def test_inline_read_also_line_is_dropped_alone():
    text = clean(BODY1, "اقرأ أيضاً: غارات روسية على جبل الأكراد شمال اللاذقية", BODY2)
    assert text == BODY1 + "\n" + BODY2


def test_read_also_inside_the_body_drops_only_its_headline():
    text = clean(BODY1, "إقرأ أيضاً:", "غارات روسية على جبل الأكراد", BODY2)
    assert text == BODY1 + "\n" + BODY2


@pytest.mark.parametrize(
    "box",
    [
        ["اترك رد", "لن يتم نشر عنوان بريدك الإلكتروني.", "الاسم *", "التعليق"],
        ["اترك تعليقاً", "الحقول الإلزامية مشار إليها بـ *"],
        ["أضف تعليق"],
        ["اشترك في النشرة البريدية", "احصل على آخر الأخبار يومياً"],
        ["لم تشترك بعد", "انشئ حساباً خاصاً بك لتحصل على أخبار مخصصة لك وتتلقى نشراتنا"],
    ],
)
def test_comment_and_newsletter_boxes(box):
    assert clean(BODY1, BODY2, *box) == BODY1 + "\n" + BODY2


@pytest.mark.parametrize(
    "line",
    [
        "مشاركة:",
        "شارك",
        "تويتر فيسبوك واتساب",
        "شارك على فيسبوك",
        "Facebook Twitter WhatsApp Telegram",
        "0 32",
        "1,245 مشاهدة",
        "ـــــــ ــ",
        "***",
        "جميع الحقوق محفوظة لموقع الأخبار 2021",
        "© 2021 الشبكة",
        "الرئيسية » أخبار سوريا » ميداني",
    ],
)
def test_furniture_lines_go_wherever_they_stand(line):
    assert clean(BODY1, line, BODY2) == BODY1 + "\n" + BODY2
    assert line_kind(line) in {"junk", "tagline", "box"}


def test_site_tagline_at_the_top_keeps_the_title():
    result = strip_boilerplate(
        "\n".join(["موقع إخباري مستقل يهتم بشؤون المنطقة", "", TITLE, "", BODY1])
    )
    assert result.text == TITLE + "\n\n" + BODY1
    assert result.title == TITLE


def test_bylines_at_the_end():
    for byline in ("المصدر: وكالات", "المصدر: الموقع الكاتب: فريق التحرير", "تحرير: أحمد خالد"):
        assert clean(BODY1, BODY2, byline) == BODY1 + "\n" + BODY2


def test_source_line_in_the_body_is_kept():
    line = "المصدر: ناشطون"
    assert clean(BODY1, line, BODY2) == "\n".join([BODY1, line, BODY2])


def test_repeated_title_at_the_top():
    result = strip_boilerplate("\n".join([TITLE, TITLE, "● أخبار محلية", TITLE, "", BODY1]))
    assert result.text == "\n".join([TITLE, "● أخبار محلية", "", BODY1])
    assert result.title == TITLE


def test_title_repeated_at_the_end():
    assert clean(TITLE, BODY1, BODY2, TITLE) == "\n".join([TITLE, BODY1, BODY2])


def test_given_title_is_matched_after_normalization():
    result = strip_boilerplate(
        "\n".join(["إصابة مدنيين بقصف مدفعي على كفرنبل", BODY1]), title=TITLE
    )
    assert result.text.startswith("إصابة مدنيين")
    assert result.title == TITLE


def test_related_headline_list_before_a_box_without_a_marker():
    text = clean(
        BODY1,
        BODY2,
        "غارات روسية على جبل الأكراد",
        "مقتل عنصرين بكمين في ريف حماة",
        "غارات روسية على جبل الأكراد",
        "لم تشترك بعد",
    )
    assert text == BODY1 + "\n" + BODY2


def test_a_single_short_last_line_survives_a_box():
    last = "وقتل في الهجوم ثلاثة عناصر"
    assert clean(BODY1, last, "اترك رد") == BODY1 + "\n" + last


def test_paragraph_text_is_never_rewritten():
    body = "  قُتِلَ مدنيٌّ   بقصـ.ف على «البلدة»،  وجرح آخر.  "
    assert clean(body) == body.strip()


def test_blank_lines_collapse_to_one():
    assert clean(BODY1, "", "", "", BODY2, "", "") == BODY1 + "\n\n" + BODY2


def test_body_mentioning_a_marker_word_is_kept():
    line = "وشارك في الهجوم عناصر من الفصائل المسلحة المدعومة من تركيا على محاور عدة."
    assert clean(BODY1, line) == BODY1 + "\n" + line


def test_headline_like():
    assert is_headline_like(TITLE)
    assert is_headline_like("ماذا يجري في إدلب؟")
    assert not is_headline_like(BODY1)
    assert not is_headline_like("انتهى القصف.")
    assert not is_headline_like("")


@given(
    st.text(st.characters(min_codepoint=0x0600, max_codepoint=0x06FF).filter(lambda c: c != "."))
)
def test_fast_fold_matches_gazetteer_normalize(text):
    assert normalize(text) == gazetteer_normalize(text)
