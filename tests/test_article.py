"""Reading articles: encodings, HTML, sidecars, header dates, bad input (hand-made fixtures)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from events.article import (
    SidecarDateError,
    article_from_text,
    decode_bytes,
    header_date,
    parse_iso_date,
    read_article,
)
from events.errors import ArticleError, DateError

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"
BODY = (
    "انفجرت عبوة ناسفة صباح أمس الأحد بسيارة عسكرية على طريق سرمدا، ما أسفر عن مقتل عنصرين.\n"
    "وقال مصدر محلي إن الانفجار وقع قرب مفرق بلدة الدانا الشمالي."
)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(tmp_path / "data"))


def write(tmp_path: Path, name: str, data: bytes, sidecar: dict | str | None = None) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    if sidecar is not None:
        text = sidecar if isinstance(sidecar, str) else json.dumps(sidecar, ensure_ascii=False)
        path.with_suffix(".json").write_text(text, encoding="utf-8")
    return path


# --- fixtures written for the tests ------------------------------------------------------


def test_text_file_with_sidecar():
    path = FIXTURES / "patrol_report.txt"
    a = read_article(path)
    assert a.article_id == "fixture-patrol-0001"
    assert (a.source, a.url) == ("موقع الاختبار", "https://example.org/patrol")
    assert (a.published, a.published_inferred) == (dt.date(2020, 6, 10), False)
    assert a.title.startswith("سيّرت القوات الروسية والتركية دورية مشتركة")
    assert a.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    assert a.path == str(path)
    # furniture gone, body verbatim
    for gone in ("موقع إخباري", "0 57", "اقرأ أيضاً", "المصدر:", "تويتر", "اترك", "لن يتم نشر"):
        assert gone not in a.text, gone
    assert a.text.count("سيّرت القوات الروسية والتركية دورية مشتركة جديدة") == 1
    assert "«الدورية القادمة ستنطلق يوم السبت المقبل»." in a.text
    assert a.text.endswith("في 5 آذار/مارس الماضي.")


def test_options_override_the_sidecar():
    a = read_article(
        FIXTURES / "patrol_report.txt",
        source="مصدر آخر",
        url="https://x.test/a",
        published="2020-06-11",
    )
    assert (a.source, a.url, a.published) == ("مصدر آخر", "https://x.test/a", dt.date(2020, 6, 11))
    assert a.published_inferred is False
    a = read_article(FIXTURES / "patrol_report.txt", published=dt.date(2020, 6, 12))
    assert a.published == dt.date(2020, 6, 12)


def test_html_page_body_title_and_date_without_scripts():
    a = read_article(FIXTURES / "shelling_page.html")
    assert a.article_id == "shelling_page"
    assert a.title == "قصف مدفعي على بلدات جبل الزاوية"
    assert a.published == dt.date(2021, 4, 3)
    assert "بلدتي البارة وكنصفرة" in a.text
    assert "الأسبوع الماضي" in a.text
    for gone in ("SCRIPT", "font-family", "tracking", "اترك تعليقاً", "جميع الحقوق", "<p>"):
        assert gone not in a.text, gone
    assert a.text.count("قصف مدفعي على بلدات جبل الزاوية") == 1


def test_html_recognised_by_content_and_scripts_dropped(tmp_path):
    html = (
        "<html><head><title>غارة على الأتارب</title>"
        "<script>alert('x')</script></head><body><p>" + BODY.replace("\n", "</p><p>") + "</p>"
        "<script>document.write('INJECTED')</script><style>p{}</style></body></html>"
    )
    a = read_article(write(tmp_path, "page.txt", html.encode("utf-8")))
    assert "انفجرت عبوة ناسفة" in a.text
    assert "alert" not in a.text
    assert "INJECTED" not in a.text
    assert a.title == "غارة على الأتارب"


def test_dated_header_is_read_when_no_date_is_given():
    a = read_article(FIXTURES / "dated_header.txt")
    assert (a.published, a.published_inferred) == (dt.date(2019, 7, 3), False)
    assert a.source is None
    assert a.title == "انفجار سيارة مفخخة في مدينة الباب"


def test_sidecar_date_wins_over_header(tmp_path):
    text = "● أخبار سورية ١٧ أغسطس ٢٠٢٠\n" + BODY
    path = write(tmp_path, "a.txt", text.encode(), {"published": "2020-08-18"})
    assert read_article(path).published == dt.date(2020, 8, 18)


@pytest.mark.parametrize(
    ("header", "date"),
    [
        ("● أخبار سورية ١٧ أغسطس ٢٠٢٠", dt.date(2020, 8, 17)),
        ("الاثنين 17 آب 2020", dt.date(2020, 8, 17)),
        ("2020/08/17", dt.date(2020, 8, 17)),
        ("نشر بتاريخ: 17/08/2020 - 10:30", dt.date(2020, 8, 17)),
        ("ريف إدلب - الخميس 9 كانون الثاني 2020", dt.date(2020, 1, 9)),
    ],
)
def test_header_date_forms(header, date):
    assert header_date("عنوان الخبر\n" + header + "\n" + BODY) == date


def test_dates_in_body_sentences_are_not_headers():
    text = "مقتل عنصرين بانفجار\n" + (
        "وكانت القوات قد دخلت المنطقة في 17 آب 2019 بعد معارك عنيفة استمرت أسابيع مع الفصائل."
    )
    assert header_date(text) is None
    assert header_date("قتل مدني أمس\n" + BODY) is None  # relative dates are no header


def test_no_date_at_all(tmp_path):
    a = read_article(write(tmp_path, "plain.txt", BODY.encode()))
    assert (a.published, a.published_inferred, a.source, a.url) == (None, False, None, None)
    assert a.article_id == "plain"


def test_sidecar_published_inferred(tmp_path):
    side = {"published": "2021-01-05", "published_inferred": True, "id": 42, "note": "ignored"}
    a = read_article(write(tmp_path, "x.txt", BODY.encode(), side))
    assert (a.published, a.published_inferred, a.article_id) == (dt.date(2021, 1, 5), True, "42")


# --- encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("codec", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("cp1256", b""),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("utf-16-le", b""),
    ],
)
def test_encodings(tmp_path, codec, bom):
    data = bom + BODY.encode(codec)
    a = read_article(write(tmp_path, f"enc-{codec}.txt", data))
    assert a.text == BODY
    assert a.content_hash == hashlib.sha256(data).hexdigest()


def test_windows_1256_html(tmp_path):
    head = "<head><meta charset='windows-1256'><title>خبر</title></head>"
    html = f"<html>{head}<body><p>{BODY}</p></body></html>"
    a = read_article(write(tmp_path, "p.html", html.encode("cp1256")))
    assert "انفجرت عبوة ناسفة" in a.text


def test_crlf_newlines(tmp_path):
    a = read_article(write(tmp_path, "crlf.txt", BODY.replace("\n", "\r\n").encode()))
    assert a.text == BODY


# --- bad input ---------------------------------------------------------------------------


def one_line_error(exc: pytest.ExceptionInfo, *needles: str) -> None:
    msg = str(exc.value)
    assert "\n" not in msg
    for needle in needles:
        assert needle in msg, msg


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(0x80, 0x100)) * 8, "cannot decode"),
        (b"abc\x01\x02\x03def\x04 ghi", "binary"),
    ],
)
def test_unreadable_files(tmp_path, data, reason):
    path = write(tmp_path, "bad.txt", data)
    with pytest.raises(ArticleError) as exc:
        read_article(path)
    one_line_error(exc, "bad.txt", reason)


def test_too_big_file_is_refused_without_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    with pytest.raises(ArticleError) as exc:
        read_article(path)
    one_line_error(exc, "huge.txt", "52,428,800 bytes", "5,000,000")
    with pytest.raises(ArticleError):
        read_article(write(tmp_path, "small.txt", BODY.encode()), max_bytes=10)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ArticleError) as exc:
        read_article(tmp_path / "nope.txt")
    one_line_error(exc, "nope.txt", "no such file")
    with pytest.raises(ArticleError):
        read_article(tmp_path)


def test_only_furniture(tmp_path):
    with pytest.raises(ArticleError) as exc:
        read_article(write(tmp_path, "f.txt", "اترك رد\nمشاركة:\n0 12".encode()))
    one_line_error(exc, "f.txt", "no article text")


@pytest.mark.parametrize(
    ("sidecar", "needle"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ({"published_inferred": "yes"}, "published_inferred"),
        ({"source": 5}, "'source'"),
    ],
)
def test_broken_sidecar(tmp_path, sidecar, needle):
    path = write(tmp_path, "s.txt", BODY.encode(), sidecar)
    with pytest.raises(ArticleError) as exc:
        read_article(path)
    one_line_error(exc, "s.json", needle)


@pytest.mark.parametrize("bad", ["2020-13-45", "yesterday", "17/08/2020", "2020-02-30"])
def test_sidecar_with_a_broken_date_is_an_error(tmp_path, bad):
    path = write(tmp_path, "d.txt", BODY.encode(), {"published": bad})
    with pytest.raises(SidecarDateError) as exc:
        read_article(path)
    one_line_error(exc, "d.json", repr(bad))
    assert isinstance(exc.value, ArticleError)
    assert isinstance(exc.value, DateError)


def test_bad_published_option(tmp_path):
    path = write(tmp_path, "o.txt", BODY.encode())
    with pytest.raises(DateError) as exc:
        read_article(path, published="last week")
    one_line_error(exc, "'last week'")


def test_parse_iso_date():
    assert parse_iso_date("2020-03-05") == dt.date(2020, 3, 5)
    assert parse_iso_date(dt.datetime(2020, 3, 5, 10)) == dt.date(2020, 3, 5)
    assert parse_iso_date(None) is None
    with pytest.raises(DateError):
        parse_iso_date("2020-3-5")


def test_decode_bytes_names_the_input():
    with pytest.raises(ArticleError, match=r"mine\.txt: empty file"):
        decode_bytes(b"", name="mine.txt")


# --- pasted text -------------------------------------------------------------------------


def test_article_from_text():
    a = article_from_text(BODY + "\nاترك رد", source="نشطاء", published="2021-05-02")
    raw = (BODY + "\nاترك رد").encode("utf-8")
    assert a.article_id == "sha1:" + hashlib.sha1(raw).hexdigest()[:16]
    assert a.content_hash == hashlib.sha256(raw).hexdigest()
    assert a.text == BODY
    assert (a.source, a.published, a.path) == ("نشطاء", dt.date(2021, 5, 2), None)
    assert article_from_text(BODY + "\nاترك رد").article_id == a.article_id  # stable


def test_article_from_text_options_and_header():
    a = article_from_text("الاثنين 17 آب 2020\n" + BODY, article_id="mine", title="عنوان")
    assert (a.article_id, a.published, a.title) == ("mine", dt.date(2020, 8, 17), "عنوان")


@pytest.mark.parametrize("text", ["", "   \n  ", "abc\x00def"])
def test_article_from_text_rejects_empty_and_binary(text):
    with pytest.raises(ArticleError):
        article_from_text(text)
