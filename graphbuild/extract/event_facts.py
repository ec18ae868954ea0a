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

from graphbuild.components import relation_finder
from graphbuild.document import Document, Mention, Relation
from graphbuild.extract.dates import DateMention, year_in_a_name
from graphbuild.extract.events import document_dates, head_word
from graphbuild.resources import Resources

LINK = re.compile(r"^[\s،,:؛\-–()]*(?:(?:در|به|از|که|مورخ|مورخه|تاریخ|سال|روزهای|روزها|روز|طی)[\s،,:\-–()]*)*$")
YEAR_NAMED = re.compile(r"^(?:[۰-۹]{2}|[۰-۹]{4})$")  # «انقلاب ۵۷», «بحران مالی ۲۰۰۸»
DURING = re.compile(r"(?:در\s+طول|در\s+جریان|در\s+خلال|در\s+اثنای|در\s+میانه|طی)\s*$")
LINES_UNDER = 2  # sign-off lines read under an event's heading line
OWN_OBJECT = re.compile(r"\s*(?:خود|خویش)(?:\s+را)?\s")  # «نخستین کنگره خود را در ۱۹۴۵ …»
# «… در ۱۹۴۵»; «در سال ۱۹۴۵» needs no pattern here: find_dates reads «سال ۱۹۴۵» as a date.
BARE_YEAR = re.compile(r"[\s،,]*در\s+([0-9۰-۹]{4})(?![0-9۰-۹])")
DATE_BEFORE = re.compile(r"(?:^|[\s،,(])در\s*$")  # «در ۲۸ مرداد ۱۳۳۲ …»: the date opens a clause of its own
BEFORE_EVENT = re.compile(r"\s*(?:با\s+)?")  # «در آوریل ۱۹۷۸ با کودتای ثور»: the act by which it happened
FRAME = re.compile(r"\s*در\s+(?:کشور\s+|شهر\s+)?$")  # «در عراق، …»: the sentence opens with its place
BODY_KINDS = ("Party", "Organization")
AGENT_KINDS = ("Party", "Organization", "Person")  # a person only leads: see _agent_after
DATE_GAP = re.compile(r"[\s،,]*(?:که\s+)?(?:(?:از|در|سال|روزهای|روزها|روز|تاریخ)\s+)*")  # before a date that comes between


@relation_finder("event-facts", reads=("mentions", "dates"))
class EventFactExtractor:
    name = "event-facts"

    def __call__(self, doc: Document, resources: Resources) -> list[Relation]:
        dates = list(document_dates(doc))
        places = [m for m in doc.mentions if m.kind == "Place"]
        bodies = [m for m in doc.mentions if m.kind in BODY_KINDS]
        agents = {m.start: m for m in doc.mentions if m.kind in AGENT_KINDS}  # by the character they start at
        found: list[Relation] = []
        for event in (m for m in doc.mentions if m.kind == "Event"):
            sentence = doc.sentence_of(event.start)
            when = (_own_date(event, dates) or _date_after(doc, event, dates, places, sentence)
                    or _date_before(doc, event, dates, sentence))
            where = (_place_after(doc, event, places, dates, sentence) or _aimed_at(doc, event, places)
                     or _place_in_name(doc, event, places) or _place_framing(doc, event, places, sentence))
            if when is None and where is None:
                when, where, sentence = _sign_off(doc, event, dates, places)
            if when:
                start, end, note, span = _on_named_day(event, when, resources)
                found.append(Relation("date", (event.start, event.end), span, sentence, value=start,
                                      value_end=end or "", note=note))
            if where:
                found.append(Relation("location", (event.start, event.end), (where.start, where.end), sentence))
            if agent := (_agent_after(doc, event, dates, agents, resources) or _actor_in_name(doc, event, resources)
                         or _actor_before(doc, event, dates, bodies, resources) or _own_body(doc, event, bodies)
                         or _signing_body_above(doc, event, resources)):
                found.append(Relation("organizer", (event.start, event.end), (agent.start, agent.end), sentence))
        return found


def _on_named_day(event: Mention, when, resources: Resources):
    """A named day with a year beside it is that day of that year: «اول ماه مه ۲۰۱۲» → 2012-05-01."""
    start, end, note, span = when
    days = resources.derived("named_days", lambda: dict(resources.patterns["dates"]["named_days"]))
    day = days.get(event.name) or days.get(event.text)
    if day and len(start) == 4 and not end:
        return f"{start}-{day}", None, note, span
    return when


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


def _between_is_link(doc: Document, start: int, end: int, places: list[Mention]) -> bool:
    """Whether the text between two positions is only linking words, punctuation and places."""
    gap = doc.text[start:end]
    for place in sorted((p for p in places if start <= p.start and p.end <= end), key=lambda p: -p.start):
        gap = gap[: place.start - start] + " " + gap[place.end - start :]
    return "\n" not in doc.text[start:end] and bool(LINK.match(gap))


def _date_after(doc: Document, event: Mention, dates: list[DateMention], places: list[Mention], sentence):
    after = event.end
    if event.attribute("tail") == "own" and (object_marker := OWN_OBJECT.match(doc.text, after)):
        after = object_marker.end()
    if DURING.search(doc.text, max(sentence[0], event.start - 20), event.start):
        # «در طول جنگ جهانی دوم (۱۹۴۳) تاسیس شد», «… در ۱۹۴۳ تاسیس شد»: the date, or bare year, after it is
        # of what happened during it
        return None
    following = [d for d in dates if after <= d.start < sentence[1]]
    if not following or not _between_is_link(doc, after, following[0].start, places):
        return _bare_year_after(doc, after)
    group = [following[0]]
    for later in following[1:]:  # the same date in another calendar, right beside it
        if doc.text[group[-1].end : later.start].strip(" ()[]-–،,/\n"):
            break
        group.append(later)
    chosen = _prefer_gregorian(group)
    return chosen.start_value, chosen.end_value, chosen.note, (chosen.start, chosen.end)


def _date_before(doc: Document, event: Mention, dates: list[DateMention], sentence):
    """«در ۲۸ مرداد ۱۳۳۲ کودتا …», «در آوریل ۱۹۷۸ با کودتای ثور به قدرت رسید»: a date after «در» right
    before the event (or before «با» and it) dates it; one that ends a clause before it («…، در ۱۳۵۷.») does not."""
    before = [d for d in dates if sentence[0] <= d.start and d.end <= event.start]
    if not before:
        return None
    date = before[-1]
    if BEFORE_EVENT.match(doc.text, date.end).end() != event.start:
        return None
    if not DATE_BEFORE.search(doc.text, max(sentence[0], date.start - 10), date.start):
        return None
    return date.start_value, date.end_value, date.note, (date.start, date.end)


def _bare_year_after(doc: Document, position: int):
    """«… در ۱۹۴۵»: right after an event, a four-digit number after «در» is the year it happened, though
    alone it would be too bare to read as a date."""
    match = BARE_YEAR.match(doc.text, position)
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
                 sentence) -> Mention | None:
    """«… در استکهلم»: a place right after the event (or after its date), introduced by «در»:
    «کنگره … از ۸ تا ۱۰ آبان ۱۴۰۲ در اربیل برگزار شد»."""
    position = _after_date(doc, event, dates)
    for place in (p for p in places if position <= p.start < sentence[1]):
        gap = doc.text[position : place.start]
        if re.fullmatch(r"[\s،,]*در\s+(?:شهر\s+)?", gap):
            return place
        break
    return None


def _after_date(doc: Document, event: Mention, dates: list[DateMention]) -> int:
    """Where the text after an event goes on once the date that may follow it is passed: «، که از ۲۹ خرداد
    ۱۴۰۰», «در ۱۹۴۵», «خود را در آبان ۱۳۹۸»; the event's end if no date follows."""
    position = event.end
    if event.attribute("tail") == "own" and (object_marker := OWN_OBJECT.match(doc.text, position)):
        position = object_marker.end()
    lead = DATE_GAP.match(doc.text, position).end()
    # The gap takes in «سال», which is the first word of the date «سال ۱۹۴۵»: a date starting inside it counts.
    if date := next((d for d in dates if position <= d.start <= lead), None):
        return date.end
    if bare := BARE_YEAR.match(doc.text, position):
        return bare.end()
    return event.end


def _aimed_at(doc: Document, event: Mention, places: list[Mention]) -> Mention | None:
    """«لشکرکشی شوروی به افغانستان»: the place an act was aimed at, after «به» in its name."""
    inside = [p for p in places if event.start <= p.start and p.end <= event.end]
    return next((p for p in inside if re.search(r"\sبه\s+$", doc.text[event.start : p.start])), None)


def _agent_after(doc: Document, event: Mention, dates: list[DateMention], agents: dict[int, Mention],
                 resources: Resources) -> Mention | None:
    """«بمباران لیبی توسط ناتو»: the body named right after «توسط», «به رهبری», «به فراخوان»… carried the
    event out, also past a relative «که» and a date: «اعتصاب … که از ۲۹ خرداد به فراخوان شورای … آغاز شد»,
    and past a leader named first: «انقلاب … به رهبری عبدالکریم قاسم و سازمان افسران آزاد». ``agents`` are
    the document's bodies and people by the character they start at."""
    match = None
    for position in dict.fromkeys((event.end, _after_date(doc, event, dates))):
        lead = re.compile(r"[\s،,]*(?:که\s+)?").match(doc.text, position).end()
        match = match or _agent_words(resources).match(doc.text, lead)
    if match is None:
        return None
    agent = agents.get(match.end())
    if agent is not None and agent.kind == "Person":  # a leader, then «و» and the body
        joined = re.compile(r"\s+و\s+").match(doc.text, agent.end)
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
                  resources: Resources) -> Mention | None:
    """«دولت آمریکا و شرکاء که با حمله به افغانستان …»: the body that did the act, just before «با» and it;
    a date may stand between: «حزب … در آوریل ۱۹۷۸ با کودتای ثور به قدرت رسید»."""
    heads, link = _actor_before_words(resources)
    head = event.attribute("head") or head_word(event.text.split(" ", 1)[0], heads)
    if head not in heads:
        return None
    actor = _last_body_before(doc, event, bodies)
    if actor is None:
        return None
    gap = doc.text[actor.end : event.start]
    for date in sorted((d for d in dates if actor.end <= d.start and d.end <= event.start), key=lambda d: -d.start):
        gap = gap[: date.start - actor.end] + "\x00" + gap[date.end - actor.end :]  # a date stands for one mark
    return actor if link.fullmatch(gap) else None


def _actor_before_words(resources: Resources) -> tuple[set[str], re.Pattern]:
    """The heads of acts whose doer is named before them, and the pattern of what links the two, made once
    per process rather than once per event."""
    def build() -> tuple[set[str], re.Pattern]:
        patterns = resources.patterns["events"]
        partners = "|".join(map(re.escape, patterns["actor_partners"]))
        link = re.compile(rf"\s*(?:و\s+(?:{partners})\s*)?[،,]?\s*(?:که\s+)?(?:در\s+\x00\s*)?با\s+")
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


def _place_framing(doc: Document, event: Mention, places: list[Mention], sentence) -> Mention | None:
    """«در افغانستان، حزب … با کودتای ثور به قدرت رسید»: a sentence that opens with «در PLACE،» tells where
    what it reports happened. Only the comma after the place marks it as the sentence's frame."""
    first = next((p for p in places if sentence[0] <= p.start < event.start), None)
    if first is None or not FRAME.fullmatch(doc.text, sentence[0], first.start):
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
