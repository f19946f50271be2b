"""Counts of cases and rumours denied: cues that are no single reported event.

Split from :mod:`events.modality` (which calls these from ``not_reported``):

- **counted cases** — a number of cases or operations of a kind («وثّق المرصد 7 حالات
  قصف»، «38 عملية ومحاولة اغتيال خلال شهر شباط») sums up many events: a tally;
- **a rising count** — «ارتفع عدد قتلى الألغام منذ مطلع العام إلى 40»: the count since a
  starting point, wherever «منذ/خلال» stands in the clause;
- **rumours denied** — «لا صحة للأنباء عن قصف …»، «عارٍ عن الصحة»;
- **deaths of nature** — a body drowned, a flood, an earthquake, the cold: no killing;
- **means of an offensive** — «شنت هجوماً على … مستخدمة الطائرات المسيرة»: the drones are
  how the offensive was fought, not a drone strike of their own;
- **raids and arrests** — «اقتحمت دورية منزل … واعتقلت …»: a storming to arrest is no clash.
"""

from __future__ import annotations

import re

from events.modality_frames import clause_end, clause_start

__all__ = ["arrest_raid", "counted_cases", "means_of_offensive", "natural_death", "rumour_denied"]

_NUMBER = (
    r"(?:\d+|اثنين|اثنتين|ثلاث|ثلاثه|اربع|اربعه|خمس|خمسه|ست|سته|سبع|سبعه|ثماني|ثمانيه|تسع"
    r"|تسعه|عشر|عشره|عشرات|مئات|العشرات|المئات|عده|عشرين|ثلاثين|اربعين|خمسين|مئه|مائه)"
)
#: a count, then cases or operations of a kind, right before the cue: «7 حالات قصف»،
#: «38 عملية ومحاولة اغتيال»، «عشرات عمليات الخطف»
_CASES = re.compile(
    rf"(?<!\w){_NUMBER}\s+(?:من\s+)?(?P<unit>حالات|حاله|عمليات|عمليه|حوادث|حادثه)"
    r"(?:\s+و(?:محاوله|محاولات))?\s+$"
)
#: a span of a week or more: operations counted over it are a tally
_LONG_SPAN = re.compile(
    r"(?<!\w)[وف]?(?:منذ|طيله|طوال|مدار|خلال (?:ال)?(?:شهر|اسبوع|اسبوعين|اشهر|عام|سنه|اسابيع"
    r"|الشهر|الاسبوع|العام|السنه|النصف|الربع|الفتره))(?!\w)"
)
#: one day's bulletin («12 عملية قصف خلال الساعات الـ24 الماضية»): the day's events
_ONE_DAY = re.compile(r"(?<!\w)(?:ال)?(?:ساعات|24 ساعه|يوم امس|اليوم)(?!\w)")
#: «ارتفع/بلغ عدد …» at the head of the clause
_RISING = re.compile(
    r"^\W*[وف]?(?:ارتفع|ارتفعت|ارتفاع|يرتفع|ترتفع|ليرتفع|لترتفع|بلغ|بلغت|وصل|وصلت)\s+"
    r"(?:\w+\s+){0,2}?(?:عدد|حصيله|اجمالي)(?!\w)"
)
_SINCE = re.compile(r"(?<!\w)[وف]?(?:منذ|خلال)\s+(?:مطلع|بدايه|بدء|اول|مطلع|شهر|عام|العام)(?!\w)")
#: «لا صحة لـ …»، «عارٍ/عارية عن الصحة»، «غير صحيحة»: the clause's event is denied
_NO_TRUTH = re.compile(
    r"(?<!\w)(?:[وف]?لا\s+صحه|عار\w*\s+(?:تماما\s+)?(?:عن|من)\s+(?:ال)?صحه"
    r"|غير\s+صحيح\w*)(?!\w)"
)


def counted_cases(norm: str, ns: int, ne: int) -> bool:
    """Return whether the cue at ``norm[ns:ne]`` is counted as cases: a tally, not one event.

    «وثّق المرصد 7 حالات قصف»، «عدة حوادث خطف»: a count of cases right before the cue;
    «نفذت … 38 عملية ومحاولة اغتيال خلال شهر شباط»: a count of operations over a week or
    more («12 عملية قصف خلال الساعات الـ24 الماضية» is one day's report, not a tally);
    «ارتفع عدد قتلى الألغام منذ مطلع العام إلى 40»: a rising count since a starting point.
    """
    cs, ce = clause_start(norm, ns), clause_end(norm, ne)
    m = _CASES.search(norm[max(cs, ns - 40) : ns])
    if (
        m is not None
        and not _ONE_DAY.search(norm, cs, ce)
        and (m.group("unit").startswith("حال") or _LONG_SPAN.search(norm, cs, ce))
    ):
        return True
    return _RISING.match(norm, cs) is not None and _SINCE.search(norm, cs, ce) is not None


def rumour_denied(norm: str, ns: int) -> bool:
    """Return whether the cue is in a clause that denies it («لا صحة للأنباء عن قصف …»)."""
    return _NO_TRUTH.search(norm, clause_start(norm, ns), clause_end(norm, ns)) is not None


_NATURE = re.compile(
    r"(?<!\w)[وفب]?(?:ال)?(?:غرق|غرقا|غريق|غرقي|سيول|فيضان\w*|زلزال|الزلزال|صقيع|البرد|بردا"
    r"|انهيار|صاعقه|مرض|جلطه|نوبه قلبيه|حادث سير|حادث مروري)(?!\w)"
)
_USING = re.compile(
    r"(?<!\w)[وف]?(?:مستخدم\w*|باستخدام|مستعين\w* ب\w*|بمشارك\w*|باسناد|بمسانده)\s+$"
)
_OFFENSIVE = re.compile(
    r"(?<!\w)[وفبل]?(?:ال)?(?:هجوم|هجوما|هجمات|اقتحام|تقدم|معارك|اشتباكات|عمليه عسكريه"
    r"|حمله عسكريه|عمليه بريه)(?!\w)"
)
_STORMING = re.compile(r"(?:اقتحم|اقتحام|داهم|مداهم)")
_ARREST = re.compile(
    r"(?<!\w)[وفبل]?(?:ال)?(?:اعتقل\w*|اعتقال\w*|مداهم\w*|داهم\w*|دهم|حمله امنيه|منزل|منازل"
    r"|بيت|اعتقالات|توقيف|اوقفت)(?!\w)"
)


def natural_death(norm: str, ns: int) -> bool:
    """Return whether the clause of a death cue tells a death of nature («جثة غريق»)."""
    return _NATURE.search(norm, clause_start(norm, ns), clause_end(norm, ns)) is not None


def means_of_offensive(norm: str, ns: int) -> bool:
    """Return whether a drone or aircraft cue names the means of a ground offensive.

    «شنت قوات النظام هجوماً على الحاضر مستخدمة الطائرات المسيرة»: «مستخدمة/باستخدام» right
    before the cue, and an offensive (هجوم، اقتحام، تقدم، معارك) before it in its clause.
    """
    cs = clause_start(norm, ns)
    if _USING.search(norm[max(cs, ns - 30) : ns]) is None:
        return False
    return _OFFENSIVE.search(norm, cs, ns) is not None


def arrest_raid(norm: str, ns: int, ne: int) -> bool:
    """Return whether a storming cue («اقتحمت»، «اقتحام») is a raid to arrest, not a clash."""
    if _STORMING.search(norm, ns, ne) is None:
        return False
    return _ARREST.search(norm, clause_start(norm, ns), clause_end(norm, ne)) is not None
