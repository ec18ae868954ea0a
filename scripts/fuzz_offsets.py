"""Fuzz the character map: random short texts through the per-document pipeline, every selector checked.

Each text is made of Persian words that the extractors react to (a party, a city, a strike, a year), spaces,
tabs and line breaks in runs, digits of three scripts (Latin, Persian, Arabic-Indic), half-spaces, bidirectional
marks and rare Arabic letters that hazm folds. Every mention's, fact sentence's and message's selector must
give back its text from the file (:func:`graphbuild.selectors.document_problems`).

    .venv/bin/python scripts/fuzz_offsets.py --seconds 600 [--seed N]

prints the examples run, the crashes and the violations (the shortest few of each), exit status 1 if any.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from dataclasses import dataclass, field

from graphbuild.document import SourceFile
from graphbuild.lang.fa import load
from graphbuild.pipeline import default_pipeline
from graphbuild.selectors import document_problems

WORDS = ["حزب", "کمونیست", "کارگری", "ایران", "تهران", "اعتصاب", "کارگران", "در", "سال", "ماه", "بهمن",
         "اعلام", "کرد", "می", "روند", "ها", "ادامه", "یافت", "عضو", "کمیته", "مرکزی", "تظاهرات", "شهر"]
DIGITS = "0123456789" "۰۱۲۳۴۵۶۷۸۹" "٠١٢٣٤٥٦٧٨٩"
SPACES = [" ", "  ", "   ", "\t", " \t ", "\n", "\r\n", "\u00a0"]
MARKS = ["\u200c", "\u200e", "\u200f", "\u202b", "\u202c", "\u2067", "\u2069", "\u064e", "ـ"]
RARE_LETTERS = "ټڒڪيكۀەۓٹڤڭ"
PUNCTUATION = list(".،:؛«»()\"-") + ["...", "/"]


def random_text(rng: random.Random, max_parts: int = 14) -> str:
    """A short text of the pieces above, glued or spaced at random."""
    parts = []
    for _ in range(rng.randint(1, max_parts)):
        roll = rng.random()
        if roll < 0.35:
            parts.append(rng.choice(WORDS))
        elif roll < 0.55:
            parts.append("".join(rng.choice(DIGITS) for _ in range(rng.randint(1, 4))))
        elif roll < 0.75:
            parts.append(rng.choice(SPACES))
        elif roll < 0.85:
            parts.append(rng.choice(MARKS))
        elif roll < 0.93:
            parts.append("".join(rng.choice(RARE_LETTERS) for _ in range(rng.randint(1, 3))))
        else:
            parts.append(rng.choice(PUNCTUATION))
    return "".join(parts)


@dataclass
class FuzzResult:
    examples: int = 0
    crashes: list[tuple[str, str]] = field(default_factory=list)  # (text, the exception's last line)
    violations: list[tuple[str, str]] = field(default_factory=list)  # (text, the first problem)

    def summary(self, shown: int = 5) -> str:
        lines = [f"{self.examples} examples, {len(self.crashes)} crashes, {len(self.violations)} violations"]
        for name, found in (("crash", self.crashes), ("violation", self.violations)):
            for text, problem in sorted(found, key=lambda pair: len(pair[0]))[:shown]:
                lines.append(f"  {name}: {text!r}: {problem}")
        return "\n".join(lines)


def fuzz(seconds: float, seed: int = 0, pipeline=None, max_examples: int | None = None) -> FuzzResult:
    """Run random texts through ``pipeline`` (the default one) for ``seconds`` (or ``max_examples``)."""
    pipeline = pipeline or default_pipeline(load())
    rng = random.Random(seed)
    result = FuzzResult()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and (max_examples is None or result.examples < max_examples):
        text = random_text(rng)
        if not text.strip():
            continue
        result.examples += 1
        try:
            doc = pipeline(SourceFile("fuzz.txt", text))
        except Exception:  # noqa: BLE001 - a crash is a finding, reported with its text
            result.crashes.append((text, traceback.format_exc().strip().splitlines()[-1]))
            continue
        if problems := document_problems(doc):
            result.violations.append((text, problems[0]))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    result = fuzz(args.seconds, args.seed)
    print(result.summary())
    return 1 if result.crashes or result.violations else 0


if __name__ == "__main__":
    sys.exit(main())
