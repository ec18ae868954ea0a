"""Parties and organisations: names opened by a head noun («حزب», «سازمان», «شورای», «کمیته»…).

A name runs from its head to its natural end: the first word that cannot stand inside a name (a stopword, a
verb, a listed name-ending word, punctuation), a place name that closes it («… ایران»), or a line break.
A parenthesised part right after the name belongs to it («سازمان فدائیان (اقلیت)»). Prepositions stand
inside a name only in the frames listed in the pattern data («کمیته حمایت از …»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphbuild.components import mention_finder
from graphbuild.document import Document, Kind, Mention, Token
from graphbuild.extract.places import place_at
from graphbuild.extract.words import ends_name, is_glued, lines
from graphbuild.resources import Resources

MAX_NAME_WORDS = 8  # after the head
MAX_PARENTHESIS_WORDS = 4
MAX_QUOTED_WORDS = 5
QUOTED = re.compile(r"«([^«»\n]{2,60})»")
QUOTE_REACH = 40  # characters from a collective noun (or the last name) to the next name in guillemets


@dataclass(frozen=True)
class BodyName:
    start: int  # token index of the head
    end: int  # token index after the name
    kind: Kind


def _connector_allowed(word: str, previous: str, resources: Resources) -> bool:
    for connector, after in resources.patterns["names"]["inner_connectors"]:
        if word == connector and ("*" in after or previous in after):
            return True
    return False


def _parenthesis_end(tokens: list[Token], i: int) -> int | None:
    """If a short parenthesised group of words opens at token ``i``, the index after its ')'. A group with a
    number in it is a date or a count, not part of the name: «حزب کمونیست ایران (ژوئن ۱۹۲۰)»."""
    if i >= len(tokens) or tokens[i].text != "(":
        return None
    for j in range(i + 1, min(i + MAX_PARENTHESIS_WORDS + 2, len(tokens))):
        if tokens[j].text == ")":
            return j + 1 if j > i + 1 else None
        if not tokens[j].is_word or any(char.isdigit() for char in tokens[j].text):
            return None
    return None


def name_end(tokens: list[Token], head: int, resources: Resources) -> int:
    """Index of the token after the name whose head is ``tokens[head]`` (``head + 1`` if nothing follows).

    The name is cut after its last specific word (see :func:`is_specific`), so trailing common words that
    only happen to follow it («حزب کمونیست کارگری هدایت …») stay out.
    """
    party_heads = resources.patterns["heads"]["party"]
    # The words the loop below may hand to _cause_at, read once: two before each word and three from it, for
    # words up to MAX_NAME_WORDS after the head.
    first = max(0, head - 1)
    texts = [token.text for token in tokens[first : head + MAX_NAME_WORDS + 3]]
    end = head + 1  # index after the last specific word
    has_specific = False
    after_class = False  # the previous word was a class or a trade: «سندیکای کارگران فلزکار مکانیک»
    j = head + 1
    if j < len(tokens) and tokens[j].text in _word_set("detached_ezafe", resources):
        j += 1  # «روزنامه ی کیهان»: the ezafe written apart belongs to the name
    if tokens[head].text in _word_set("field_heads", resources):
        return _field_name_end(tokens, head, j, resources)
    while j < len(tokens) and j - head <= MAX_NAME_WORDS:
        token = tokens[j]
        closing = _parenthesis_end(tokens, j)
        if closing:
            return closing
        if not token.is_word or token.text.isdigit():
            break
        if cause := _cause_at(texts[max(0, j - 2) - first : j + 3 - first], min(j, 2), resources):
            j = end = j + cause  # «کمیته دفاع از زندانیان سیاسی»: what the body defends is its name
            has_specific = True
            continue
        if j > head + 1 and _connector_allowed(token.text, tokens[j - 1].text, resources):
            if token.text == "و" and not (j + 1 < len(tokens) and is_specific(tokens[j + 1].text, resources)):
                break  # «… و سازمان …» joins two names, «چپ و کمونیست» is one
            j += 1
            continue
        if ends_name(token.text, resources) and token.text not in _name_words(resources):
            break
        if token.text in party_heads and has_specific:
            break  # a second party's name begins; other heads nest («سندیکای کارگران شرکت واحد …»)
        place = place_at(tokens, j, resources)
        if place:
            end = j + place[0]
            while (more := place_at(tokens, end, resources)) is not None:  # «… کردستان ایران»
                end += more[0]
            return _parenthesis_end(tokens, end) or end
        j += 1
        if after_class and token.text in _trades(resources):
            end = j  # the class's trade or workplace belongs to the name
        elif is_specific(token.text, resources):
            end, has_specific = j, True
        elif token.text in _generic(resources):
            end = j
        after_class = token.text in _class_words(resources) or (after_class and token.text in _trades(resources))
    return end


def _field_name_end(tokens: list[Token], head: int, j: int, resources: Resources) -> int:
    """The end of a state body's name made of its field: «وزارت آموزش و پرورش», «قوه قضاییه». Every word
    of the field counts, up to a name-ending word, a class of people (the sentence's object) or a body's
    head; «و» only between two such words."""
    heads = resources.patterns["heads"]
    end = j
    while j < len(tokens) and j - head <= heads["field_words"]:
        word = tokens[j].text
        if word == "و" and end == j and j > head + 1 and j + 1 < len(tokens) and tokens[j + 1].is_word:
            j += 1
            continue
        if (not tokens[j].is_word or word.isdigit() or ends_name(word, resources) or word in body_openers(resources)
                or word in _class_words(resources)):
            break
        j = end = j + 1
    return end


def _word_set(key: str, resources: Resources) -> frozenset[str]:
    """A word list of the patterns' [heads] section, as a set made once."""
    return resources.derived(f"heads:{key}", lambda: frozenset(resources.patterns["heads"][key]))


def _detached_suffix(word: str, resources: Resources) -> bool:
    if word in _word_set("detached_ezafe", resources):
        return False
    suffixes = tuple(resources.patterns["heads"]["detached_suffixes"])
    return word.startswith(suffixes) and not resources.lexicon.is_known(word)


def body_openers(resources: Resources) -> frozenset[str]:
    heads = resources.patterns["heads"]
    openers = ("party", "party_if_designated", "organization", "state_heads", "field_heads", "camp_heads")
    return resources.derived(
        "body_openers",
        lambda: frozenset(word for key in openers for word in heads[key]) - set(heads["never"]),
    )


def _class_words(resources: Resources) -> frozenset[str]:
    return resources.derived("class_words", lambda: frozenset(resources.patterns["heads"]["class_words"]))


def _trades(resources: Resources) -> frozenset[str]:
    return resources.derived("trades", lambda: frozenset(resources.patterns["heads"]["trades"]))


def _names_a_trade(words: list[str], resources: Resources) -> bool:
    """«کارگران فلزکار», «بازنشستگان مخابرات»: a class of working people followed by its trade or workplace,
    the way unions, syndicates and councils are named out of common nouns."""
    return any(word in _class_words(resources) and following in _trades(resources)
               for word, following in zip(words, words[1:]))


def _name_words(resources: Resources) -> frozenset[str]:
    return resources.derived("name_words", lambda: frozenset(resources.patterns["names"]["name_words"]))


def _generic(resources: Resources) -> frozenset[str]:
    return resources.derived("generic", lambda: frozenset(resources.patterns["names"]["generic_modifiers"]))


def political_designators(resources: Resources) -> frozenset[str]:
    return resources.derived("designators", lambda: frozenset(resources.patterns["designators"]["political"]))


def is_specific(word: str, resources: Resources) -> bool:
    """A word that makes a name a name: a political designator, a place, or a word no lexicon knows."""
    return (
        word in political_designators(resources)
        or _is_place_word(word, resources)
        or is_demonym(word, resources)
        or (not resources.lexicon.is_known(word) and not ends_name(word, resources) and len(word) > 2
            and not is_glued(word, resources))
    )


def _is_place_word(word: str, resources: Resources) -> bool:
    return word in resources.places or word in resources.place_aliases


def is_demonym(word: str, resources: Resources) -> bool:
    """«ایرانی», «ایرانیان», «سوئدی»: a place name with a people-forming suffix."""
    suffixes = resources.patterns["heads"]["demonym_suffixes"]
    return any(word.endswith(suffix) and word[: -len(suffix)] in resources.places for suffix in suffixes)


def body_kind(head: str, words: list[str], resources: Resources) -> Kind | None:
    """The kind a head noun gives a name, or None when the words after it only describe, not name.

    A party's name needs a place, a parenthesised part or two political designators («حزب کمونیست
    کارگری»); one designator alone («حزب کمونیست») is a description. An organisation's name needs one
    specific word, which may be a word the lexicon does not know (a proper name: «هپکو»).
    """
    heads = resources.patterns["heads"]
    content = [word for word in words if word not in "()"]
    if head in heads["camp_heads"] and _names_a_camp(content, resources):
        return "Party"  # «ائتلاف بزرگ اصولگرایان», «فهرست اصلاح‌طلبان»: a camp's front, coalition or list
    if head in heads["field_heads"]:
        return "Organization" if content else None  # «وزارت کشور»: a ministry is named by its field
    if head in _camp_only_heads(resources) or head in heads["never"]:
        return None  # «فهرست», «لیست» name a body only with a camp
    if head not in heads["party"] and _ends_in_known_party(content, resources) and _within_party(content, resources):
        return "Organization"  # «سازمان نظامی حزب توده»: a body of a party the lexicon knows
    designated = [word for word in content if word in political_designators(resources)]
    placed = any(_is_place_word(word, resources) for word in content) or "(" in words
    unknown = [word for word in content if is_specific(word, resources) and word not in designated]
    is_party = head in heads["party"] or (head in heads["party_if_designated"] and designated)
    if is_party:
        if not (placed or len(designated) >= 2 or (designated and unknown)):
            return None
        # «سازمان نظامی حزب توده ایران»: the designators that make it a party's name are the inner party's.
        return "Organization" if head not in heads["party"] and _within_party(content, resources) else "Party"
    # A purpose frame names a body by what it is for: «کمیته هماهنگی برای کمک به ایجاد تشکل‌های کارگری».
    framed = designated and _has_purpose_frame(content, resources)
    named = (len(designated) >= 2 or placed or unknown or framed or _names_a_trade(content, resources)
             or _names_a_cause(content, resources))
    if named and placed and _party_wing(content, designated, resources):
        return "Party"  # «اتحادیه جوانان دموکرات کردستان»: a party's youth, women's or students' union
    return "Organization" if named else None


def _camp_only_heads(resources: Resources) -> frozenset[str]:
    """Heads that open a name only with a camp after them: «فهرست», «لیست»."""
    heads = resources.patterns["heads"]
    others = ("party", "party_if_designated", "organization", "state_heads", "field_heads")
    return resources.derived("camp_only_heads",
                             lambda: frozenset(heads["camp_heads"]) - {w for key in others for w in heads[key]})


def camp_end(words: list[str], resources: Resources) -> int:
    """How many of a name's words run through its last camp word, and the places right after it («فهرست
    اصلاح‌طلبان تهران»); 0 if it names no camp. What follows a camp is the sentence, not the name."""
    camps = _word_set("camps", resources)
    split = {first: set(rest) for first, rest in resources.patterns["heads"]["split_camps"]}
    end = 0
    for k, word in enumerate(words):
        if word in camps:
            end = k + 1
        elif word in split and k + 1 < len(words) and words[k + 1] in split[word]:
            end = k + 2
    while end and end < len(words) and _is_place_word(words[end], resources):
        end += 1
    return end


def _names_a_camp(words: list[str], resources: Resources) -> bool:
    """Whether a camp of Iranian politics is among the words, whole or written in two («اصلاح طلبان»)."""
    return camp_end(words, resources) > 0


def _party_wing(words: list[str], designated: list[str], resources: Resources) -> bool:
    """A youth's, women's or students' union with an ideological designator of its own (not a class of
    working people) and no party head inside it."""
    ideological = [word for word in designated if word not in _class_words(resources)]
    return (bool(ideological) and any(word in _word_set("wings", resources) for word in words)
            and not any(word in resources.patterns["heads"]["party"] for word in words))


def _causes(resources: Resources) -> tuple[frozenset[str], dict[str, list[tuple[str, ...]]]]:
    def build() -> tuple[frozenset[str], dict[str, list[tuple[str, ...]]]]:
        heads = resources.patterns["heads"]
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for cause in sorted(heads["causes"], key=len, reverse=True):  # the longest first
            by_first.setdefault(cause[0], []).append(tuple(cause))
        return frozenset(heads["cause_openers"]), by_first

    return resources.derived("causes", build)


def _cause_at(words: list[str], j: int, resources: Resources) -> int:
    """How many words of a listed cause start at ``words[j]``, right after a defending word («دفاع از»,
    «مدافعان»); 0 if none does."""
    openers, by_first = _causes(resources)
    before = j - 1
    if before >= 0 and words[before] in _word_set("cause_links", resources):
        before -= 1
    if before < 0 or words[before] not in openers or j >= len(words):
        return 0
    return next((len(cause) for cause in by_first.get(words[j], []) if tuple(words[j : j + len(cause)]) == cause), 0)


def _names_a_cause(words: list[str], resources: Resources) -> bool:
    return any(_cause_at(words, j, resources) for j in range(1, len(words)))


def _has_purpose_frame(words: list[str], resources: Resources) -> bool:
    """Whether a preposition the pattern data allows inside a name («برای», «از») joins two of its words."""
    return any(word != "و" and _connector_allowed(word, previous, resources)
               for previous, word in zip(words, words[1:]))


@mention_finder("bodies")
class BodyExtractor:
    name = "head-noun"

    def __call__(self, doc: Document, resources: Resources) -> list[Mention]:
        openers = body_openers(resources)
        organs = {tuple(organ.split()) for organ in resources.patterns["names"]["organs"]}
        mentions = []
        for tokens in lines(doc):
            for i, token in enumerate(tokens):
                if token.text not in openers:
                    continue
                if i + 1 < len(tokens) and _detached_suffix(tokens[i + 1].text, resources):
                    continue  # «سازمان هائیکه» is «سازمان‌هایی‌که» written apart: a plural, not a name
                if _periodical_of_body(tokens, i, openers, resources):
                    continue  # «نشریه کمیته هماهنگی …»: the body's own name starts at the next head
                end = name_end(tokens, i, resources)
                words = [t.text for t in tokens[i:end]]
                organ = _organ_length(words, organs)
                if organ and (len(words) == organ or _opens_party(words[organ], resources)):
                    continue  # «کمیته مرکزی (حزب …)» is an organ of a party, a role, not an entity
                kind = body_kind(token.text, words[1:], resources)
                if token.text in resources.patterns["heads"]["camp_heads"] and (camp := camp_end(words[1:], resources)):
                    end = i + 1 + camp  # «شورای هماهنگی جبهه اصلاحات» and not the words after it
                    words = words[: camp + 1]
                if kind is None or end == i + 1 or _before_light_verb(tokens, end, words[1:], resources):
                    continue
                start_char, end_char = token.start, tokens[end - 1].end
                mentions.append(Mention(start_char, end_char, kind, doc.text[start_char:end_char], self.name,
                                        key_text=_known_name(words, kind, resources)))
        return mentions


def _periodical_of_body(tokens: list[Token], i: int, openers: frozenset[str], resources: Resources) -> bool:
    periodicals = resources.patterns["masthead"]["periodical_words"]
    return tokens[i].text in periodicals and i + 1 < len(tokens) and tokens[i + 1].text in openers


def _organ_length(words: list[str], organs: set[tuple[str, ...]]) -> int:
    """How many of the name's first words are a party organ («دفتر سیاسی»), or 0."""
    return next((len(organ) for organ in organs if tuple(words[: len(organ)]) == organ), 0)


def _opens_party(word: str, resources: Resources) -> bool:
    heads = resources.patterns["heads"]
    return word in heads["party"] or word in heads["party_if_designated"]


def _within_party(words: list[str], resources: Resources) -> bool:
    """«سازمان نظامی حزب توده ایران»: a body within a party, whose own words (before the party's head) carry
    no political designator. It is an Organization; the designators are its party's, not its own."""
    inner = next((k for k, word in enumerate(words) if word in resources.patterns["heads"]["party"]), None)
    return inner is not None and not any(word in political_designators(resources) for word in words[:inner])


def _known_name(words: list[str], kind: Kind, resources: Resources) -> str:
    """The lexicon's full name when the body's name is a short form it knows («سندیکای کارگران شرکت واحد»).
    Not when the full name only adds places («حزب کمونیست کارگری» + «ایران»): the resolver joins those by
    itself, together with their misspellings, which a lexicon name would hide."""
    known = resources.known_entities.get(" ".join(words))
    if known is None or known.kind != kind:
        return ""
    full = known.name.split()
    if full[: len(words)] == words and all(_is_place_word(word, resources) for word in full[len(words):]):
        return ""
    return known.name


def _ends_in_known_party(words: list[str], resources: Resources) -> bool:
    """Whether the name's words end in the name of a party from the known-entities lexicon («حزب توده»), which
    vouches for the whole name although its own words are common ones."""
    party_heads = resources.patterns["heads"]["party"]
    for k, word in enumerate(words):
        if word in party_heads:
            known = resources.known_entities.get(" ".join(words[k:]))
            return known is not None and known.kind == "Party"
    return False


def _before_light_verb(tokens: list[Token], end: int, words: list[str], resources: Resources) -> bool:
    """«به وظیفه انترناسیونالیستی سازمان مادیت بخشد»: the unknown word is a compound verb's noun, not a name."""
    if end >= len(tokens) or tokens[end].text not in resources.patterns["names"]["light_verbs"]:
        return False
    vouched = [w for w in words if w in political_designators(resources) or _is_place_word(w, resources)
               or is_demonym(w, resources)]
    return not vouched


@mention_finder("quoted-bodies")
class QuotedBodyExtractor:
    """Names in guillemets after a collective noun: «تشکلهایی مانند «اتحاد بازنشستگان» و «بازنشستگان
    پیشکسوت»». The sentence says what they are; the names need no head noun of their own."""

    name = "quoted-body"

    def __call__(self, doc: Document, resources: Resources) -> list[Mention]:
        introducers = set(resources.patterns["heads"]["quoted_introducers"])
        mentions = []
        for start, end in doc.sentences:
            sentence = doc.text[start:end]
            opener = next((m for m in re.finditer(r"[\w\u200c]+", sentence) if m.group() in introducers), None)
            if opener is None:
                continue
            reach = opener.end()
            for quoted in QUOTED.finditer(sentence, opener.end()):
                if quoted.start() - reach > QUOTE_REACH:
                    break  # too far from the collective noun (or the name before it) to be one of its names
                reach = quoted.end()
                name = quoted.group(1).strip()
                if 0 < len(name.split()) <= MAX_QUOTED_WORDS:
                    first = start + quoted.start(1) + (len(quoted.group(1)) - len(quoted.group(1).lstrip()))
                    mentions.append(Mention(first, first + len(name), "Organization", name, self.name))
        return mentions
