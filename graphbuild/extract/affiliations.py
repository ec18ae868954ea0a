"""Affiliations: a person tied to a party or organisation by a stated post, office or membership.

:class:`AffiliationExtractor` reads a sentence's appositions and clauses, the post before or after the name:
- «NAME (، | از | به سمت …) ROLE (و ROLE) (ORGAN) BODY»: «NAME، دبیرکل حزب …»، «NAME عضو کمیته مرکزی …»,
  «به گفته NAME سخنگوی …»; a list of names before one role shares it («A، B و C اعضای …»);
- «ROLE (ORGAN) BODY (،) (TITLE) NAME»: «دبیرکل حزب …، NAME»;
- «ROLE (و ROLE) (ORGAN) BODY … : NAME، NAME…»: the names of a list a role phrase opens;
- «NAME به نمایندگی از / از طرف BODY»: the person speaks for the body;
- «BODY به رهبری NAME»: the person leads the body.
And the signers of a message that speaks as the party's members (:class:`SignerAffiliationExtractor`).

BODY is a Party or Organization mention, taken in the fullest form the document names it («مجاهدین انقلاب» →
«سازمان مجاهدین انقلاب اسلامی ایران»), or a short form: a head alone or after «این» («حزب»، «این سازمان»,
«شورا») is the body the document names with that head, the latest before it, else the first after; a bare
«حزب» with no such body is left for resolution to tie to the document's own party. A role that names a party
organ («عضو کمیته مرکزی») and no body is a post in that party too. Every word list is in the [affiliations]
section of the pattern data.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphbuild.components import relation_finder
from graphbuild.document import Document, Mention, Relation, Token
from graphbuild.extract.parts import blind, closing_lines, messages
from graphbuild.resources import Resources

MAX_GAP_TOKENS = 2  # punctuation between a person and the role after it, or a role phrase and the name after it
MAX_LIST_GAP_TOKENS = 4  # between a role phrase's body and the ':' that opens its list
BODY_KINDS = ("Party", "Organization")


@dataclass(frozen=True)
class Lexicon:
    """The [affiliations] word lists, as sets and split phrases, built once per process."""

    roles: frozenset[str]
    modifiers: frozenset[str]
    descriptors: frozenset[str]
    links: tuple[tuple[str, ...], ...]
    party_organs: tuple[tuple[str, ...], ...]  # «کمیته مرکزی», «رهبری»: organs of a party, from [names]
    organ_words: frozenset[str]
    short_heads: frozenset[str]
    party_heads: frozenset[str]
    demonstratives: frozenset[str]
    breakers: frozenset[str]
    titles: frozenset[str]
    max_words_before_body: int
    leader_phrases: tuple[tuple[str, ...], ...]
    leader_role: str
    representing_phrases: tuple[tuple[str, ...], ...]
    representing_role: str


def _lexicon(resources: Resources) -> Lexicon:
    def build() -> Lexicon:
        data = resources.patterns["affiliations"]
        phrases = lambda key: tuple(tuple(p.split()) for p in data[key])  # noqa: E731
        organs = sorted((tuple(o.split()) for o in resources.patterns["names"]["organs"]), key=len, reverse=True)
        return Lexicon(
            frozenset(data["roles"]), frozenset(data["role_modifiers"]), frozenset(data["descriptors"]),
            tuple(sorted(phrases("links"), key=len, reverse=True)), tuple(organs), frozenset(data["organs"]),
            frozenset(data["short_heads"]), frozenset(resources.patterns["heads"]["party"]),
            frozenset(data["demonstratives"]), frozenset(data["breakers"]) | frozenset(resources.patterns["names"]["stops"]),
            frozenset(data["titles_before_name"]), int(data["max_words_before_body"]),
            phrases("leader_phrases"), data["leader_role"], phrases("representing_phrases"), data["representing_role"])
    return resources.derived("affiliations:lexicon", build)


@dataclass(frozen=True)
class RolePhrase:
    """«دبیر کل و سخنگوی کمیته مرکزی حزب …» read from its first token: the role's words, the body (a span of
    a mention, or of a bare head), and the token after it."""

    role: str
    body: tuple[int, int] | None
    bare: bool
    after: int
    names_organ: bool  # it names a party organ («کمیته مرکزی»): with no body, a post in the document's party


class _View:
    """A document's tokens with the mentions that start and end at each, for the pattern readers."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.tokens: list[Token] = list(doc.tokens)
        index_of_start = {t.start: i for i, t in enumerate(self.tokens)}
        self.index_of_end = {t.end: i for i, t in enumerate(self.tokens)}
        self.index_of_start = index_of_start
        self.at: dict[int, Mention] = {}  # token index → the mention that starts there
        for m in sorted(doc.mentions, key=lambda m: m.end - m.start):
            if m.start in index_of_start:
                self.at[index_of_start[m.start]] = m
        self.bodies = sorted((m for m in doc.mentions if m.kind in BODY_KINDS), key=lambda m: m.start)
        self.people = sorted((m for m in doc.mentions if m.kind == "Person"), key=lambda m: m.start)

    def text(self, i: int) -> str:
        return self.tokens[i].text if 0 <= i < len(self.tokens) else ""

    def matches(self, i: int, words: tuple[str, ...]) -> bool:
        return tuple(t.text for t in self.tokens[i : i + len(words)]) == words

    def mention_at(self, i: int, kinds: tuple[str, ...]) -> Mention | None:
        m = self.at.get(i)
        return m if m is not None and m.kind in kinds else None

    def after_mention(self, m: Mention) -> int:
        """The index of the first token after the mention."""
        return self.index_of_end[m.end] + 1 if m.end in self.index_of_end else \
            next((i for i, t in enumerate(self.tokens) if t.start >= m.end), len(self.tokens))

    def skip_punctuation(self, i: int, limit: int = MAX_GAP_TOKENS) -> int:
        gap = 0
        while i < len(self.tokens) and not self.tokens[i].is_word and gap < limit and self.tokens[i].text != ".":
            i, gap = i + 1, gap + 1
        return i


@relation_finder("affiliations")
class AffiliationExtractor:
    name = "affiliation-pattern"

    def __call__(self, doc: Document, resources: Resources) -> list[Relation]:
        lex = _lexicon(resources)
        view = _View(doc)
        found: dict[tuple, Relation] = {}
        claimed: set[int] = set()  # role phrases a name before them has taken

        def add(person: Mention, body: tuple[int, int], role: str, bare: bool) -> None:
            relation = _relation(doc, person, body, role, bare)
            found.setdefault((relation.subject, relation.object, bare), relation)

        for group, i in _name_groups(view, lex):
            if body := _represented(view, i, lex):
                for person in group:
                    add(person, (body.start, body.end), lex.representing_role, False)
                continue
            i = _skip_link(view, i, lex)
            phrase = _role_phrase(view, i, lex)
            if phrase is None:
                continue
            claimed.add(i)
            if phrase.body is not None or phrase.names_organ:
                for person in group:
                    add(person, phrase.body or (view.tokens[i].start, view.tokens[i].end), phrase.role,
                        phrase.bare or phrase.body is None)
        for person, body, role, bare in _role_then_name(view, lex, claimed) + _role_lists(view, lex):
            add(person, body, role, bare)
        for person, body in _leaders(view, lex):
            add(person, body, lex.leader_role, False)
        return list(found.values())


def _name_groups(view: _View, lex: Lexicon) -> list[tuple[list[Mention], int]]:
    """Each run of names joined by «،» or «و» («A، B و C»), with the token after it where a role may start.

    A name whose mention swallowed the role word after it («NAME سخنگوی» read as one name) starts its role
    at that word."""
    groups = []
    people = {view.index_of_start[m.start]: m for m in view.people if m.start in view.index_of_start}
    taken: set[int] = set()
    for start in sorted(people):
        if start in taken:
            continue
        group, person = [people[start]], people[start]
        while True:
            last = view.after_mention(person) - 1
            if view.text(last) in lex.roles and last > view.index_of_start.get(person.start, last):
                groups.append((group, last))
                break
            i = view.skip_punctuation(last + 1)
            joined = i > last + 1 or view.text(i) == "و"
            j = i + 1 if view.text(i) == "و" else i
            while view.text(j) in lex.titles:
                j += 1
            following = people.get(j)
            if joined and following is not None and following is not person:
                taken.add(j)
                group.append(following)
                person = following
                continue
            groups.append((group, i))
            break
    return groups


def _skip_link(view: _View, i: int, lex: Lexicon) -> int:
    """Past the words between a name and its role: «کارگر», «از», «به سمت»… («NAME کارگر عضو …»)."""
    while view.text(i) in lex.descriptors:
        i += 1
    for link in lex.links:
        if view.matches(i, link):
            return i + len(link)
    return i


def _role_phrase(view: _View, i: int, lex: Lexicon) -> RolePhrase | None:
    """At token ``i``: a role («دبیر کل و سخنگوی»), its organ («کمیته مرکزی») and the body it names."""
    words: list[str] = []
    j = i
    while view.text(j) in lex.roles:
        words.append(view.text(j))
        j += 1
        while view.text(j) in lex.modifiers:
            words.append(view.text(j))
            j += 1
        if view.text(j) == "و" and view.text(j + 1) in lex.roles:
            words.append("و")
            j += 1
    organ = next((o for o in lex.party_organs if view.matches(j, o)), None)
    if organ:
        words += organ
        j += len(organ)
        while view.text(j) in lex.modifiers:
            words.append(view.text(j))
            j += 1
    if not words:
        return None
    free = 0
    while j < len(view.tokens):
        if body := _body_at(view, j, lex):
            span, bare, after = body
            return RolePhrase(" ".join(words), span, bare, after, organ is not None)
        token = view.tokens[j]
        other = view.at.get(j)
        if not token.is_word or token.text in lex.breakers or (other is not None and other.kind != "Place"):
            break
        if token.text not in lex.organ_words and token.text not in lex.modifiers:
            free += 1
            if free > lex.max_words_before_body:
                break
        j = view.after_mention(other) if other is not None else j + 1
    return RolePhrase(" ".join(words), None, False, j, organ is not None)


def _body_at(view: _View, j: int, lex: Lexicon) -> tuple[tuple[int, int], bool, int] | None:
    """The body named at token ``j``: (span, is bare, the token after it), or None."""
    if mention := view.mention_at(j, BODY_KINDS):
        fullest = _fullest(view, mention)
        return (fullest.start, fullest.end), False, view.after_mention(mention)
    k = j + 1 if view.text(j) in lex.demonstratives else j
    head = view.text(k)
    if head not in lex.short_heads or view.mention_at(k, BODY_KINDS):
        return None
    if named := _named_with_head(view, head, view.tokens[k].start):
        return (named.start, named.end), False, k + 1
    if head in lex.party_heads:
        return (view.tokens[k].start, view.tokens[k].end), True, k + 1
    return None


def _head_stem(word: str) -> str:
    """«شورای» and «شورا», «سندیکای» and «سندیکا»: a head with or without its ezafe."""
    return word[:-1] if word.endswith("ی") and len(word) > 3 else word


def _named_with_head(view: _View, head: str, position: int) -> Mention | None:
    """The body the document names with this head: the latest before ``position``, else the first after."""
    stem = _head_stem(head)
    named = [m for m in view.bodies if _head_stem(m.text.split()[0]) == stem and len(m.text.split()) > 1]
    before = [m for m in named if m.end <= position]
    chosen = before[-1] if before else next((m for m in named if m.start > position), None)
    return _fullest(view, chosen) if chosen else None


def _fullest(view: _View, mention: Mention) -> Mention:
    """The longest body mention of the document whose words hold this one's in order: the full name of a short
    form («مجاهدین انقلاب», «سازمان خهبات») that the document spells out elsewhere."""
    words = mention.text.split()
    best = mention
    for other in view.bodies:
        longer = other.text.split()
        if len(longer) > len(best.text.split()) and _in_order(words, longer) and \
                (words[0] == longer[0] or words[0] in longer[1:]):
            best = other
    return best


def _in_order(short: list[str], long_: list[str]) -> bool:
    """Whether the words of ``short`` stand in ``long_`` as a contiguous run."""
    n = len(short)
    return any(long_[k : k + n] == short for k in range(len(long_) - n + 1))


def _role_then_name(view: _View, lex: Lexicon, claimed: set[int]):
    """«دبیرکل حزب …، NAME»: a role phrase no name before it has taken, followed by a name."""
    found = []
    for i in range(len(view.tokens)):
        if i in claimed or view.text(i - 1) in lex.roles or view.text(i - 1) in lex.modifiers:
            continue
        if view.text(i - 1) == "و" and view.text(i - 2) in lex.roles | lex.modifiers:
            continue
        phrase = _role_phrase(view, i, lex)
        if phrase is None or phrase.body is None:
            continue
        j = view.skip_punctuation(phrase.after)
        while view.text(j) in lex.titles:
            j += 1
        if person := view.mention_at(j, ("Person",)):
            found.append((person, phrase.body, phrase.role, phrase.bare))
    return found


def _role_lists(view: _View, lex: Lexicon):
    """«پنج عضو و کادر حزب از داخل: NAME، NAME…»: every name on the line after a role phrase's colon."""
    found = []
    doc = view.doc
    for i in range(len(view.tokens)):
        if view.text(i - 1) in lex.roles or (view.text(i - 1) == "و" and view.text(i - 2) in lex.roles):
            continue
        phrase = _role_phrase(view, i, lex)
        if phrase is None or phrase.body is None:
            continue
        colon = next((j for j in range(phrase.after, min(phrase.after + MAX_LIST_GAP_TOKENS, len(view.tokens)))
                      if view.text(j) == ":"), None)
        if colon is None:
            continue
        line_end = doc.text.find("\n", view.tokens[colon].end)
        line_end = len(doc.text) if line_end == -1 else line_end
        found += [(person, phrase.body, phrase.role, phrase.bare) for person in view.people
                  if view.tokens[colon].end <= person.start and person.end <= line_end]
    return found


def _leaders(view: _View, lex: Lexicon) -> list[tuple[Mention, tuple[int, int]]]:
    """«حزب دموکراتیک خلق به رهبری NAME»: the person right after a leader phrase leads the body right before it."""
    found = []
    for body in view.bodies:
        i = view.after_mention(body)
        for phrase in lex.leader_phrases:
            if view.matches(i, phrase) and (person := view.mention_at(i + len(phrase), ("Person",))):
                fullest = _fullest(view, body)
                found.append((person, (fullest.start, fullest.end)))
    return found


def _represented(view: _View, i: int, lex: Lexicon) -> Mention | None:
    """The body right after «به نمایندگی از», «از طرف»… at token ``i``: the one the person speaks for."""
    for words in lex.representing_phrases:
        if view.matches(i, words):
            if body := view.mention_at(i + len(words), BODY_KINDS):
                return _fullest(view, body)
    return None


def _relation(doc: Document, person: Mention, body_span: tuple[int, int], role: str, bare: bool) -> Relation:
    sentence = doc.sentence_of(person.start)
    return Relation("memberOf", (person.start, person.end), body_span, sentence, role, bare)


@relation_finder("signer-affiliations")
class SignerAffiliationExtractor:
    """Signers of a message who write as members: «… حزب ما …» … «پرستو از تهران» → پرستو memberOf the party.

    A collection of messages is cut at separator lines («***», «-----»); in each message that holds a
    membership cue from the pattern data, the people named on its closing short lines are its signers, and
    each is tied to the document's own party (resolution settles which that is, as for a bare «حزب»).
    """

    name = "signer-affiliation"

    def __call__(self, doc: Document, resources: Resources) -> list[Relation]:
        patterns = resources.patterns["messages"]
        cues = [blind(cue) for cue in patterns["membership_cues"]]
        found = []
        for start, end in messages(doc.text, patterns["separator_characters"]):
            cue_at = _first_cue(doc.text, start, end, cues)
            if cue_at is None:
                continue
            evidence = doc.sentence_of(cue_at)
            signers = _signers(doc, start, end, patterns["signature_lines"], patterns["slogan_openers"])
            found += [Relation("memberOf", (p.start, p.end), evidence, evidence, "", object_is_bare=True)
                      for p in signers]
        return found


def _first_cue(text: str, start: int, end: int, cues: list[str]) -> int | None:
    """Where the first membership cue stands in text[start:end] (matched space- and half-space-blind)."""
    blind_chars, positions = [], []
    for i in range(start, end):
        if text[i] not in " \u200c":
            blind_chars.append(text[i])
            positions.append(i)
    joined = "".join(blind_chars)
    hits = [joined.find(cue) for cue in cues if cue in joined]
    return positions[min(hits)] if hits else None


def _signers(doc: Document, start: int, end: int, signature_lines: int, slogans: list[str]) -> list[Mention]:
    """People named on the message's last non-empty short lines, slogans aside."""
    short = closing_lines(doc, start, end, signature_lines, slogans)
    return [m for m in doc.mentions if m.kind == "Person" and any(a <= m.start and m.end <= b for a, b in short)]
