"""Spellings of compound names the press writes joined (not from the samples)."""

from gazetteer.core import Gazetteer
from gazetteer.matcher import key_variants
from tests.gazetteer_fixtures import ALL, IDLIB, FakeTable, fake


def test_ta_marbuta_head_joined_with_ta():
    assert "معرتحرمه" in key_variants("معرة حرمة")
    assert "خربتغزاله" in key_variants("خربة غزالة")
    # a second word with the article stays apart: «معرة النعمان» is never «معرتالنعمان»
    assert key_variants("معرة النعمان") == {"معره النعمان"}


def test_joined_spelling_is_found_in_text():
    village = fake("معرة حرمة", IDLIB)
    gz = Gazetteer(FakeTable((*ALL, village)))
    ms = gz.tag("قصفت قوات النظام بلدة معرتحرمة بالصواريخ")
    assert [(m.surface, m.place.place_id) for m in ms] == [("معرتحرمة", village.place_id)]
