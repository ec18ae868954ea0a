"""Events: a head noun («کنگره», «پلنوم», «انقلاب», «خیزش», «جنگ»…) made specific by an ordinal, a date, a
place or a naming word, with the body that held it when the text says so («کنگره یازدهم حزب …»).

A bare head («کنگره», «انقلاب») is too generic to be an event and is left alone. Fixed names of days and
events («اول ماه مه», «۸ مارس») are found as whole phrases from the pattern data.
"""

from __future__ import annotations

import re
from dataclasses import replace

from graphbuild.components import component, mention_finder
from graphbuild.document import Document, Mention, Token
from graphbuild.extract.bodies import (
    body_kind,
    body_openers,
    name_end,
    political_designators,
)
from graphbuild.extract.dates import (
    DateMention,
    find_dates,
)
from graphbuild.extract.document_dates import document_dates
from graphbuild.extract.places import place_at
from graphbuild.extract.words import (
    DIGITS,
    is_stop_word,
    lines,
    number_value,
    ordinal_value,
    ordinal_words,
    to_latin_digits,
)
from graphbuild.resources import Resources

PLURAL = re.compile("\u200c?(ها|های|هایی)$")  # «نشست‌های», «کنگره‌ها»
YEAR_LIKE = 100  # a number after «کنگره» below this is an ordinal («کنگره ۱۱»); from here on a year
DESCRIBING_WORDS = 3  # between a dated head and its year: «فروپاشی بازارهای مالی در سال ۲۰۰۸»
DATE_LINKS = ("در", "از")  # «اعتصاب کارگران فولاد در ۱۲ آذر ۱۴۰۱»: the name stops before them, the date follows
DURATION = re.compile("^(?:ساله|روزه|ماهه)$")  # «جنگ هشت ساله ایران و عراق»: how long it lasted, not its name
OWN_WORDS = ("خود", "خویش")  # «نخستین کنگره خود»: the congress of the body the sentence is about


def _ordinal_before(tokens: list[Token], head: int) -> tuple[int, int] | None:
    """(ordinal, index of its first token) for «یازدهمین کنگره» or «سی و یکمین پلنوم»."""
    if head >= 3 and tokens[head - 2].text == "و":
        words = " ".join(t.text for t in tokens[head - 3 : head])
        if words.endswith("مین") and (value := ordinal_value(words)):
            return value, head - 3
    if head >= 1 and tokens[head - 1].text.endswith(("مین", "نخستین")):
        if value := ordinal_value(tokens[head - 1].text):
            return value, head - 1
    return None


def _ordinal_after(tokens: list[Token], head: int, digits_are_ordinals: bool, resources) -> tuple[int, int] | None:
    """(ordinal, index after it) for «کنگره یازدهم», «پلنوم سی و یکم», «کنگره ۱۱»."""
    if head + 3 < len(tokens) and tokens[head + 2].text == "و":
        words = " ".join(t.text for t in tokens[head + 1 : head + 4])
        if not DIGITS.match(tokens[head + 1].text) and (value := ordinal_value(words)):
            return value, head + 4
    if head + 1 < len(tokens):
        word = tokens[head + 1].text
        if DIGITS.match(word):
            value = int(to_latin_digits(word))
            if head + 2 < len(tokens) and tokens[head + 2].text in _naming_words(resources)[1]:
                return None  # «جنبش ۶ آوریل»: a day before a month is a date, not an ordinal
            return (value, head + 2) if digits_are_ordinals and 0 < value < YEAR_LIKE else None
        if (word.endswith(("م", "مین")) or word in ("اول", "نخست")) and (value := ordinal_value(word)):
            return value, head + 2  # «کنگره یازدهم», and «کنگره اول» with the «first» that has no «-م»
    return None


def _naming_words(resources: Resources) -> tuple[frozenset[str], frozenset[str]]:
    """Naming words and month names, built once per process rather than once per event head."""
    dates = resources.patterns["dates"]
    return resources.derived("event_naming_words", lambda: (
        frozenset(resources.patterns["events"]["namers"]),
        frozenset(name for name, _ in dates["months_solar"] + dates["months_gregorian"]),
    ))


def _naming_end(tokens: list[Token], i: int, resources, dates_only: bool = False,
                linked: tuple[str, ...] = ()) -> int | None:
    """Index after the words that name an event from token ``i`` on: a namer, a place, a month and year
    («سال ۵۷» too). With ``dates_only`` only a date names it («اعتراضات عمومی سال ۹۶»). A ``linked`` word
    after a place leads to another place the act was aimed at: «لشکرکشی شوروی به افغانستان»."""
    namers, months = _naming_words(resources)
    end = i
    if dates_only:
        namers = set()
    named = False  # by a naming word or a place: a date after those is the event's date, not its name
    while end < len(tokens) and tokens[end].is_word:
        word = tokens[end].text
        if named and (word == "سال" or word in months or DIGITS.match(word)):
            break  # «انقلاب اکتبر سال ۱۹۱۷» is «انقلاب اکتبر», dated 1917
        if word == "سال" and end + 1 < len(tokens) and DIGITS.match(tokens[end + 1].text):
            end += 1
            continue
        if word.endswith("‌ماه") and word[: -len("‌ماه")] in months:  # hazm writes «دی‌ماه»
            end += 1
            continue
        if word in months:
            end += 1
            if end < len(tokens) and tokens[end].text == "ماه":
                end += 1
            if end < len(tokens) and DIGITS.match(tokens[end].text):
                return end + 1  # «بهمن ۵۷»: a month and its year
            named = word in namers  # «انقلاب اکتبر» is named by its month; «سال ۱۹۱۷» after it is a date
            continue
        if DIGITS.match(word) and end + 1 < len(tokens) and tokens[end + 1].text in months:
            end += 1  # «انقلاب ۱۴ ژوئیه ۱۹۵۸»: a day before a month is part of a date, not an ordinal
            continue
        if DIGITS.match(word) and end > i:
            end += 1
            break
        if DIGITS.match(word) and len(word) in (2, 4):  # «انقلاب ۵۷»
            end += 1
            break
        place = None if dates_only else place_at(tokens, end, resources)
        if word in namers and not (place and place[0] > 1):  # «جنگ کره», but «اعتصاب کره جنوبی»
            end, named = end + 1, True
            continue
        if place:
            end, named = end + place[0], True
            if end + 1 < len(tokens) and tokens[end].text == "و" and (other := place_at(tokens, end + 1, resources)):
                end += 1 + other[0]
            elif end + 1 < len(tokens) and tokens[end].text in linked and (
                    aimed_at := place_at(tokens, end + 1, resources)):
                end += 1 + aimed_at[0]
                break
            continue
        break
    return end if end > i else None


def _described_with_year(tokens: list[Token], i: int, resources, dates: dict[int, DateMention],
                         modifiers: set[str]) -> tuple[int, str] | None:
    """(index after the name, naming words) for up to three describing words and then a date.

    A year, written bare or after «(در) سال», stays in the name: «بازارهای مالی در سال 2008» → «بازارهای
    مالی 2008». Any other date (``dates``, by the character it starts at) ends the name where it begins
    when «در» or «از» leads to it: «کشتار معترضان در آبان ۹۸» is named «کشتار معترضان», and the mention
    still runs to the date's end, which dates it. A date right after the words is part of the name
    («اعتصاب معلمان اسفند ۱۴۰۰»), and so is one after nothing but describing words (``modifiers``) like
    «سراسری»."""
    words: list[str] = []
    j = i
    while j < len(tokens) and len(words) <= DESCRIBING_WORDS and tokens[j].is_word:
        word = tokens[j].text
        if word in ("در", "سال") or (word in DATE_LINKS and j + 1 < len(tokens) and tokens[j + 1].start in dates):
            j += 1 + (word == "در" and j + 1 < len(tokens) and tokens[j + 1].text == "سال")
            break
        if DIGITS.match(word) or tokens[j].start in dates:
            break
        if (word == "که" and words and j + 2 < len(tokens) and tokens[j + 1].text in DATE_LINKS
                and tokens[j + 2].start in dates):
            return j, " ".join(words)  # «اعتصاب کارگران فولاد که از ۱۲ آذر آغاز شد»
        if is_stop_word(word, resources):
            return None  # verbs are not checked: the lemmatiser's tables read «مالی» as «مالیدن»
        words.append(word)
        j += 1
    if (words and j + 3 < len(tokens) and tokens[j].text in "،," and tokens[j + 1].text == "که"
            and tokens[j + 2].text in DATE_LINKS and tokens[j + 3].start in dates):
        return j, " ".join(words)  # «اعتصاب کارگران فولاد، که از ۱۲ آذر آغاز شد»
    if not words or j >= len(tokens):
        return None
    if DIGITS.match(tokens[j].text):
        year = tokens[j].text
        short_year_after_sal = len(year) == 2 and tokens[j - 1].text == "سال"
        if len(year) == 4 or short_year_after_sal:
            return j + 1, " ".join([*words, year])
    date = dates.get(tokens[j].start)
    if date is None or tokens[j - 1].text == "سال":
        return None
    after = next((k for k in range(j, len(tokens)) if tokens[k].start >= date.end), len(tokens))
    described = [word for word in words if word not in modifiers]
    if tokens[j - 1].text in DATE_LINKS and described:
        return after, " ".join(words)  # the mention runs to the date's end, so the date is its own
    # «اعتراضات سراسری در دی ماه ۹۶»: with nothing but describing words like «سراسری», the date names it
    return after, " ".join([*described, *(t.text for t in tokens[j:after])])


def _people_and_place_end(tokens: list[Token], i: int, resources) -> int | None:
    """Index after «بازنشستگان مخابرات در تبریز» or «کارگران شهرداری ایرانشهر»: up to three describing words
    (the people), then a place, after «در» or as the last of those words; None if no place ends them."""
    j, words = i, 0
    while j < len(tokens) and words <= DESCRIBING_WORDS and tokens[j].is_word:
        if words and tokens[j].text == "در" and (place := place_at(tokens, j + 1, resources)):
            return j + 1 + place[0]
        if words and (place := place_at(tokens, j, resources)):
            return j + place[0]
        word = tokens[j].text
        if is_stop_word(word, resources) or DIGITS.match(word):
            return None
        words, j = words + 1, j + 1
    return None


def _organiser_tail(tokens: list[Token], i: int, resources) -> tuple[int, str]:
    """(index after, kind of tail) for the body named right after an event: «… کمیته مرکزی حزب …»."""
    heads = resources.patterns["heads"]
    openers = body_openers(resources)
    bare_openers = set(heads["party"] + heads["party_if_designated"])  # «کنگره هفتم سازمان»: the author's own
    organs = [organ.split() for organ in resources.patterns["names"]["organs"]]
    j = i
    for organ in organs:
        if [t.text for t in tokens[j : j + len(organ)]] == organ:
            j += len(organ)
            break
    if j < len(tokens) and tokens[j].text in openers:
        end = name_end(tokens, j, resources)
        words = [t.text for t in tokens[j:end]]
        if end > j + 1 and body_kind(words[0], words[1:], resources):
            return end, "body"
        if tokens[j].text in bare_openers:
            return j + 1, "bare"
        return (j, "organ") if j > i else (i, "")
    if j > i:
        return j, "organ"
    end = name_end(tokens, i - 1, resources) if i > 0 else i
    designators = political_designators(resources)
    if end > i and any(t.text in designators for t in tokens[i:end]):
        return end, "description"  # «نشست چهارم نیروهای چپ و کمونیست»
    return i, ""


def head_word(word: str, heads: set[str]) -> str | None:
    """The event head a word is, written bare or with the ezafe: «کودتای ارتش» → «کودتا», «کنگره‌ی» → «کنگره»."""
    if word in heads:
        return word
    for suffix in ("‌ی", "ی", "ٔ"):
        bare = word[: -len(suffix)]
        if word.endswith(suffix) and bare in heads and bare.endswith(("ا", "و", "ه")):
            return bare
    return None


@mention_finder("events", reads=("tokens", "dates"))
class EventExtractor:
    name = "event-pattern"

    def __call__(self, doc: Document, resources: Resources) -> list[Mention]:
        mentions = []
        dates = {date.start: date for date in document_dates(doc)}
        for tokens in lines(doc):
            headed = self._headed(doc, tokens, resources, dates)
            mentions.extend(headed)
            mentions.extend(self._reported(doc, tokens, resources, dates, {m.start for m in headed}))
            mentions.extend(self._coordinated(doc, tokens, resources))
            mentions.extend(self._named(doc, tokens, resources))
        return mentions

    def _coordinated(self, doc: Document, tokens: list[Token], resources) -> list[Mention]:
        """«نشست‌های اول و دوم»: a plural head with two ordinals names two events. The second is anchored on
        its own ordinal word, so each mention's characters stay its own."""
        heads = set(resources.patterns["events"]["ordinal_only"])
        found = []
        for h, token in enumerate(tokens[: len(tokens) - 3]):
            head = PLURAL.sub("", token.text)
            if head == token.text or head not in heads or tokens[h + 2].text != "و":
                continue
            first, second = ordinal_value(tokens[h + 1].text), ordinal_value(tokens[h + 3].text)
            if not (first and second) or DIGITS.match(tokens[h + 1].text) or DIGITS.match(tokens[h + 3].text):
                continue
            tail_end, tail = _organiser_tail(tokens, h + 4, resources)
            tail_text = doc.text[tokens[h + 4].start : tokens[tail_end - 1].end] if tail_end > h + 4 else ""
            for ordinal, (a, b) in ((first, (h, h + 1)), (second, (h + 3, h + 3))):
                start, end = tokens[a].start, tokens[b].end
                attributes = [("head", head), ("tail", tail), ("ordinal", str(ordinal))]
                if tail_text:
                    attributes.append(("organiser_text", tail_text))
                key = " ".join(filter(None, [f"{head} {ordinal_words(ordinal)}", tail_text]))
                found.append(Mention(start, end, "Event", doc.text[start:end], self.name, key_text=key,
                                     attributes=tuple(attributes)))
        return found

    def _headed(self, doc: Document, tokens: list[Token], resources, dates: dict[int, DateMention]) -> list[Mention]:
        patterns = resources.patterns["events"]
        heads, ordinal_only = set(patterns["heads"]), set(patterns["ordinal_only"])
        modifiers, qualifiers = set(patterns["modifiers"]), set(patterns["qualifiers"])
        linked = {head: tuple(words) for head, words in patterns["linked_heads"]}
        dated_heads = set(patterns["dated_heads"])
        found = []
        for h, token in enumerate(tokens):
            head = head_word(token.text, heads)
            if head is None:
                continue
            first, end, ordinal, naming = h, h + 1, None, None
            if before := _ordinal_before(tokens, h):
                ordinal, first = before
            elif after := _ordinal_after(tokens, h, head in ordinal_only, resources):
                ordinal, end = after
            if ordinal is None:
                # «خیزش سراسری دی ماه ۹۶», «جنگ داخلی خونین سوریه», «حمله به افغانستان»: describing words
                # and a preposition the head takes may stand between the head and what names it.
                j, left_out = h + 1, set()
                while j < len(tokens) and j - h <= 3:
                    if tokens[j].text in modifiers or tokens[j].text in qualifiers or (
                            j == h + 1 and tokens[j].text in linked.get(head, ())):
                        j += 1
                    elif j + 1 < len(tokens) and DURATION.match(tokens[j + 1].text) and number_value(tokens[j].text):
                        left_out |= {j, j + 1}  # «جنگ هشت ساله ایران و عراق» is «جنگ ایران و عراق»
                        j += 2
                    else:
                        break
                naming_end = _naming_end(tokens, j, resources, dates_only=head in ordinal_only,
                                         linked=linked.get(head, ()))
                if naming_end:
                    kept = [t.text for k, t in enumerate(tokens[h + 1 : naming_end], h + 1)
                            if t.text not in modifiers and k not in left_out]
                    naming, end = " ".join(kept), naming_end
            if ordinal is None and naming is None and head in dated_heads:
                if dated := _described_with_year(tokens, h + 1, resources, dates, modifiers):
                    end, naming = dated
            if ordinal is None and naming is None:
                continue
            tail_end, tail = (end, "")
            if ordinal is not None:
                tail_end, tail = _organiser_tail(tokens, end, resources)
                if not tail and end < len(tokens) and tokens[end].text in OWN_WORDS:
                    tail = "own"  # the body is found among the sentence's mentions: see event_facts
            start_char, end_char = tokens[first].start, tokens[max(tail_end, end) - 1].end
            tail_text = doc.text[tokens[end].start : tokens[tail_end - 1].end] if tail_end > end else ""
            core = f"{head} {ordinal_words(ordinal)}" if ordinal is not None else f"{token.text} {naming}"
            attributes = [("head", head), ("tail", tail)]
            if ordinal is not None:
                attributes.append(("ordinal", str(ordinal)))
            if tail_text:
                attributes.append(("organiser_text", tail_text))
            found.append(
                Mention(start_char, end_char, "Event", doc.text[start_char:end_char], self.name,
                        key_text=" ".join(filter(None, [core, tail_text])), attributes=tuple(attributes))
            )
        return found

    def _reported(self, doc: Document, tokens: list[Token], resources, dates: dict[int, DateMention],
                  taken: set[int]) -> list[Mention]:
        """«تجمع بازنشستگان مخابرات در تبریز … در ۵ تیر ۱۴۰۰»: a protest head, the people who held it and a
        place is one reported happening when its sentence states one date. Without the place, or the date,
        «اعتراض کشاورزان» only describes, so nothing is found; the date is the event's (see event_facts)."""
        heads = set(resources.patterns["events"]["report_heads"])
        found = []
        for h, token in enumerate(tokens):
            head = head_word(token.text, heads)
            if head is None or token.start in taken:
                continue
            end = _people_and_place_end(tokens, h + 1, resources)
            if end is None:
                continue
            sentence = doc.sentence_of(token.start)
            stated = [d for d in dates.values() if sentence[0] <= d.start < sentence[1]]
            if len(stated) != 1:
                continue  # none, or several whose one is the event's the sentence does not say
            start_char, end_char = token.start, tokens[end - 1].end
            key = " ".join([head, *(t.text for t in tokens[h + 1 : end])])
            found.append(Mention(start_char, end_char, "Event", doc.text[start_char:end_char], self.name,
                                 key_text=key, attributes=(("head", head), ("tail", ""),
                                                           ("stated_date", str(stated[0].start)))))
        return found

    def _named(self, doc: Document, tokens: list[Token], resources) -> list[Mention]:
        phrases = resources.derived(
            "named_events", lambda: {tuple(name.split()) for name in resources.patterns["events"]["named"]}
        )
        longest = max(len(phrase) for phrase in phrases)
        found = []
        # «۸ مارس‌های باشکوه»: the phrase's last word may carry a plural suffix.
        words = [re.sub("‌(ها|های|هایی)$", "", t.text) for t in tokens]
        for i in range(len(tokens)):
            for length in range(min(longest, len(tokens) - i), 0, -1):
                if tuple(words[i : i + length]) in phrases:
                    start, end = tokens[i].start, tokens[i + length - 1].end
                    found.append(Mention(start, end, "Event", doc.text[start:end], "named-event",
                                         key_text=" ".join(words[i : i + length]),
                                         attributes=(("head", words[i]), ("tail", ""))))
                    break
        return found


def one_wave_per_month(mentions: tuple[Mention, ...], resources: Resources) -> list[Mention]:
    """Name a protest wave dated only by its year as the one wave of that year the text dates by its month:
    «اعتراضات سال ۹۶» (1396 = 2017–2018) is «خیزش دی ماه ۹۶» (2018-01) when the text has no other wave then.
    The document's own mentions are all it reads, so this stays a per-document step."""
    heads = set(resources.patterns["events"]["wave_heads"])
    dated = {}
    for mention in mentions:
        if mention.kind == "Event" and mention.attribute("head") in heads and mention.attribute("ordinal") is None:
            found = find_dates(mention.text)
            if len(found) == 1:
                dated[mention] = found[0]
    by_month = [m for m, d in dated.items() if len(d.start_value) >= 7]
    renamed = {}
    first_of_month: dict[str, Mention] = {}  # «خیزش سراسری دی ماه ۹۶» and «اعتراضات سراسری در دی ماه ۹۶» are one
    for wave in sorted(by_month, key=lambda m: m.start):
        first = first_of_month.setdefault(dated[wave].start_value, wave)
        if first is not wave:
            renamed[wave] = replace(wave, key_text=first.key_text)
    for wave, date in dated.items():
        if len(date.start_value) != 4:
            continue
        years = range(int(date.start_value), int(date.end_value or date.start_value) + 1)
        within = {renamed.get(m, m).key_text for m in by_month if int(dated[m].start_value[:4]) in years}
        if len(within) == 1:
            renamed[wave] = replace(wave, key_text=within.pop())
    return [renamed.get(mention, mention) for mention in mentions]


@component("one-wave-per-month", reads=("mentions",), adds=("mentions",))
def make_one_wave_per_month(resources: Resources):
    def name_waves(doc: Document) -> Document:
        return doc.with_mentions(one_wave_per_month(doc.mentions, resources))

    return name_waves
