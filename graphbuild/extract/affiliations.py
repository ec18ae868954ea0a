"""Affiliations: a person tied to a party or organisation by a stated role.

Four shapes within one sentence (:class:`AffiliationExtractor`):
- «PERSON (،) (از) ROLE (و ROLE) (ORGAN) BODY»: «بهروز مهرآبادی عضو کمیته مرکزی حزب …»;
- «ROLE (و ROLE) (ORGAN) BODY … : PERSON، PERSON…»: «پنج عضو و کادر حزب از داخل: سپهر رهایی، …»;
- «PERSON به نمایندگی از / از طرف BODY»: the person speaks for the body;
- «BODY به رهبری PERSON»: the person leads the body.
And the signers of a message that speaks as the party's members (:class:`SignerAffiliationExtractor`).
BODY is a Party or Organization mention, or a bare «حزب»/«سازمان» that resolution ties to the document's own
party. Role words and organs come from the pattern data.
"""

from __future__ import annotations

from graphbuild.components import relation_finder
from graphbuild.document import Document, Mention, Relation, Token
from graphbuild.extract.parts import blind, closing_lines, messages
from graphbuild.resources import Resources

MAX_GAP_TOKENS = 2  # between a person and the role word after it («، »)
MAX_LIST_GAP_TOKENS = 4  # between a role phrase's body and the ':' that opens its list


@relation_finder("affiliations")
class AffiliationExtractor:
    name = "affiliation-pattern"

    def __call__(self, doc: Document, resources: Resources) -> list[Relation]:
        found = []
        tokens = list(doc.tokens)
        end_index = {t.end: i for i, t in enumerate(tokens)}
        bodies = {m.start: m for m in doc.mentions if m.kind in ("Party", "Organization")}
        people = [m for m in doc.mentions if m.kind == "Person"]
        for person in people:
            if person.end not in end_index:
                continue
            i = end_index[person.end] + 1
            gap = 0
            while i < len(tokens) and not tokens[i].is_word and gap < MAX_GAP_TOKENS and tokens[i].text != ".":
                i, gap = i + 1, gap + 1
            if body := _represented(tokens, i, bodies, resources):
                found.append(_relation(doc, person, (body.start, body.end),
                                       resources.patterns["people"]["representing_role"], False))
                continue
            if i + 1 < len(tokens) and tokens[i].text == "از":
                i += 1  # «NAME از اعضای / بنیانگذاران …»: one of the body's members or founders
            phrase = _role_phrase(tokens, i, bodies, resources)
            if phrase:
                role, body_span, bare, _ = phrase
                found.append(_relation(doc, person, body_span, role, bare))
        found += _leaders(doc, tokens, bodies, people, resources)
        for i in range(len(tokens)):
            if i >= 2 and tokens[i - 1].text == "و" and _role_phrase(tokens, i - 2, bodies, resources):
                continue  # «کادر» in «عضو و کادر حزب» is part of the phrase that starts at «عضو»
            phrase = _role_phrase(tokens, i, bodies, resources)
            if not phrase:
                continue
            role, body_span, bare, after = phrase
            colon = next((j for j in range(after, min(after + MAX_LIST_GAP_TOKENS, len(tokens)))
                          if tokens[j].text == ":"), None)
            if colon is None:
                continue
            line_end = doc.text.find("\n", tokens[colon].end)
            line_end = len(doc.text) if line_end == -1 else line_end
            for person in people:
                if tokens[colon].end <= person.start and person.end <= line_end:
                    found.append(_relation(doc, person, body_span, role, bare))
        return found


def _leaders(doc: Document, tokens: list[Token], bodies: dict[int, Mention], people: list[Mention],
             resources: Resources) -> list[Relation]:
    """«حزب دموکراتیک خلق به رهبری NAME»: the person right after a leader phrase leads the body right before it."""
    phrases = _phrases("leader_phrases", resources)
    body_ends = {m.end: m for m in bodies.values()}
    person_starts = {m.start: m for m in people}
    found = []
    for i, token in enumerate(tokens):
        body = body_ends.get(token.end)
        if body is None:
            continue
        for phrase in phrases:
            after = i + 1 + len(phrase)
            if [t.text for t in tokens[i + 1 : after]] == phrase and after < len(tokens) \
                    and tokens[after].start in person_starts:
                found.append(_relation(doc, person_starts[tokens[after].start], (body.start, body.end),
                                       resources.patterns["people"]["leader_role"], False))
    return found


def _represented(tokens: list[Token], i: int, bodies: dict[int, Mention], resources: Resources) -> Mention | None:
    """The body right after «به نمایندگی از», «از طرف»… at token ``i``: the one the person speaks for."""
    for words in _phrases("representing_phrases", resources):
        if [t.text for t in tokens[i : i + len(words)]] == words and i + len(words) < len(tokens):
            return bodies.get(tokens[i + len(words)].start)
    return None


def _phrases(key: str, resources: Resources) -> list[list[str]]:
    """The phrases of a [people] pattern list, split into words once: they are matched at every token."""
    return resources.derived(f"affiliation_phrases:{key}",
                             lambda: [phrase.split() for phrase in resources.patterns["people"][key]])


def _relation(doc: Document, person: Mention, body_span: tuple[int, int], role: str, bare: bool) -> Relation:
    sentence = doc.sentence_of(person.start)
    return Relation("memberOf", (person.start, person.end), body_span, sentence, role, bare)


def _role_phrase(tokens: list[Token], i: int, bodies: dict[int, Mention], resources: Resources):
    """At token ``i``: (role text, body span, is bare, index after) for «عضو و کادر کمیته مرکزی حزب …»."""
    roles = set(resources.patterns["people"]["roles"])
    if i >= len(tokens) or tokens[i].text not in roles:
        return None
    words = [tokens[i].text]
    j = i + 1
    while j + 1 < len(tokens) and tokens[j].text == "و" and tokens[j + 1].text in roles:
        words += ["و", tokens[j + 1].text]
        j += 2
    if j < len(tokens) and tokens[j].text in resources.patterns["people"]["role_ordinals"]:
        words.append(tokens[j].text)
        j += 1
    for organ in resources.patterns["names"]["organs"]:
        parts = organ.split()
        if [t.text for t in tokens[j : j + len(parts)]] == parts:
            words += parts
            j += len(parts)
            break
    if j >= len(tokens):
        return None
    if tokens[j].start in bodies:
        body = bodies[tokens[j].start]
        after = next((k for k in range(j, len(tokens)) if tokens[k].start >= body.end), len(tokens))
        return " ".join(words), (body.start, body.end), False, after
    if tokens[j].text in resources.patterns["heads"]["party"] + resources.patterns["heads"]["party_if_designated"]:
        return " ".join(words), (tokens[j].start, tokens[j].end), True, j + 1
    return None


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
