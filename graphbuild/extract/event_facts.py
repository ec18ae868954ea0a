"""When and where events happened, as the text states it.

An event gets a date
- written inside its own name: «خیزش دی‌ماه ۹۶», «انقلاب بهمن ۵۷»; a bare two-digit year after a revolution
  or uprising («انقلاب ۵۷») is a Solar year;
- written right after it in the same sentence, with nothing between but punctuation, «در», «سال», «مورخ» or
  a place: «کنگره دوم در سال ۱۹۲۰», «نشست … در استکهلم، ۲۸ تا ۳۰ اکتبر ۲۰۱۶»;
- written right before it in its clause, after «در» and with nothing between but «با»: «در ۲۸ مرداد ۱۳۳۲
  کودتا …», «در آوریل ۱۹۷۸ با کودتای ثور …», when no date follows it;
- on the lines right under a heading line that names it, lines that hold nothing but a place and dates
  (the way statements sign off: «مصوب نشست چهارم … \\n استکهلم (سوئد)- ۸ تا ۱۰ آبان ۱۳۹۵ \\n ۲۸ تا ۳۰ اکتبر ۲۰۱۶»).
Where the text gives the date in two calendars, the Gregorian as written wins, and a disagreement is noted.
A day and month without a year («اعتصاب … از ۲۸ اسفند») dates an event only in a document whose own date is
known (the catalogue's, or its dateline's; see :func:`document_reference_date`), and never from inside the
event's name: «قیام ۱۸ تیر» names a day of some earlier year, not of the issue's.
A place in those same positions («در استکهلم», the sign-off line) is the event's location, and so is the place
a sentence opens with as its frame, «در عراق، انقلاب ۱۴ ژوئیه ۱۹۵۸ …», for an event with no other place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from graphbuild.components import relation_finder
from graphbuild.document import Document, Mention, Relation
from graphbuild.extract.dates import DateMention, document_reference_date, year_in_a_name
from graphbuild.extract.events import document_dates, event_words, head_word
from graphbuild.extract.words import is_verb
from graphbuild.resources import Resources

YEAR_NAMED = re.compile(r"^(?:[۰-۹]{2}|[۰-۹]{4})$")  # «انقلاب ۵۷», «بحران مالی ۲۰۰۸»
LINES_UNDER = 2  # sign-off lines read under an event's heading line
BODY_KINDS = ("Party", "Organization")
AGENT_KINDS = ("Party", "Organization", "Person")  # a person only leads: see _agent_after
WORD = re.compile(r"[^\s،,:؛()«»\"\-–—]+")


def _either(words: list[str]) -> str:
    """An alternation of words or phrases, longest first, their spaces standing for any run of spaces."""
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class FactPatterns:
    """The patterns of the ``[event_facts]`` table, compiled once per process (see :func:`_patterns`)."""

    link: re.Pattern  # only linking words, punctuation (and places, cut out) between an event and its date
    during: re.Pattern  # «در طول» right before an event
    own_object: re.Pattern  # «خود را» right after an event
    bare_year: re.Pattern  # «… در ۱۹۴۵»
    date_before: re.Pattern  # «در» right before a date that opens a clause
    means: re.Pattern  # «با» between a date and the act
    frame: re.Pattern  # «در (شهر) PLACE،» opening a sentence
    date_gap: re.Pattern  # what may stand before a date that comes between an event and what follows
    place_gap: re.Pattern  # «در (شهر)» between an event (or its date) and its place
    place_opening: re.Pattern  # «در (شهر)» right before a place, a word of its own
    aimed_at: re.Pattern  # «به» before a place inside an act's name
    relative: re.Pattern  # «که» after an event
    joined: re.Pattern  # «و» between a leader and the body
    date_opener: re.Pattern  # a word that opens a date in an event's clause, right before it
    equivalence: re.Pattern  # only «برابر با», a calendar's name, punctuation between two writings of a date
    anniversary: re.Pattern  # «سالروز» before an event
    relative_time: re.Pattern  # «پس از» between a date and an event: the one dates what followed the other
    clause_ends: str
    clause_words: int
    named_day_window: int
    actor_link_parts: tuple[str, str, str]  # «و», «که», «در» of the link between an actor and its act
    means_word: str


def _patterns(resources: Resources) -> FactPatterns:
    def build() -> FactPatterns:
        table = resources.patterns["event_facts"]
        dates = resources.patterns["dates"]
        links = _either(table["link_words"])
        punctuation = r"[\s،,:؛\-–()]*"
        places = r"\s+(?:" + _either(table["place_kind_words"]) + r")"
        markers = _either([words for words, _ in dates["calendar_markers"]] + dates["equivalence_words"])
        return FactPatterns(
            link=re.compile(rf"^{punctuation}(?:(?:{links}){punctuation})*$"),
            during=re.compile(rf"(?:{_either(table['during_words'])})\s*$"),
            own_object=re.compile(rf"\s*(?:{_either(table['own_words'])})(?:\s+{_either([table['object_marker']])})?\s"),
            bare_year=re.compile(rf"[\s،,]*(?:{_either(table['place_openers'])})\s+([0-9۰-۹]{{4}})(?![0-9۰-۹])"),
            date_before=re.compile(rf"(?:^|[\s،,(])(?:{_either(table['place_openers'])})\s*$"),
            means=re.compile(rf"\s*(?:(?:{_either(table['means_words'])})\s+)?"),
            frame=re.compile(rf"\s*(?:{_either(table['place_openers'])})(?:{places})?\s+$"),
            date_gap=re.compile(rf"[\s،,]*(?:(?:{_either(table['relative_words'])})\s+)?(?:(?:{links})\s+)*"),
            place_gap=re.compile(rf"[\s،,]*(?:{_either(table['place_openers'])})(?:{places})?\s+"),
            place_opening=re.compile(rf"(?:^|(?<=[\s،,(]))(?:{_either(table['place_openers'])})(?:{places})?\s+$"),
            aimed_at=re.compile(rf"\s(?:{_either(table['aimed_at_words'])})\s+$"),
            relative=re.compile(rf"[\s،,]*(?:(?:{_either(table['relative_words'])})\s+)?"),
            joined=re.compile(rf"\s+(?:{_either(table['and_words'])})\s+"),
            date_opener=re.compile(rf"(?:(?:^|[\s،,(])(?:{_either(table['date_openers'])})|\()\s*\(?\s*$"),
            equivalence=re.compile(rf"(?:[\s()\[\]\-–،,/]|{markers})*"),
            anniversary=re.compile(_either(table["anniversary_words"])),
            relative_time=re.compile(rf"(?:^|(?<=[\s،,(]))(?:{_either(table['relative_time_words'])})(?=[\s،,)]|$)"),
            clause_ends=table["clause_ends"],
            clause_words=int(table["clause_words"]),
            named_day_window=int(table["named_day_window"]),
            actor_link_parts=(_either(table["and_words"]), _either(table["relative_words"]),
                              _either(table["place_openers"])),
            means_word=_either(table["means_words"]),
        )

    return resources.derived("event_fact_patterns", build)


@relation_finder("event-facts", reads=("mentions", "dates"))
class EventFactExtractor:
    name = "event-facts"

    def __call__(self, doc: Document, resources: Resources) -> list[Relation]:
        fp = _patterns(resources)
        dates = list(document_dates(doc))
        places = [m for m in doc.mentions if m.kind == "Place"]
        bodies = [m for m in doc.mentions if m.kind in BODY_KINDS]
        agents = {m.start: m for m in doc.mentions if m.kind in AGENT_KINDS}  # by the character they start at
        events = [m for m in doc.mentions if m.kind == "Event"]
        found: list[Relation] = []
        for event in events:
            sentence = doc.sentence_of(event.start)
            when = (_own_date(event, dates) or _date_after(doc, event, dates, places, sentence, fp)
                    or _date_before(doc, event, dates, sentence, fp)
                    or _date_in_clause(doc, event, dates, sentence, events, fp, resources)
                    or _date_by_head(doc, event, dates, events, fp, resources))
            where = (_place_after(doc, event, places, dates, sentence, fp) or _aimed_at(doc, event, places, fp)
                     or _place_in_name(doc, event, places) or _place_framing(doc, event, places, sentence, fp)
                     or _place_in_clause(doc, event, places, sentence, events, fp, resources))
            if when is None and where is None:
                when, where, sentence = _sign_off(doc, event, dates, places)
            when = when or _named_day_of_the_year(doc, event, fp, resources)
            if when:
                start, end, note, span = _on_named_day(event, when, resources)
                found.append(Relation("date", (event.start, event.end), span, sentence, value=start,
                                      value_end=end or "", note=note))
            if where:
                found.append(Relation("location", (event.start, event.end), (where.start, where.end), sentence))
            if agent := (_agent_after(doc, event, dates, agents, fp, resources)
                         or _actor_in_name(doc, event, resources)
                         or _actor_before(doc, event, dates, bodies, fp, resources) or _own_body(doc, event, bodies)
                         or _signing_body_above(doc, event, resources)):
                found.append(Relation("organizer", (event.start, event.end), (agent.start, agent.end), sentence))
        return found


def _named_days(resources: Resources) -> dict[str, str]:
    return resources.derived("named_days", lambda: dict(resources.patterns["dates"]["named_days"]))


def _on_named_day(event: Mention, when, resources: Resources):
    """A named day with a year beside it is that day of that year: «اول ماه مه ۲۰۱۲» → 2012-05-01."""
    start, end, note, span = when
    days = _named_days(resources)
    day = days.get(event.name) or days.get(event.text)
    if day and len(start) == 4 and not end:
        return f"{start}-{day}", None, note, span
    return when


def _named_day_of_the_year(doc: Document, event: Mention, fp: FactPatterns, resources: Resources):
    """«بازداشت فعالین … حول و حوش اول مه», in a report dated 9 May 2018: a named day of the Gregorian year
    («اول مه», «۸ مارس») in a text written within weeks of it is that year's, the one the report is about."""
    days = _named_days(resources)
    month_day = days.get(event.name) or days.get(event.text)
    if month_day is None:
        return None
    reference = document_reference_date(doc.source.metadata.get("date"), doc.text)
    if reference is None or reference.earliest != reference.latest:
        return None
    written = reference.earliest
    window = timedelta(days=fp.named_day_window)
    for year in (written.year - 1, written.year, written.year + 1):
        day = date.fromisoformat(f"{year:04d}-{month_day}")
        if abs(day - written) <= window:
            note = f"the {month_day} nearest the document's date ({reference.label})"
            return day.isoformat(), None, note, (event.start, event.end)
    return None


def _own_date(event: Mention, dates: list[DateMention]):
    if stated := event.attribute("stated_date"):  # a reported protest: the one date its sentence states
        d = next((d for d in dates if d.start == int(stated)), None)
        if d is not None:
            return d.start_value, d.end_value, d.note, (d.start, d.end)
    dates = [d for d in dates if not d.year_from_reference]  # a day in a name is not of the document's year
    inside = [d for d in dates if event.start <= d.start and d.end <= event.end]
    if inside:
        d = inside[0]
        return d.start_value, d.end_value, d.note, (d.start, d.end)
    across = [d for d in dates if event.start <= d.start < event.end < d.end]
    if across:  # «انقلاب اکتبر سال ۱۹۱۷»: the month names the event; only the year dates it
        d = across[0]
        return d.start_value[:4], (d.end_value or "")[:4] or None, d.note, (d.start, d.end)
    last_word = event.text.split()[-1] if event.text.split() else ""
    if event.attribute("ordinal") is None and YEAR_NAMED.match(last_word):
        if named := year_in_a_name(last_word):
            return *named, (event.end - len(last_word), event.end)
    return None


def _between_is_link(doc: Document, start: int, end: int, places: list[Mention], fp: FactPatterns) -> bool:
    """Whether the text between two positions is only linking words, punctuation and places."""
    gap = doc.text[start:end]
    for place in sorted((p for p in places if start <= p.start and p.end <= end), key=lambda p: -p.start):
        gap = gap[: place.start - start] + " " + gap[place.end - start :]
    return "\n" not in doc.text[start:end] and bool(fp.link.match(gap))


def _after_own_object(doc: Document, event: Mention, fp: FactPatterns) -> int:
    """Where the text after an event goes on past «خود را» for a body's own event."""
    if event.attribute("tail") == "own" and (object_marker := fp.own_object.match(doc.text, event.end)):
        return object_marker.end()
    return event.end


def _date_after(doc: Document, event: Mention, dates: list[DateMention], places: list[Mention], sentence,
                fp: FactPatterns):
    after = _after_own_object(doc, event, fp)
    if _during(doc, event, sentence, fp):
        # «در طول جنگ جهانی دوم (۱۹۴۳) تاسیس شد», «… در ۱۹۴۳ تاسیس شد»: the date, or bare year, after it is
        # of what happened during it
        return None
    following = [d for d in dates if after <= d.start < sentence[1]]
    if not following or not _between_is_link(doc, after, following[0].start, places, fp):
        return _bare_year_after(doc, after, fp)
    return _as_when(_prefer_gregorian(_written_beside(doc, following, fp)))


def _during(doc: Document, event: Mention, sentence, fp: FactPatterns) -> bool:
    return bool(fp.during.search(doc.text, max(sentence[0], event.start - 20), event.start))


def _as_when(date: DateMention):
    return date.start_value, date.end_value, date.note, (date.start, date.end)


def _written_beside(doc: Document, following: list[DateMention], fp: FactPatterns) -> list[DateMention]:
    """The first date and the same date in other calendars right after it: «۱۰ تا ۱۱ مارس ۲۰۲۰ مصادف با ۲۰
    و ۲۱ اسفند ۱۳۹۸», «بیست آبان ۱۲۹۹ (۱۱ نوامبر ۱۹۲۰)»: one date, written twice."""
    group = [following[0]]
    for later in following[1:]:
        if later.calendar == group[-1].calendar or \
                fp.equivalence.fullmatch(doc.text, group[-1].end, later.start) is None:
            break
        group.append(later)
    return group


def _date_before(doc: Document, event: Mention, dates: list[DateMention], sentence, fp: FactPatterns):
    """«در ۲۸ مرداد ۱۳۳۲ کودتا …», «در آوریل ۱۹۷۸ با کودتای ثور به قدرت رسید»: a date after «در» right
    before the event (or before «با» and it) dates it; one that ends a clause before it («…، در ۱۳۵۷.») does not."""
    before = [d for d in dates if sentence[0] <= d.start and d.end <= event.start]
    if not before:
        return None
    date = before[-1]
    if fp.means.match(doc.text, date.end).end() != event.start:
        return None
    if not fp.date_before.search(doc.text, max(sentence[0], date.start - 10), date.start):
        return None
    return _as_when(date)


def _date_in_clause(doc: Document, event: Mention, dates: list[DateMention], sentence, events: list[Mention],
                    fp: FactPatterns, resources: Resources):
    """A date in the event's own clause, a few words away, opened by «در», «روز», «از», «بین روزهای», a
    weekday…: «کنگره … با شرکت گروهی از اعضا در روزهای ۲ و ۳ اکتبر ۲۰۰۴ برگزار شد», «روز یکشنبه ۲۹
    اردیبهشت ۱۳۹۸، با حضور …، پلنوم چهارم … به پایان رسید», «از روز شنبه ۳۱ شهریور اعتصاب … آغاز شد».
    Nothing that ends a clause stands between: no verb, no other event or date, no full stop. A date after
    the event comes first; one before it counts unless the event is named as a commemoration («سالروز»)."""
    start = _after_coordinated(doc, _after_own_object(doc, event, fp), events, fp)
    if _during(doc, event, sentence, fp):
        return None
    following = [d for d in dates if start <= d.start < sentence[1]]
    if following and _same_clause(doc, start, following[0].start, events, fp, resources) and \
            not fp.relative_time.search(doc.text, start, following[0].start) and \
            fp.date_opener.search(doc.text, max(sentence[0], following[0].start - 25), following[0].start):
        return _as_when(_prefer_gregorian(_written_beside(doc, following, fp)))
    before = [d for d in dates if sentence[0] <= d.start and d.end <= event.start]
    if not before or fp.anniversary.search(doc.text, before[-1].end, event.start):
        return None
    group = _written_before(doc, before, fp)
    first = group[0]
    opened = fp.date_opener.search(doc.text, max(sentence[0], first.start - 25), first.start) or \
        not doc.text[sentence[0] : first.start].strip()
    if opened and _same_clause(doc, group[-1].end, event.start, events, fp, resources) and \
            not fp.relative_time.search(doc.text, group[-1].end, event.start):
        return _as_when(_prefer_gregorian(group))
    return None


def _after_coordinated(doc: Document, position: int, events: list[Mention], fp: FactPatterns) -> int:
    """Past the events joined to this one by «و»: «حمله به کوی دانشگاه و قیام دانشجویان در ۱۸ تیر ۱۳۷۸»
    dates both."""
    while (joined := fp.joined.match(doc.text, position)) is not None:
        following = next((e for e in events if e.start == joined.end()), None)
        if following is None:
            break
        position = following.end
    return position


def _written_before(doc: Document, before: list[DateMention], fp: FactPatterns) -> list[DateMention]:
    """The last date before an event and the writings of it in other calendars right before it."""
    group = [before[-1]]
    for earlier in reversed(before[:-1]):
        if earlier.calendar == group[0].calendar or \
                fp.equivalence.fullmatch(doc.text, earlier.end, group[0].start) is None:
            break
        group.insert(0, earlier)
    return group


def _same_clause(doc: Document, start: int, end: int, events: list[Mention], fp: FactPatterns,
                 resources: Resources) -> bool:
    """Whether nothing that ends a clause stands between two positions of one sentence: no clause-ending
    punctuation, no verb outside a mention, no other event, and not too many words."""
    gap = doc.text[start:end]
    if any(char in fp.clause_ends for char in gap) or any(start < e.end and e.start < end for e in events):
        return False
    inside = [m for m in doc.mentions if start <= m.start and m.end <= end]
    words = [w for w in WORD.finditer(gap)
             if not any(m.start <= start + w.start() < m.end for m in inside)]
    if len(words) > fp.clause_words:
        return False
    return not any(is_verb(w.group(), resources) for w in words)


def _date_by_head(doc: Document, event: Mention, dates: list[DateMention], events: list[Mention],
                  fp: FactPatterns, resources: Resources):
    """«کنگره با مشارکت تمامی نمایندگان بین روزهای ۱۰ تا ۱۱ مارس ۲۰۲۰ … برگزار شد»: a report names its
    congress once in full, then by its head alone; the bare head's date is the one such event's."""
    head = event.attribute("head") or event.text.split(" ", 1)[0]
    # «ششمین کنگره» and «ششمین کنگره حزب» are one congress: events of one head are told apart by ordinal
    same_head = {m.attribute("ordinal") or m.key_text for m in events
                 if (m.attribute("head") or m.text.split(" ", 1)[0]) == head}
    if len(same_head) != 1:
        return None
    for token in doc.tokens:
        if token.text != head or any(m.start <= token.start < m.end for m in doc.mentions):
            continue
        sentence = doc.sentence_of(token.start)
        bare = Mention(token.start, token.end, "Event", token.text, "head")
        when = _date_in_clause(doc, bare, [d for d in dates if d.start >= token.end], sentence, events, fp,
                               resources)
        if when:
            return when
    return None


def _bare_year_after(doc: Document, position: int, fp: FactPatterns):
    """«… در ۱۹۴۵»: right after an event, a four-digit number after «در» is the year it happened, though
    alone it would be too bare to read as a date."""
    match = fp.bare_year.match(doc.text, position)
    if match is None or not (named := year_in_a_name(match.group(1))):
        return None
    start, end, note = named
    return start, end, note, match.span(1)


def _prefer_gregorian(group: list[DateMention]) -> DateMention:
    """Of one date written in several calendars, the Gregorian as written; a disagreement is noted."""
    chosen = next((d for d in group if d.calendar == "gregorian"), group[0])
    notes = [chosen.note] + [
        f"the text also gives «{d.text}» ({d.calendar}), which converts to {d.start_value}"
        for d in group if d is not chosen and (d.start_value, d.end_value) != (chosen.start_value, chosen.end_value)
    ]
    return DateMention(chosen.start, chosen.end, chosen.text, chosen.start_value, chosen.end_value,
                       chosen.calendar, "; ".join(filter(None, notes)))


def _place_after(doc: Document, event: Mention, places: list[Mention], dates: list[DateMention],
                 sentence, fp: FactPatterns) -> Mention | None:
    """«… در استکهلم»: a place right after the event (or after its date), introduced by «در»:
    «کنگره … از ۸ تا ۱۰ آبان ۱۴۰۲ در اربیل برگزار شد»."""
    position = _after_date(doc, event, dates, fp)
    for place in (p for p in places if position <= p.start < sentence[1]):
        if fp.place_gap.fullmatch(doc.text, position, place.start):
            return place
        break
    return None


def _place_in_clause(doc: Document, event: Mention, places: list[Mention], sentence, events: list[Mention],
                     fp: FactPatterns, resources: Resources) -> Mention | None:
    """«کنفرانس … با حضور اعضای شورا در استکهلم برگزار گردید»: a place after «در» a few words on, in the
    event's own clause."""
    start = _after_own_object(doc, event, fp)
    for place in (p for p in places if start <= p.start < sentence[1]):
        opened = fp.place_opening.search(doc.text, max(start, place.start - 16), place.start)
        if opened and _same_clause(doc, start, opened.start(), events, fp, resources):
            return place
        return None
    return None


def _after_date(doc: Document, event: Mention, dates: list[DateMention], fp: FactPatterns) -> int:
    """Where the text after an event goes on once the date that may follow it is passed: «، که از ۲۹ خرداد
    ۱۴۰۰», «در ۱۹۴۵», «خود را در آبان ۱۳۹۸»; the event's end if no date follows."""
    position = _after_own_object(doc, event, fp)
    lead = fp.date_gap.match(doc.text, position).end()
    # The gap takes in «سال», which is the first word of the date «سال ۱۹۴۵»: a date starting inside it counts.
    if date := next((d for d in dates if position <= d.start <= lead), None):
        return date.end
    if bare := fp.bare_year.match(doc.text, position):
        return bare.end()
    return event.end


def _aimed_at(doc: Document, event: Mention, places: list[Mention], fp: FactPatterns) -> Mention | None:
    """«لشکرکشی شوروی به افغانستان»: the place an act was aimed at, after «به» in its name."""
    inside = [p for p in places if event.start <= p.start and p.end <= event.end]
    return next((p for p in inside if fp.aimed_at.search(doc.text[event.start : p.start])), None)


def _agent_after(doc: Document, event: Mention, dates: list[DateMention], agents: dict[int, Mention],
                 fp: FactPatterns, resources: Resources) -> Mention | None:
    """«بمباران لیبی توسط ناتو»: the body named right after «توسط», «به رهبری», «به فراخوان»… carried the
    event out, also past a relative «که» and a date: «اعتصاب … که از ۲۹ خرداد به فراخوان شورای … آغاز شد»,
    and past a leader named first: «انقلاب … به رهبری عبدالکریم قاسم و سازمان افسران آزاد». ``agents`` are
    the document's bodies and people by the character they start at."""
    match = None
    for position in dict.fromkeys((event.end, _after_date(doc, event, dates, fp))):
        lead = fp.relative.match(doc.text, position).end()
        match = match or _agent_words(resources).match(doc.text, lead)
    if match is None:
        return None
    agent = agents.get(match.end())
    if agent is not None and agent.kind == "Person":  # a leader, then «و» and the body
        joined = fp.joined.match(doc.text, agent.end)
        agent = agents.get(joined.end()) if joined else None
    return agent if agent is not None and agent.kind != "Person" else None


def _actor_in_name(doc: Document, event: Mention, resources: Resources) -> Mention | None:
    """«کودتای حزب بعث», «حمله ارتش ترکیه»: a body right after the head of an act done by someone."""
    if event.attribute("ordinal") is not None or event.attribute("head") not in \
            resources.patterns["events"]["actor_after_heads"]:
        return None
    head_end = event.start + len(event.text.split(" ", 1)[0])
    return next((m for m in doc.mentions if m.kind in BODY_KINDS and head_end <= m.start
                 and m.end <= event.end and not doc.text[head_end : m.start].strip()), None)


def _own_body(doc: Document, event: Mention, bodies: list[Mention]) -> Mention | None:
    """«حزب کمونیست عراق، که نخستین کنگره خود را … برگزار کرده بود»: the body the sentence is about held
    «its own» congress."""
    if event.attribute("tail") != "own":
        return None
    return _last_body_before(doc, event, bodies)


def _last_body_before(doc: Document, event: Mention, bodies: list[Mention]) -> Mention | None:
    """Of the document's ``bodies``, the last one named before the event in its sentence."""
    sentence_start = doc.sentence_of(event.start)[0]
    before = (m for m in bodies if sentence_start <= m.start and m.end <= event.start)
    return max(before, key=lambda m: m.end, default=None)


def _agent_words(resources: Resources) -> re.Pattern:
    """The words that introduce an event's agent, as one pattern made once per process."""
    def build() -> re.Pattern:
        words = "|".join(map(re.escape, resources.patterns["events"]["agent_words"]))
        return re.compile(rf"[\s،,]*(?:{words})\s+")

    return resources.derived("event_agent_words", build)


def _actor_before(doc: Document, event: Mention, dates: list[DateMention], bodies: list[Mention],
                  fp: FactPatterns, resources: Resources) -> Mention | None:
    """«دولت آمریکا و شرکاء که با حمله به افغانستان …»: the body that did the act, just before «با» and it;
    a date may stand between: «حزب … در آوریل ۱۹۷۸ با کودتای ثور به قدرت رسید»."""
    heads, link = _actor_before_words(fp, resources)
    head = event.attribute("head") or head_word(event.text.split(" ", 1)[0], heads, event_words(resources))
    if head not in heads:
        return None
    actor = _last_body_before(doc, event, bodies)
    if actor is None:
        return None
    gap = doc.text[actor.end : event.start]
    for between in sorted((d for d in dates if actor.end <= d.start and d.end <= event.start), key=lambda d: -d.start):
        gap = gap[: between.start - actor.end] + "\x00" + gap[between.end - actor.end :]  # a date stands for one mark
    return actor if link.fullmatch(gap) else None


def _actor_before_words(fp: FactPatterns, resources: Resources) -> tuple[set[str], re.Pattern]:
    """The heads of acts whose doer is named before them, and the pattern of what links the two, made once
    per process rather than once per event."""
    def build() -> tuple[set[str], re.Pattern]:
        patterns = resources.patterns["events"]
        partners = "|".join(map(re.escape, patterns["actor_partners"]))
        and_word, relative, opener = fp.actor_link_parts
        link = re.compile(rf"\s*(?:(?:{and_word})\s+(?:{partners})\s*)?[،,]?\s*(?:(?:{relative})\s+)?"
                          rf"(?:(?:{opener})\s+\x00\s*)?(?:{fp.means_word})\s+")
        return set(patterns["actor_before_heads"]), link

    return resources.derived("actor_before_words", build)


def _signing_body_above(doc: Document, event: Mention, resources: Resources) -> Mention | None:
    """A sign-off: a body alone on a line, then «مصوب نشست چهارم …»: the text was adopted at the body's
    own meeting, so the body held it."""
    line_start = doc.text.rfind("\n", 0, event.start) + 1
    opener = doc.text[line_start : event.start].strip()
    if opener not in resources.patterns["events"]["adopted_by_words"]:
        return None
    previous = doc.text[:line_start].rstrip()
    above_start = previous.rfind("\n") + 1
    for body in (m for m in doc.mentions if m.kind in BODY_KINDS):
        if body.start >= above_start and body.end <= len(previous) and \
                not doc.text[above_start : body.start].strip() and not doc.text[body.end : len(previous)].strip():
            return body
    return None


def _place_in_name(doc: Document, event: Mention, places: list[Mention]) -> Mention | None:
    """«بمباران لیبی», «جنگ داخلی سوریه»: the one place the event's own name holds, unless it belongs to a
    body's name there («کنگره … حزب کمونیست کارگری ایران» was not held in Iran) or names a side
    («جنگ ایران و روسیه» holds two)."""
    inside = [p for p in places if event.start <= p.start and p.end <= event.end]
    bodies = [m for m in doc.mentions if m.kind in BODY_KINDS
              and event.start <= m.start and m.end <= event.end]
    free = [p for p in inside if not any(b.start <= p.start and p.end <= b.end for b in bodies)]
    return free[0] if len(free) == 1 and len(inside) == 1 else None


def _place_framing(doc: Document, event: Mention, places: list[Mention], sentence,
                   fp: FactPatterns) -> Mention | None:
    """«در افغانستان، حزب … با کودتای ثور به قدرت رسید»: a sentence that opens with «در PLACE،» tells where
    what it reports happened. Only the comma after the place marks it as the sentence's frame."""
    first = next((p for p in places if sentence[0] <= p.start < event.start), None)
    if first is None or not fp.frame.fullmatch(doc.text, sentence[0], first.start):
        return None
    if not re.match(r"\s*[،,]", doc.text[first.end : first.end + 3]):
        return None
    if any(event.start <= p.start and p.end <= event.end for p in places):
        return None  # a place in its own name says more than the frame
    return first


def _sign_off(doc: Document, event: Mention, dates: list[DateMention], places: list[Mention]):
    """A place and dates on the lines right under the event's line, and nothing else on them."""
    line_end = doc.text.find("\n", event.end)
    if line_end == -1 or doc.text[event.end:line_end].strip(" .:،"):
        return None, None, doc.sentence_of(event.start)
    position, found_dates, found_place = line_end + 1, [], None
    lines_read = 0
    while lines_read < LINES_UNDER and position < len(doc.text):
        next_end = doc.text.find("\n", position)
        next_end = len(doc.text) if next_end == -1 else next_end
        if not doc.text[position:next_end].strip():
            position = next_end + 1  # blank lines between sign-off lines do not count
            continue
        lines_read += 1
        line_dates = [d for d in dates if position <= d.start and d.end <= next_end]
        line_places = [p for p in places if position <= p.start and p.end <= next_end]
        rest = doc.text[position:next_end]
        for item in sorted(line_dates + line_places, key=lambda x: -x.start):
            rest = rest[: item.start - position] + rest[item.end - position :]
        if not (line_dates or line_places) or rest.strip(" \t\r()-–،,.:"):
            break
        found_dates += line_dates
        found_place = found_place or (line_places[0] if line_places else None)
        position = next_end + 1
    when = None
    if found_dates:
        chosen = _prefer_gregorian(found_dates)
        when = chosen.start_value, chosen.end_value, chosen.note, (chosen.start, chosen.end)
    evidence = (doc.sentence_of(event.start)[0], max(position - 1, event.end))
    return when, found_place, evidence
