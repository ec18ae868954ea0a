"""Train graphbuild's named-entity recogniser on ParsTwiNER and score it on the dev split.

The corpus is read from ../shared (never copied into the project, see NOTICE); the model is written to
``graphbuild/lang/fa/models/ner.crfsuite``. The parameters below were chosen on the dev split; the test split
is kept back elsewhere. Training is deterministic: the same data and parameters give the same model.

Run: ``.venv/bin/python scripts/train_recogniser.py [--shared ../shared]``; ``--score-only`` scores the
committed model on the dev split (with the lexicons as they are now) without training.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from graphbuild.extract.recogniser import (
    C1,
    C2,
    ENTITY_TYPES,
    MAX_ITERATIONS,
    MODEL_PATH,
    Recogniser,
    lexicons_from,
    read_conll,
    span_scores,
    train,
)
from graphbuild.lang.fa import load

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path("data") / "ner" / "parstwiner"


def print_scores(gold: list[list[str]], predicted: list[list[str]]) -> None:
    scores = span_scores(gold, predicted)
    print(f"{'type':6} {'prec':>6} {'rec':>6} {'F1':>6} {'gold':>5} {'pred':>5}")
    for kind in (*ENTITY_TYPES, "micro"):
        if kind in scores:
            s = scores[kind]
            print(f"{kind:6} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.gold:5d} {s.predicted:5d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared data folder")
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    parser.add_argument("--c1", type=float, default=C1)
    parser.add_argument("--c2", type=float, default=C2)
    parser.add_argument("--iterations", type=int, default=MAX_ITERATIONS)
    parser.add_argument("--score-only", action="store_true",
                        help="score the model at --output on the dev split without training it again")
    args = parser.parse_args()

    lexicons = lexicons_from(load())
    corpus = args.shared / CORPUS
    dev = read_conll(corpus / "dev.txt")
    if not args.score_only:
        training = read_conll(corpus / "train.txt")
        print(f"training on {len(training)} sentences, c1={args.c1} c2={args.c2} iterations={args.iterations}")
        started = time.perf_counter()
        train(training, args.output, c1=args.c1, c2=args.c2, max_iterations=args.iterations, lexicons=lexicons)
        elapsed = time.perf_counter() - started
        print(f"model {args.output}: {args.output.stat().st_size / 1e6:.2f} MB, trained in {elapsed:.1f} s")

    recogniser = Recogniser(args.output, lexicons)
    predicted = recogniser.tag_sents([[token for token, _ in sentence] for sentence in dev])
    print(f"dev split ({len(dev)} sentences), exact span and type:")
    print_scores([[tag for _, tag in sentence] for sentence in dev], predicted)


if __name__ == "__main__":
    main()
