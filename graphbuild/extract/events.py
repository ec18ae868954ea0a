"""Events: a head noun («کنگره», «پلنوم», «انقلاب», «خیزش», «جنگ»…) made specific by an ordinal, a date, a
place or a naming word, with the body that held it when the text says so («کنگره یازدهم حزب …»).

A bare head («کنگره», «انقلاب») is too generic to be an event and is left alone. Fixed names of days and
events («اول ماه مه», «۸ مارس») are found as whole phrases from the pattern data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from graphbuild.components import component, mention_finder
from graphbuild.document import Document, Mention, Token
from graphbuild.extract.bodies import (
    body_kind,
    body_openers,
    is_specific,
    name_end,
    political_designators,
)
from graphbuild.extract.dates import (
    DateMention,
    find_dates,
)
from graphbuild.extract.document_dates import document_dates
from graphbuild.extract.people import is_given_name
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

YEAR_LIKE = 100  # a number after «کنگره» below this is an ordinal («کنگره ۱۱»); from here on a year
DESCRIBING_WORDS = 3  # between a dated head and its year: «فروپاشی بازارهای مالی در سال ۲۰۰۸»
CEREMONY_NAME_WORDS = 2  # what a ceremony is for, named


@dataclass(frozen=True)
class EventWords:
    """The [events] pattern data as sets and tuples, built once per process: every Persian word the rules
    below use is read from there (graphbuild/lang/fa/patterns.toml), none is written here."""

    heads: frozenset[str]
    ordinal_only: frozenset[str]
    dated_heads: frozenset[str]
    report_heads: frozenset[str]
    modifiers: frozenset[str]
    qualifiers: frozenset[str]
    namers: frozenset[str]
    months: frozenset[str]
    linked: dict[str, tuple[str, ...]]
    body_meeting_heads: frozenset[str]
    meeting_modifiers: tuple[tuple[str, ...], ...]  # longest first: «فوق العاده» before «فوق»
    placed_meeting_heads: frozenset[str]
    election_heads: frozenset[str]
    election_offices: tuple[tuple[str, ...], ...]  # longest first
    round_words: frozenset[str]
    people_place_heads: frozenset[str]
    people_words: frozenset[str]
    ceremony_heads: frozenset[str]
    ceremony_kinds: tuple[tuple[str, ...], ...]  # longest first
    plural: re.Pattern  # a plural suffix, the half-space optional
    joined_plural: re.Pattern  # a plural suffix after a half-space
    ezafe_suffixes: tuple[str, ...]
    ezafe_letters: dict[str, str]
    ezafe_bases: tuple[str, ...]
    and_word: str
    that_word: str
    year_word: str
    in_word: str
    month_word: str
    month_suffixes: tuple[str, ...]
    commas: frozenset[str]
    ordinal_suffixes: tuple[str, ...]
    ordinal_before_endings: tuple[str, ...]
    unmarked_ordinals: frozenset[str]
    date_links: tuple[str, ...]
    durations: frozenset[str]
    own_words: frozenset[str]

    @classmethod
    def from_patterns(cls, patterns: dict) -> EventWords:
        events, dates = patterns["events"], patterns["dates"]

        def phrases(key: str) -> tuple[tuple[str, ...], ...]:
            return tuple(sorted({tuple(p.split()) for p in events[key]}, key=len, reverse=True))

        plural = "|".join(sorted(events["plural_suffixes"], key=len, reverse=True))
        meeting_modifiers = {(word,) for word in events["meeting_modifiers"]}
        meeting_modifiers |= {tuple(pair) for pair in events["meeting_modifier_pairs"]}
        return cls(
            heads=frozenset(events["heads"]), ordinal_only=frozenset(events["ordinal_only"]),
            dated_heads=frozenset(events["dated_heads"]), report_heads=frozenset(events["report_heads"]),
            modifiers=frozenset(events["modifiers"]), qualifiers=frozenset(events["qualifiers"]),
            namers=frozenset(events["namers"]),
            months=frozenset(name for name, _ in dates["months_solar"] + dates["months_gregorian"]),
            linked={head: tuple(words) for head, words in events["linked_heads"]},
            body_meeting_heads=frozenset(events["body_meeting_heads"]),
            meeting_modifiers=tuple(sorted(meeting_modifiers, key=len, reverse=True)),
            placed_meeting_heads=frozenset(events["placed_meeting_heads"]),
            election_heads=frozenset(events["election_heads"]), election_offices=phrases("election_offices"),
            round_words=frozenset(events["round_words"]),
            people_place_heads=frozenset(events["people_place_heads"]),
            people_words=frozenset(events["people_words"]),
            ceremony_heads=frozenset(events["ceremony_heads"]), ceremony_kinds=phrases("ceremony_kinds"),
            plural=re.compile(f"\u200c?(?:{plural})$"), joined_plural=re.compile(f"\u200c(?:{plural})$"),
            ezafe_suffixes=tuple(events["ezafe_suffixes"]), ezafe_letters=dict(events["ezafe_letters"]),
            ezafe_bases=tuple(events["ezafe_bases"]),
            and_word=events["and_word"], that_word=events["that_word"], year_word=events["year_word"],
            in_word=events["in_word"], month_word=events["month_word"],
            month_suffixes=tuple(events["month_suffixes"]), commas=frozenset(events["commas"]),
            ordinal_suffixes=tuple(events["ordinal_suffixes"]),
            ordinal_before_endings=tuple(events["ordinal_before_endings"]),
            unmarked_ordinals=frozenset(events["unmarked_ordinals"]), date_links=tuple(events["date_links"]),
            durations=frozenset(events["durations"]), own_words=frozenset(events["own_words"]),
        )


def event_words(resources: Resources) -> EventWords:
    return resources.derived("event_words", lambda: EventWords.from_patterns(resources.patterns))


def _phrase_at(tokens: list[Token], i: int, phrases: tuple[tuple[str, ...], ...], words: EventWords) -> int:
    """Number of tokens of the longest of ``phrases`` starting at token ``i`` (0 if none), each word compared
    without its ezafe letter («کمیتهٔ» as «کمیته»)."""
    for phrase in phrases:
        if all(i + k < len(tokens) and plain(tokens[i + k].text, words) == part for k, part in enumerate(phrase)):
            return len(phrase)
    return 0


def plain(word: str, words: EventWords) -> str:
    """The word without the ezafe written on its last letter: «کمیتهٔ», «کنگرۀ» → «کمیته», «کنگره»."""
    if word and word[-1] in words.ezafe_letters:
        return word[:-1] + words.ezafe_letters[word[-1]]
    return word.removesuffix("\u0654")


def _ordinal_before(tokens: list[Token], head: int, words: EventWords) -> tuple[int, int] | None:
    """(ordinal, index of its first token) for «یازدهمین کنگره» or «سی و یکمین پلنوم»."""
    if head >= 3 and tokens[head - 2].text == words.and_word:
        phrase = " ".join(t.text for t in tokens[head - 3 : head])
        if phrase.endswith(words.ordinal_before_endings) and (value := ordinal_value(phrase)):
            return value, head - 3
    if head >= 1 and tokens[head - 1].text.endswith(words.ordinal_before_endings):
        if value := ordinal_value(tokens[head - 1].text):
            return value, head - 1
    return None


def _ordinal_after(tokens: list[Token], head: int, digits_are_ordinals: bool,
                   words: EventWords) -> tuple[int, int] | None:
    """(ordinal, index after it) for «کنگره یازدهم», «پلنوم سی و یکم», «کنگره ۱۱»."""
    if head + 3 < len(tokens) and tokens[head + 2].text == words.and_word:
        phrase = " ".join(t.text for t in tokens[head + 1 : head + 4])
        if not DIGITS.match(tokens[head + 1].text) and (value := ordinal_value(phrase)):
            return value, head + 4
    if head + 1 < len(tokens):
        word = tokens[head + 1].text
        if DIGITS.match(word):
            value = int(to_latin_digits(word))
            if head + 2 < len(tokens) and tokens[head + 2].text in words.months:
                return None  # «جنبش ۶ آوریل»: a day before a month is a date, not an ordinal
            return (value, head + 2) if digits_are_ordinals and 0 < value < YEAR_LIKE else None
        if (word.endswith(words.ordinal_suffixes) or word in words.unmarked_ordinals) and (
                value := ordinal_value(word)):
            return value, head + 2  # «کنگره یازدهم», and «کنگره اول» with the «first» that has no «-م»
    return None


def _month_word(word: str, words: EventWords) -> bool:
    """«دی‌ماه», «تیرماه»: a month name with «ماه» written on it (hazm joins them with a half-space)."""
    return any(word.endswith(suffix) and word[: -len(suffix)] in words.months for suffix in words.month_suffixes)


def _naming_end(tokens: list[Token], i: int, resources, words: EventWords, dates_only: bool = False,
                linked: tuple[str, ...] = ()) -> int | None:
    """Index after the words that name an event from token ``i`` on: a namer, a place, a month and year
    («سال ۵۷» too). With ``dates_only`` only a date names it («اعتراضات عمومی سال ۹۶»). A ``linked`` word
    after a place leads to another place the act was aimed at: «لشکرکشی شوروی به افغانستان»."""
    namers, months = (frozenset() if dates_only else words.namers), words.months
    end = i
    named = False  # by a naming word or a place: a date after those is the event's date, not its name
    while end < len(tokens) and tokens[end].is_word:
        word = tokens[end].text
        if named and (word == words.year_word or word in months or DIGITS.match(word)):
            break  # «انقلاب اکتبر سال ۱۹۱۷» is «انقلاب اکتبر», dated 1917
        if word == words.year_word and end + 1 < len(tokens) and DIGITS.match(tokens[end + 1].text):
            end += 1
            continue
        if _month_word(word, words):
            end += 1
            continue
        if word in months:
            end += 1
            if end < len(tokens) and tokens[end].text == words.month_word:
                end += 1
            if end < len(tokens) and DIGITS.match(tokens[end].text):
                return end + 1  # «بهمن ۵۷»: a month and its year
            named = word in namers  # «انقلاب اکتبر» is named by its month; «سال ۱۹۱۷» after it is a date
            continue
        if DIGITS.match(word) and end + 1 < len(tokens) and (
                tokens[end + 1].text in months or _month_word(tokens[end + 1].text, words)):
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
            if end + 1 < len(tokens) and tokens[end].text == words.and_word and (
                    other := place_at(tokens, end + 1, resources)):
                end += 1 + other[0]
            elif end + 1 < len(tokens) and tokens[end].text in linked and (
                    aimed_at := place_at(tokens, end + 1, resources)):
                end += 1 + aimed_at[0]
                break
            continue
        break
    return end if end > i else None


def _described_with_year(tokens: list[Token], i: int, resources, words: EventWords,
                         dates: dict[int, DateMention]) -> tuple[int, str] | None:
    """(index after the name, naming words) for up to three describing words and then a date.

    A year, written bare or after «(در) سال», stays in the name: «بازارهای مالی در سال 2008» → «بازارهای
    مالی 2008». Any other date (``dates``, by the character it starts at) ends the name where it begins
    when «در» or «از» leads to it: «کشتار معترضان در آبان ۹۸» is named «کشتار معترضان», and the mention
    still runs to the date's end, which dates it. A date right after the words is part of the name
    («اعتصاب معلمان اسفند ۱۴۰۰»), and so is one after nothing but describing words (``modifiers``) like
    «سراسری»."""
    described: list[str] = []
    j = i
    year_word, in_word = words.year_word, words.in_word

    def date_follows(k: int) -> bool:
        return (k + 2 < len(tokens) and tokens[k].text == words.that_word and tokens[k + 1].text in words.date_links
                and tokens[k + 2].start in dates)

    while j < len(tokens) and len(described) <= DESCRIBING_WORDS and tokens[j].is_word:
        word = tokens[j].text
        if word in (in_word, year_word) or (
                word in words.date_links and j + 1 < len(tokens) and tokens[j + 1].start in dates):
            j += 1 + (word == in_word and j + 1 < len(tokens) and tokens[j + 1].text == year_word)
            break
        if DIGITS.match(word) or tokens[j].start in dates:
            break
        if described and date_follows(j):
            return j, " ".join(described)  # «اعتصاب کارگران فولاد که از ۱۲ آذر آغاز شد»
        if is_stop_word(word, resources):
            return None  # verbs are not checked: the lemmatiser's tables read «مالی» as «مالیدن»
        described.append(word)
        j += 1
    if described and j + 1 < len(tokens) and tokens[j].text in words.commas and date_follows(j + 1):
        return j, " ".join(described)  # «اعتصاب کارگران فولاد، که از ۱۲ آذر آغاز شد»
    if not described or j >= len(tokens):
        return None
    if DIGITS.match(tokens[j].text):
        year = tokens[j].text
        short_year_after_sal = len(year) == 2 and tokens[j - 1].text == year_word
        if len(year) == 4 or short_year_after_sal:
            return j + 1, " ".join([*described, year])
    date = dates.get(tokens[j].start)
    if date is None or tokens[j - 1].text == year_word:
        return None
    after = next((k for k in range(j, len(tokens)) if tokens[k].start >= date.end), len(tokens))
    kept = [word for word in described if word not in words.modifiers]
    if tokens[j - 1].text in words.date_links and kept:
        return after, " ".join(described)  # the mention runs to the date's end, so the date is its own
    # «اعتراضات سراسری در دی ماه ۹۶»: with nothing but describing words like «سراسری», the date names it
    return after, " ".join([*kept, *(t.text for t in tokens[j:after])])


def _people_and_place_end(tokens: list[Token], i: int, resources, words: EventWords) -> int | None:
    """Index after «بازنشستگان مخابرات در تبریز» or «کارگران شهرداری ایرانشهر»: up to three describing words
    (the people), then a place, after «در» or as the last of those words; None if no place ends them."""
    j, count = i, 0
    while j < len(tokens) and count <= DESCRIBING_WORDS and tokens[j].is_word:
        if count and tokens[j].text == words.in_word and (place := place_at(tokens, j + 1, resources)):
            return j + 1 + place[0]
        if count and (place := place_at(tokens, j, resources)):
            return j + place[0]
        word = tokens[j].text
        if is_stop_word(word, resources) or DIGITS.match(word):
            return None
        count, j = count + 1, j + 1
    return None


def _past_meeting_modifiers(tokens: list[Token], i: int, words: EventWords) -> int:
    """Index after the words that describe a meeting from token ``i`` on: «سراسری», «وسیع», «فوق العاده»."""
    while width := _phrase_at(tokens, i, words.meeting_modifiers, words):
        i += width
    return i


def _organiser_tail(tokens: list[Token], i: int, resources) -> tuple[int, str]:
    """(index after, kind of tail) for the body named right after an event: «… کمیته مرکزی حزب …»."""
    heads = resources.patterns["heads"]
    words = event_words(resources)
    openers = body_openers(resources)
    bare_openers = set(heads["party"] + heads["party_if_designated"])  # «کنگره هفتم سازمان»: the author's own
    organs = resources.derived("event_organs", lambda: tuple(
        sorted({tuple(organ.split()) for organ in resources.patterns["names"]["organs"]}, key=len, reverse=True)))
    j = i + _phrase_at(tokens, i, organs, words)
    if j < len(tokens) and tokens[j].text in openers:
        end = name_end(tokens, j, resources)
        names = [t.text for t in tokens[j:end]]
        if end > j + 1 and body_kind(names[0], names[1:], resources):
            return end, "body"
        if tokens[j].text in bare_openers:
            return j + 1, "bare"
        return (j, "organ") if j > i else (i, "")
    if j > i:
        # «پلنوم سوم کمیته مرکزی کومه‌له …»: the organ's body named without a head noun of its own
        end = name_end(tokens, j - 1, resources)
        if end > j and is_specific(tokens[j].text, resources):
            return end, "body"
        return j, "organ"
    end = name_end(tokens, i - 1, resources) if i > 0 else i
    designators = political_designators(resources)
    if end > i and any(t.text in designators for t in tokens[i:end]):
        return end, "description"  # «نشست چهارم نیروهای چپ و کمونیست»
    return i, ""


def head_word(word: str, heads: frozenset[str] | set[str], words: EventWords) -> str | None:
    """The event head a word is, written bare or with the ezafe: «کودتای ارتش» → «کودتا», «کنگره‌ی» →
    «کنگره», «کنگرۀ» → «کنگره»."""
    if word in heads:
        return word
    if (bare := plain(word, words)) in heads:
        return bare
    for suffix in words.ezafe_suffixes:
        bare = word[: -len(suffix)]
        if word.endswith(suffix) and bare in heads and bare.endswith(words.ezafe_bases):
            return bare
    return None


def _election_end(tokens: list[Token], h: int, words: EventWords) -> tuple[int, str] | None:
    """(index after, name) for an election named by the office elected and its round or year: «انتخابات
    ریاست جمهوری ۱۳۸۸», «انتخابات دور نهم ریاست جمهوری», «انتخابات مجلس دهم». The office is needed:
    «انتخابات آزاد» describes, it does not name."""
    j, parts, ordinal = h + 1, [], None

    def round_at(k: int) -> tuple[int, int] | None:  # (ordinal, index after) for «دوره نهم», «نهمین دوره»
        if k < len(tokens) and tokens[k].text in words.round_words:
            return _ordinal_after(tokens, k, True, words)
        if k + 1 < len(tokens) and tokens[k + 1].text in words.round_words and (
                before := _ordinal_before(tokens, k + 1, words)) and before[1] == k:
            return before[0], k + 2
        return None

    if found := round_at(j):
        ordinal, j = found
    width = _phrase_at(tokens, j, words.election_offices, words)
    if not width:
        return None
    parts.extend(t.text for t in tokens[j : j + width])
    j += width
    if ordinal is None and (found := round_at(j) or _ordinal_after(tokens, j - 1, False, words)):
        ordinal, j = found
    if ordinal is not None:
        parts.append(ordinal_words(ordinal))
    if j + 1 < len(tokens) and tokens[j].text == words.year_word and DIGITS.match(tokens[j + 1].text):
        j += 1
    if j < len(tokens) and DIGITS.match(tokens[j].text) and len(tokens[j].text) in (2, 4):
        parts.append(tokens[j].text)
        j += 1
    return j, " ".join(parts)


def _ceremony_end(tokens: list[Token], h: int, resources, words: EventWords) -> int | None:
    """Index after «مراسم خاکسپاری» and what it was for, named by a proper name: «مراسم بزرگداشت …»; None when
    generic words follow («مراسم یادبود جانباختگان») or a person's name (see below)."""
    j = h + 1 + _phrase_at(tokens, h + 1, words.ceremony_kinds, words)
    if j == h + 1:
        return None
    end = j
    while end < len(tokens) and end - j < CEREMONY_NAME_WORDS and tokens[end].is_word:
        word = tokens[end].text
        # A person's name is left to the person finder: combine drops a person nested in an event, and the
        # person is worth more to the graph than the ceremony.
        if is_stop_word(word, resources) or is_given_name(word, resources) or word in resources.family_names or (
                resources.lexicon.is_known(word)):  # a proper name no lexicon knows, not «جانباختگان»
            break
        end += 1
    return end if end > j else None


@mention_finder("events", reads=("tokens", "dates"))
class EventExtractor:
    name = "event-pattern"

    def __call__(self, doc: Document, resources: Resources) -> list[Mention]:
        mentions = []
        words = event_words(resources)
        dates = {date.start: date for date in document_dates(doc)}
        for tokens in lines(doc):
            headed = self._headed(doc, tokens, resources, words, dates)
            headed.extend(self._ceremonies(doc, tokens, resources, words))
            mentions.extend(headed)
            mentions.extend(self._reported(doc, tokens, resources, words, dates, {m.start for m in headed}))
            mentions.extend(self._coordinated(doc, tokens, resources, words))
            mentions.extend(self._named(doc, tokens, resources, words))
        return mentions

    def _coordinated(self, doc: Document, tokens: list[Token], resources, words: EventWords) -> list[Mention]:
        """«نشست‌های اول و دوم»: a plural head with two ordinals names two events. The second is anchored on
        its own ordinal word, so each mention's characters stay its own."""
        found = []
        for h, token in enumerate(tokens[: max(0, len(tokens) - 3)]):  # a head, two ordinals and «و» after it
            head = words.plural.sub("", token.text)
            if head == token.text or head not in words.ordinal_only or tokens[h + 2].text != words.and_word:
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

    def _headed(self, doc: Document, tokens: list[Token], resources, words: EventWords,
                dates: dict[int, DateMention]) -> list[Mention]:
        found = []
        for h, token in enumerate(tokens):
            head = head_word(token.text, words.heads, words)
            if head is None:
                continue
            first, end, ordinal, naming = h, h + 1, None, None
            if head in words.election_heads and (election := _election_end(tokens, h, words)):
                end, naming = election  # «انتخابات ریاست جمهوری دهم»: its round is part of its name
            elif before := _ordinal_before(tokens, h, words):
                ordinal, first = before
            elif after := _ordinal_after(tokens, h, head in words.ordinal_only, words):
                ordinal, end = after
            if ordinal is None and naming is None:
                end, naming = self._named_after(tokens, h, head, resources, words)
            tail_end, tail = (end, "")
            if ordinal is None and naming is None and head in words.body_meeting_heads:
                # «نشست کمیته مرکزی حزب …», «کنفرانس حزب …»: a meeting its named body held, no ordinal needed
                tail_end, tail = _organiser_tail(tokens, _past_meeting_modifiers(tokens, h + 1, words), resources)
                if tail != "body":
                    tail_end, tail = (end, "")
                else:
                    naming = " ".join(t.text for t in tokens[h + 1 : tail_end])
                    end = tail_end
            if ordinal is None and naming is None and head in words.dated_heads:
                if dated := _described_with_year(tokens, h + 1, resources, words, dates):
                    end, naming = dated
            if ordinal is None and naming is None and head in words.placed_meeting_heads and (
                    place := place_at(tokens, h + 1, resources)):
                end = h + 1 + place[0]  # «کنفرانس برلین»; with a date after it, the dated name above holds it
                naming = " ".join(t.text for t in tokens[h + 1 : end])
            if ordinal is None and naming is None:
                continue
            if ordinal is not None:
                if head in words.body_meeting_heads:
                    end = _past_meeting_modifiers(tokens, end, words)  # «دومین کنگره سراسری حزب …»
                tail_end, tail = _organiser_tail(tokens, end, resources)
                if not tail and end < len(tokens) and tokens[end].text in words.own_words:
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

    def _named_after(self, tokens: list[Token], h: int, head: str, resources,
                     words: EventWords) -> tuple[int, str | None]:
        """(index after, naming words) for a head with no ordinal, named by the words after it: a namer, a
        place or a date (:func:`_naming_end`), or the people who rose and where («انقلاب مردم ایران»)."""
        # «خیزش سراسری دی ماه ۹۶», «جنگ داخلی خونین سوریه», «حمله به افغانستان»: describing words
        # and a preposition the head takes may stand between the head and what names it.
        linked = words.linked.get(head, ())
        j, left_out = h + 1, set()
        while j < len(tokens) and j - h <= 3:
            if tokens[j].text in words.modifiers or tokens[j].text in words.qualifiers or (
                    j == h + 1 and tokens[j].text in linked):
                j += 1
            elif (j + 1 < len(tokens) and tokens[j + 1].text in words.durations
                  and number_value(tokens[j].text)):
                left_out |= {j, j + 1}  # «جنگ هشت ساله ایران و عراق» is «جنگ ایران و عراق»
                j += 2
            else:
                break
        naming_end = _naming_end(tokens, j, resources, words, dates_only=head in words.ordinal_only, linked=linked)
        if naming_end is None and head in words.people_place_heads and j < len(tokens) and (
                tokens[j].text in words.people_words):
            naming_end = _people_and_place_end(tokens, j, resources, words)  # «اعتراضات مردم خوزستان»
        if naming_end is None:
            return h + 1, None
        kept = [t.text for k, t in enumerate(tokens[h + 1 : naming_end], h + 1)
                if t.text not in words.modifiers and k not in left_out]
        return naming_end, " ".join(kept)

    def _ceremonies(self, doc: Document, tokens: list[Token], resources, words: EventWords) -> list[Mention]:
        """«مراسم خاکسپاری» and whom it was for: one ceremony (see :func:`_ceremony_end`)."""
        found = []
        for h, token in enumerate(tokens):
            if token.text not in words.ceremony_heads or not (end := _ceremony_end(tokens, h, resources, words)):
                continue
            start_char, end_char = token.start, tokens[end - 1].end
            key = " ".join(t.text for t in tokens[h:end])
            found.append(Mention(start_char, end_char, "Event", doc.text[start_char:end_char], self.name,
                                 key_text=key, attributes=(("head", token.text), ("tail", ""))))
        return found

    def _reported(self, doc: Document, tokens: list[Token], resources, words: EventWords,
                  dates: dict[int, DateMention], taken: set[int]) -> list[Mention]:
        """«تجمع بازنشستگان مخابرات در تبریز … در ۵ تیر ۱۴۰۰»: a protest head, the people who held it and a
        place is one reported happening when its sentence states one date. Without the place, or the date,
        «اعتراض کشاورزان» only describes, so nothing is found; the date is the event's (see event_facts)."""
        found = []
        for h, token in enumerate(tokens):
            head = head_word(token.text, words.report_heads, words)
            if head is None or token.start in taken:
                continue
            end = _people_and_place_end(tokens, h + 1, resources, words)
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

    def _named(self, doc: Document, tokens: list[Token], resources, words: EventWords) -> list[Mention]:
        phrases = resources.derived(
            "named_events", lambda: {tuple(name.split()) for name in resources.patterns["events"]["named"]}
        )
        longest = max(len(phrase) for phrase in phrases)
        found = []
        # «۸ مارس‌های باشکوه»: the phrase's last word may carry a plural suffix.
        texts = [words.joined_plural.sub("", t.text) for t in tokens]
        for i in range(len(tokens)):
            for length in range(min(longest, len(tokens) - i), 0, -1):
                if tuple(texts[i : i + length]) in phrases:
                    start, end = tokens[i].start, tokens[i + length - 1].end
                    found.append(Mention(start, end, "Event", doc.text[start:end], "named-event",
                                         key_text=" ".join(texts[i : i + length]),
                                         attributes=(("head", texts[i]), ("tail", ""))))
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
