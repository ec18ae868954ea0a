"""A statistical named-entity recogniser: a linear-chain CRF over hand-made token features.

The model is trained on ParsTwiNER (see ``scripts/train_recogniser.py`` and NOTICE) with hazm's
:class:`hazm.SequenceTagger`, a thin wrapper around python-crfsuite. Its constructor takes a ``data_maker``
(sentences of tokens → sentences of feature dicts), which is all the customisation needed here, so the
wrapper is used as it is. Its ``train`` accepts only c1, c2 and an iteration count (no ``feature.minfreq``);
the model is kept small with L1 regularisation (c1), which zeroes most weights, and crfsuite writes only
the features with a non-zero weight.

Tags are IOB2 with the corpus's types: PER, LOC, ORG, EVE, POG (political groups), NAT (nationalities).
Spans are ``(start, end, type)`` over token indices with ``end`` exclusive, so ``tokens[start:end]`` is
the entity.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path

from graphbuild.lang.fa import DATA_DIR
from graphbuild.lang.fa.morphology import ANY_DIGIT as HAS_DIGIT
from graphbuild.lang.fa.morphology import NUMBER as DIGITS
from graphbuild.lang.fa.morphology import PERSIAN_LETTERS, PLACE_ENDINGS, ZWNJ
from graphbuild.resources import Resources

MODEL_PATH = DATA_DIR / "models" / "ner.crfsuite"  # the language package's model
ENTITY_TYPES = ("PER", "LOC", "ORG", "EVE", "POG", "NAT")
LONGEST_PLACE_NAME = 5  # tokens, as in graphbuild.extract.places

LATIN_LETTERS = re.compile(r"^[A-Za-z]+$")
HAS_LETTER = re.compile(r"[^\W\d_]")

# Default training parameters, chosen on the dev split (see scripts/train_recogniser.py).
C1 = 0.1  # L1 weight: also what keeps the model file small (about 4 MB)
C2 = 0.01
MAX_ITERATIONS = 150


@dataclass(frozen=True)
class Lexicons:
    """The word lists the features consult, all in hazm-normalised spelling."""

    places: frozenset[str]  # one- or several-word place names, with aliases
    given_names: frozenset[str]
    family_names: frozenset[str]
    designators: frozenset[str]  # political designators: «کمونیست», «دموکرات»...
    party_heads: frozenset[str]  # «حزب», and heads that make a party with a designator («سازمان»)
    organisation_heads: frozenset[str]  # «شورای», «اتحادیه», «سندیکای»...
    event_heads: frozenset[str]  # «کنگره», «انقلاب»...
    titles: frozenset[str]  # «رفیق», «آقای»...
    frequencies: Mapping[str, int]  # hazm's word list: a name is often a word it lacks or knows as rare
    stopwords: frozenset[str]
    # Each word's lexicon flags, worked out once: a word's flags are read as its own and again as each of
    # its four neighbours' context, which was a fifth of the time spent tagging.
    known_flags: dict[str, dict[str, bool]] = field(default_factory=dict, compare=False, repr=False)


def lexicons_from(resources: Resources) -> Lexicons:
    patterns = resources.patterns
    heads = patterns["heads"]
    return Lexicons(
        places=frozenset(resources.places) | frozenset(resources.place_aliases),
        given_names=resources.given_names,
        family_names=resources.family_names,
        designators=frozenset(patterns["designators"]["political"]),
        party_heads=frozenset(heads["party"]) | frozenset(heads["party_if_designated"]),
        organisation_heads=frozenset(heads["organization"]),
        event_heads=frozenset(patterns["events"]["heads"]),
        titles=frozenset(patterns["people"]["titles"]),
        frequencies=resources.lexicon.frequencies,
        stopwords=resources.lexicon.stopwords,
    )


# ---------------------------------------------------------------------------------------------- features


@lru_cache(maxsize=200_000)
def normalised(token: str) -> str:
    """The token as hazm normalises run-time text, lower-cased: the corpus is raw tweets (Arabic «ي», «ك»,
    Latin digits), the texts the model tags are normalised, so both are seen through this one form."""
    from graphbuild.lang.fa.orthography import normalise_name  # late: importing it loads hazm

    form = normalise_name(token).lower()
    return form or token.lower()


def shape(word: str) -> str:
    if PERSIAN_LETTERS.match(word):
        return "fa"
    if LATIN_LETTERS.match(word):
        return "latin"
    if DIGITS.match(word):
        return "digit"
    if not HAS_LETTER.search(word) and not HAS_DIGIT.search(word):
        return "punct"
    return "mixed"


def length_bucket(word: str) -> str:
    n = len(word)
    return "1" if n == 1 else "2-3" if n <= 3 else "4-6" if n <= 6 else "7+"


def place_stem(word: str, lexicons: Lexicons) -> bool:
    """Whether the word is a place name plus an ending: «ایرانی», «تهرانی‌ها» (nationalities, demonyms)."""
    return any(
        word.endswith(ending) and word[: -len(ending)].rstrip(ZWNJ) in lexicons.places
        for ending in PLACE_ENDINGS
    )


def in_place_name(words: Sequence[str], i: int, lexicons: Lexicons) -> str | None:
    """'B' or 'I' if the word is the first or a later word of a place name of several words, else None."""
    for start in range(max(0, i - LONGEST_PLACE_NAME + 1), i + 1):
        for end in range(min(len(words), start + LONGEST_PLACE_NAME), max(i + 1, start + 2) - 1, -1):
            if " ".join(words[start:end]) in lexicons.places:
                return "B" if start == i else "I"
    return None


def frequency_bucket(word: str, lexicons: Lexicons) -> str:
    """The order of magnitude of the word's count in hazm's word list ('-' if it is not there)."""
    count = lexicons.frequencies.get(word)
    return "-" if count is None else str(min(int(math.log10(count + 1)), 7))


def word_flags(word: str, lexicons: Lexicons) -> dict[str, bool]:
    """Lexicon facts about one word; only the true ones are kept, a false flag would be a useless feature."""
    known = lexicons.known_flags.get(word)
    if known is None:
        known = lexicons.known_flags[word] = _word_flags(word, lexicons)
    return known


def _word_flags(word: str, lexicons: Lexicons) -> dict[str, bool]:
    flags = {
        "place": word in lexicons.places,
        "place_stem": place_stem(word, lexicons),
        "given": word in lexicons.given_names,
        "family": word in lexicons.family_names,
        "designator": word in lexicons.designators,
        "party_head": word in lexicons.party_heads,
        "org_head": word in lexicons.organisation_heads,
        "event_head": word in lexicons.event_heads,
        "title": word in lexicons.titles,
        "stopword": word in lexicons.stopwords,
    }
    return {name: True for name, value in flags.items() if value}


def own_features(word: str, lexicons: Lexicons) -> dict[str, str | bool]:
    """Features of the word itself."""
    found: dict[str, str | bool] = {
        "bias": True,
        "w": word,
        "shape": shape(word),
        "len": length_bucket(word),
        "freq": frequency_bucket(word, lexicons),
    }
    for n in (1, 2, 3, 4):  # 4 as well: «زاده», «پور» endings, and 3 letters are often a root's
        if len(word) > n:  # a prefix as long as the word says nothing «w» does not
            found[f"p{n}"] = word[:n]
            found[f"s{n}"] = word[-n:]
    if ZWNJ in word:
        found["zwnj"] = True
    found.update(word_flags(word, lexicons))
    return found


def context_features(words: Sequence[str], i: int, lexicons: Lexicons) -> dict[str, str | bool]:
    """The ±2 words around ``i``, their endings and lexicon facts, and the word pairs through ``i``."""
    found: dict[str, str | bool] = {}
    for offset in (-2, -1, 1, 2):
        j = i + offset
        if not 0 <= j < len(words):
            found[f"{offset}:w"] = "<s>" if j < 0 else "</s>"
            continue
        found[f"{offset}:w"] = words[j]
        found[f"{offset}:s3"] = words[j][-3:]
        found[f"{offset}:freq"] = frequency_bucket(words[j], lexicons)
        for flag in word_flags(words[j], lexicons):
            found[f"{offset}:{flag}"] = True
    previous = words[i - 1] if i > 0 else "<s>"
    following = words[i + 1] if i + 1 < len(words) else "</s>"
    found["-1|0"] = f"{previous}|{words[i]}"
    found["0|+1"] = f"{words[i]}|{following}"
    found["-1|+1"] = f"{previous}|{following}"
    # Context joined with how common the word is: a word hazm's list lacks, after «آقای» or before «گفت»,
    # is likely a name. It carries over to words never seen in training, which «-1|0» cannot.
    rarity = frequency_bucket(words[i], lexicons)
    found["-1|freq"] = f"{previous}|{rarity}"
    found["freq|+1"] = f"{rarity}|{following}"
    return found


def head_features(words: Sequence[str], i: int, lexicons: Lexicons) -> dict[str, bool]:
    """Whether a party or organisation head noun opens the name this word may belong to."""
    found = {}
    if i > 0 and words[i - 1] in lexicons.party_heads:
        found["after_party_head"] = True
    if i > 0 and words[i - 1] in lexicons.organisation_heads:
        found["after_org_head"] = True
    if any(words[j] in lexicons.party_heads for j in range(max(0, i - 4), i)):
        found["party_head_within_4"] = True  # «حزب دموکرات کردستان ایران»: the head is some words back
    return found


def features(tokens: list[str], i: int, lexicons: Lexicons) -> dict[str, str | bool]:
    """The feature dict of token ``i`` of a sentence, as python-crfsuite takes it."""
    words = [normalised(token) for token in tokens]
    return sentence_features(words, i, lexicons)


def sentence_features(words: Sequence[str], i: int, lexicons: Lexicons) -> dict[str, str | bool]:
    found = own_features(words[i], lexicons)
    found.update(context_features(words, i, lexicons))
    found.update(head_features(words, i, lexicons))
    part = in_place_name(words, i, lexicons)
    if part:
        found["place_phrase"] = part
    return found


def make_data(sentences: list[list[str]], lexicons: Lexicons) -> list[list[dict[str, str | bool]]]:
    """hazm's ``data_maker``: every sentence's tokens → their feature dicts (normalising each token once)."""
    result = []
    for tokens in sentences:
        words = [normalised(token) for token in tokens]
        result.append([sentence_features(words, i, lexicons) for i in range(len(words))])
    return result


def data_maker(lexicons: Lexicons) -> Callable[[list[list[str]]], list]:
    return partial(make_data, lexicons=lexicons)


# ------------------------------------------------------------------------------------ training and tagging


def train(
    sentences: list[list[tuple[str, str]]],
    model_path: Path = MODEL_PATH,
    *,
    c1: float = C1,
    c2: float = C2,
    max_iterations: int = MAX_ITERATIONS,
    lexicons: Lexicons,
) -> Path:
    """Train a model on sentences of ``(token, IOB2 tag)`` and write it to ``model_path``.

    Deterministic: crfsuite's L-BFGS has no randomness, so the same sentences in the same order with the
    same parameters give the same model.
    """
    from hazm import SequenceTagger  # late: importing hazm takes seconds

    model_path.parent.mkdir(parents=True, exist_ok=True)
    tagger = SequenceTagger(data_maker=data_maker(lexicons))
    tagger.train(
        sentences,
        c1=c1,
        c2=c2,
        max_iteration=max_iterations,
        verbose=False,
        file_name=str(model_path),
        report_duration=False,
    )
    return model_path


def read_conll(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences of ``(token, tag)`` from a ``token<TAB>tag`` file with blank lines between sentences."""
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        token, _, tag = line.partition("\t")
        current.append((token.strip(), tag.strip()))
    if current:
        sentences.append(current)
    return sentences


class Recogniser:
    """Tags sentences with the committed model, loaded on first use (loading hazm and the model is slow)."""

    def __init__(self, model_path: Path, lexicons: Lexicons) -> None:
        self.model_path = Path(model_path)
        self._lexicons = lexicons
        self._tagger = None

    def _loaded(self):
        if self._tagger is None:
            from hazm import SequenceTagger

            if not self.model_path.exists():
                raise FileNotFoundError(f"no NER model at {self.model_path}; run scripts/train_recogniser.py")
            self._tagger = SequenceTagger(model=str(self.model_path), data_maker=data_maker(self._lexicons))
        return self._tagger

    def tag(self, tokens: list[str]) -> list[str]:
        """IOB2 tags for one sentence's tokens."""
        if not tokens:
            return []
        return [tag for _, tag in self._loaded().tag(tokens)]

    def tag_sents(self, sentences: list[list[str]]) -> list[list[str]]:
        return [self.tag(tokens) for tokens in sentences]

    def spans(self, tokens: list[str]) -> list[tuple[int, int, str]]:
        return tags_to_spans(self.tag(tokens))


# ----------------------------------------------------------------------------------- spans and scoring


def tags_to_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """IOB2 tags → ``(start, end, type)`` with ``end`` exclusive.

    As conlleval reads them: an I- tag that does not continue a span of its type starts a new one, so a
    model's ill-formed output still yields spans, and the scores match the usual ones.
    """
    spans: list[tuple[int, int, str]] = []
    start, kind = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, tag_type = tag.partition("-")
        continues = prefix == "I" and tag_type == kind
        if kind is not None and not continues:
            spans.append((start, i, kind))
            kind = None
        if prefix in ("B", "I") and not continues:
            start, kind = i, tag_type
    return spans


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    gold: int  # spans in the gold tags
    predicted: int
    correct: int


def _score(correct: int, gold: int, predicted: int) -> Score:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, gold, predicted, correct)


def span_scores(
    gold_tags: Sequence[Sequence[str]], predicted_tags: Sequence[Sequence[str]]
) -> dict[str, Score]:
    """Span-level scores per type and their micro-average (key ``"micro"``): a predicted span counts only
    if its start, end and type all match a gold span. Both arguments are lists of sentences of tags."""
    if len(gold_tags) != len(predicted_tags):
        raise ValueError("gold and predicted tags have different numbers of sentences")
    gold, predicted = set(), set()
    for n, (gold_sentence, predicted_sentence) in enumerate(zip(gold_tags, predicted_tags)):
        gold.update((n, *span) for span in tags_to_spans(gold_sentence))
        predicted.update((n, *span) for span in tags_to_spans(predicted_sentence))
    correct = gold & predicted
    types = sorted({span[3] for span in gold | predicted}, key=_type_order)
    scores = {
        kind: _score(*(sum(1 for span in spans if span[3] == kind) for spans in (correct, gold, predicted)))
        for kind in types
    }
    scores["micro"] = _score(len(correct), len(gold), len(predicted))
    return scores


def _type_order(kind: str) -> tuple[int, str]:
    return (ENTITY_TYPES.index(kind) if kind in ENTITY_TYPES else len(ENTITY_TYPES), kind)
