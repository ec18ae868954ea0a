"""The statistical recogniser: the committed model, span conversion and scoring, and the training code
(on a tiny corpus written here, so the tests need nothing from ../shared)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from graphbuild.extract.recogniser import (
    MODEL_PATH,
    Recogniser,
    features,
    lexicons_from,
    span_scores,
    tags_to_spans,
    train,
)
from graphbuild.lang.fa.orthography import normalise_name
from graphbuild.tokenise import TOKEN

TAGS = {"O"} | {f"{prefix}-{kind}" for prefix in "BI" for kind in ("PER", "LOC", "ORG", "EVE", "POG", "NAT")}


@pytest.fixture(scope="module")
def recogniser(resources) -> Recogniser:
    return Recogniser(MODEL_PATH, lexicons_from(resources))


def test_the_committed_model_loads_and_tags(recogniser):
    assert MODEL_PATH.exists()
    tokens = "علی رضایی دیروز به تبریز رفت .".split()
    tags = recogniser.tag(tokens)
    assert len(tags) == len(tokens) and set(tags) <= TAGS
    assert recogniser.tag([]) == []


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["B-PER", "I-PER", "O", "B-LOC"], [(0, 2, "PER"), (3, 4, "LOC")]),
        (["B-PER", "B-PER", "I-PER"], [(0, 1, "PER"), (1, 3, "PER")]),
        (["O", "I-ORG", "I-ORG", "O"], [(1, 3, "ORG")]),  # a stray I- opens a span, as in conlleval
        (["B-PER", "I-LOC", "I-LOC"], [(0, 1, "PER"), (1, 3, "LOC")]),  # a change of type closes one
        (["O", "O"], []),
        ([], []),
    ],
)
def test_tags_to_spans(tags, spans):
    assert tags_to_spans(tags) == spans


def test_span_scores_count_exact_spans_only():
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-ORG", "I-ORG", "O"]]
    predicted = [["B-PER", "O", "O", "B-LOC"], ["B-ORG", "I-ORG", "B-LOC"]]
    scores = span_scores(gold, predicted)
    # PER: the one predicted span is cut short, so it is wrong. LOC: 1 of 2 predicted is right.
    assert (scores["PER"].correct, scores["PER"].gold, scores["PER"].predicted) == (0, 1, 1)
    assert scores["PER"].f1 == 0.0
    assert (scores["LOC"].precision, scores["LOC"].recall) == (0.5, 1.0)
    assert scores["LOC"].f1 == pytest.approx(2 / 3)
    assert scores["ORG"].f1 == 1.0
    micro = scores["micro"]
    assert (micro.correct, micro.gold, micro.predicted) == (2, 3, 4)
    assert micro.precision == 0.5 and micro.recall == pytest.approx(2 / 3)


def test_span_scores_want_the_same_number_of_sentences():
    with pytest.raises(ValueError):
        span_scores([["O"]], [])


def test_features_see_the_lexicons_and_head_nouns(resources):
    lexicons = lexicons_from(resources)
    tokens = ["حزب", "دموکرات", "در", "تهران", "و", "علی"]
    assert features(tokens, 0, lexicons)["party_head"] is True
    assert features(tokens, 1, lexicons)["after_party_head"] is True
    assert features(tokens, 1, lexicons)["designator"] is True
    assert features(tokens, 3, lexicons)["place"] is True
    assert features(tokens, 5, lexicons)["given"] is True
    assert features(tokens, 5, lexicons)["1:w"] == "</s>"  # the word after it: none
    # Tokens are seen in hazm's spelling: Arabic «ي» and «ك» read as Persian ones.
    assert features(["علي"], 0, lexicons)["w"] == "علی"


# Names, cities and parties absent from every lexicon the features consult: the model finds them by context.
# Each sentence lists the spans it must find, not all it holds (unseen town names are often missed).
UNSEEN = [
    ("کامیار یزدانی از رهبران حزب آزادی‌خواهان ملی است.",
     {("PER", "کامیار یزدانی"), ("POG", "حزب آزادی‌خواهان ملی")}),
    ("آقای فرزین رستگاری دیروز به باغملک رفت.", {("PER", "فرزین رستگاری")}),
    ("خانم ترلان یزدانی فعال حقوق زنان در باغملک بازداشت شد.", {("PER", "ترلان یزدانی")}),
    ("هومن قربانی امروز در ماهشهر سخنرانی کرد.", {("LOC", "ماهشهر")}),
    ("اعضای حزب همبستگی کارگری در هفتکل تجمع کردند.", {("POG", "حزب همبستگی کارگری")}),
]


@pytest.mark.parametrize(("sentence", "expected"), UNSEEN)
def test_entities_absent_from_the_lexicons_are_found(recogniser, sentence, expected, resources):
    tokens = TOKEN.findall(normalise_name(sentence))  # as the pipeline sees text: normalised, then split
    lexicons = lexicons_from(resources)
    for _, text in expected:
        for word in text.split():
            assert word not in lexicons.places | lexicons.given_names | lexicons.family_names
    found = {(kind, " ".join(tokens[start:end])) for start, end, kind in recogniser.spans(tokens)}
    assert expected <= found


# A corpus small enough to train on in a second: people before «گفت», places after «در».
TINY_CORPUS = [
    [("بهرام", "B-PER"), ("کیانی", "I-PER"), ("در", "O"), ("کرمان", "B-LOC"), ("گفت", "O")],
    [("سارا", "B-PER"), ("نوری", "I-PER"), ("در", "O"), ("اهواز", "B-LOC"), ("گفت", "O")],
    [("پیمان", "B-PER"), ("صالحی", "I-PER"), ("در", "O"), ("یزد", "B-LOC"), ("گفت", "O")],
    [("امروز", "O"), ("هوا", "O"), ("سرد", "O"), ("بود", "O")],
    [("کتاب", "O"), ("را", "O"), ("خواندم", "O")],
] * 3


def test_training_on_a_tiny_corpus_gives_a_working_model(tmp_path, resources):
    # No lexicon: the model must learn from the words and their context alone.
    empty = frozenset()
    lexicons = replace(
        lexicons_from(resources), places=empty, given_names=empty, family_names=empty, frequencies={}
    )
    path = train(TINY_CORPUS, tmp_path / "tiny.crfsuite", c1=0.0, c2=0.01, max_iterations=50, lexicons=lexicons)
    assert path.exists() and path.stat().st_size > 0
    tiny = Recogniser(path, lexicons)
    tokens = ["سارا", "نوری", "در", "کرمان", "گفت"]
    assert tiny.tag(tokens) == ["B-PER", "I-PER", "O", "B-LOC", "O"]
    # The same corpus and parameters give the same model, byte for byte.
    again = train(TINY_CORPUS, tmp_path / "again.crfsuite", c1=0.0, c2=0.01, max_iterations=50, lexicons=lexicons)
    assert again.read_bytes() == path.read_bytes()
