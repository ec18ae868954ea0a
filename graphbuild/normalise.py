"""Normalise stage: source text → :class:`Document` with a character map back to the source file.

Every step maps each character it outputs to a character of its input, so that a mention found in the
normalised text can be given as offsets into the file as it is on disk. hazm's Normalizer does the
orthography (Arabic ي/ك, spacing, half-spaces, digits); it reports no offsets, so its output is aligned
to its input line by line with rapidfuzz's edit operations. Two repairs for PDF-extraction damage follow,
each decided by a lexicon rather than by a list of the damaged words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from graphbuild.document import Document, SourceFile
from graphbuild.resources import Resources
from graphbuild.tokenise import segment

LINE_BREAK = re.compile(r"\r\n|\r|\n")
WORD = re.compile(r"[^\W\d_][\w\u200c]*")  # a run of letters (and half-spaces) that starts with a letter
ANY_DIGIT = "0-9۰-۹٠-٩"


class MappedText:
    """A text plus, for every character, the index of the source character it came from."""

    def __init__(self, text: str, offsets: list[int], source_length: int) -> None:
        assert len(text) == len(offsets)
        self.text = text
        self.offsets = offsets
        self.source_length = source_length

    @classmethod
    def identity(cls, text: str) -> MappedText:
        return cls(text, list(range(len(text))), len(text))

    def final_offsets(self) -> tuple[int, ...]:
        return tuple(self.offsets) + (self.source_length,)


def normalise(source: SourceFile, resources: Resources) -> Document:
    """Normalise one source file. A pure function of the file and the loaded resources."""
    # Numbers first: hazm would put a space between a number and the word it is glued to, hiding the damage.
    mapped, digit_moves = _repair_displaced_numbers(MappedText.identity(source.text), resources)
    mapped = _normalise_lines(mapped)
    mapped, la_repairs = _repair_lost_la(mapped, resources)
    warnings = []
    if la_repairs:
        warnings.append(f"repaired {la_repairs} words that lost the letter pair «لا» (PDF extraction damage)")
    if digit_moves:
        warnings.append(f"moved {digit_moves} numbers displaced from their line's end back to it")
    tokens, sentences = segment(mapped.text)
    return Document(
        source=source,
        text=mapped.text,
        offsets=mapped.final_offsets(),
        tokens=tokens,
        sentences=sentences,
        warnings=tuple(warnings),
    )


@lru_cache(maxsize=1)
def _hazm_normalizer():
    import hazm  # imported late: it takes a second and only this stage needs it

    return hazm.Normalizer()


def _normalise_lines(before: MappedText) -> MappedText:
    """hazm's Normalizer line by line; line breaks become '\\n' and are kept, so lines stay aligned."""
    normalizer = _hazm_normalizer()
    text = before.text
    out: list[str] = []
    offsets: list[int] = []
    position = 0
    for match in [*LINE_BREAK.finditer(text), None]:
        line_end = match.start() if match else len(text)
        line = text[position:line_end]
        if line.strip():
            normalised = normalizer.normalize(line)
            out.append(normalised)
            offsets.extend(before.offsets[position + i] for i in _align(line, normalised))
        if match:
            out.append("\n")
            offsets.append(before.offsets[match.start()])
            position = match.end()
    return MappedText("".join(out), offsets, before.source_length)


def _align(source: str, target: str) -> list[int]:
    """For each character of ``target``, the index of the character of ``source`` it stands for."""
    mapping: list[int] = []
    for op in Levenshtein.opcodes(source, target):
        width = op.dest_end - op.dest_start
        if op.tag in ("equal", "replace") and op.src_end - op.src_start == width:
            mapping.extend(range(op.src_start, op.src_end))
        elif op.tag in ("replace", "insert"):
            # An inserted character (a half-space, a space) stands for the source character it follows.
            anchor_from = op.src_start if op.tag == "replace" else max(op.src_start - 1, 0)
            span = max(op.src_end - op.src_start, 1)
            mapping.extend(
                min(anchor_from + i * span // max(width, 1), max(len(source) - 1, 0)) for i in range(width)
            )
    return mapping


def _rebuild(mapped: MappedText, pieces: list[tuple[str, list[int]]]) -> MappedText:
    text = "".join(piece for piece, _ in pieces)
    offsets = [offset for _, piece_offsets in pieces for offset in piece_offsets]
    return MappedText(text, offsets, mapped.source_length)


def _repair_lost_la(mapped: MappedText, resources: Resources) -> tuple[MappedText, int]:
    """Put back «ا» after «ل» where PDF extraction dropped the ligature «لا» throughout a document.

    Only a document that shows the damage is touched: one where words the lexicon does not know, or knows as
    rare, become common words by restoring «ا», while hardly any «لا» is left in the text.
    """
    text = mapped.text
    repairs = {}
    for match in WORD.finditer(text):
        word = match.group()
        if "ل" in word and word not in repairs:
            fixed = resources.lexicon.restore_lost_la(word)
            if fixed:
                repairs[word] = fixed
    damaged = sum(1 for match in WORD.finditer(text) if match.group() in repairs)
    if damaged < 3 or text.count("لا") > damaged * 0.2:
        return mapped, 0
    pieces: list[tuple[str, list[int]]] = []
    position = 0
    for match in WORD.finditer(text):
        if match.group() not in repairs:
            continue
        pieces.append((text[position : match.start()], mapped.offsets[position : match.start()]))
        fixed = repairs[match.group()]
        pieces.append((fixed, _offsets_after_insertions(match.group(), fixed, mapped.offsets[match.start() : match.end()])))
        position = match.end()
    pieces.append((text[position:], mapped.offsets[position:]))
    return _rebuild(mapped, pieces), damaged


def _offsets_after_insertions(original: str, fixed: str, offsets: list[int]) -> list[int]:
    """Offsets for ``fixed``, which is ``original`` with characters inserted: inserted ones share the previous."""
    result, i = [], 0
    for char in fixed:
        if i < len(original) and char == original[i]:
            result.append(offsets[i])
            i += 1
        else:
            result.append(offsets[max(i - 1, 0)])
    return result


def _repair_displaced_numbers(mapped: MappedText, resources: Resources) -> tuple[MappedText, int]:
    """Move a number glued to the words around it back to its line's end, where the line asks for one.

    Right-to-left PDF extraction often drops a left-to-right number at the wrong end of its line: «۱۹۰۶از
    سازمان ... در سال» for «از سازمان ... در سال ۱۹۰۶». The repair is made only when the number touches a
    letter with no space between (which well-formed Persian never does) and the line ends with a word that
    takes a number after it (سال، a month name…), listed in the lexicon data.
    """
    glued = re.compile(rf"(?<=[^\s\d{ANY_DIGIT}])[{ANY_DIGIT}]+|[{ANY_DIGIT}]+(?=[^\W\d_])")
    pieces: list[tuple[str, list[int]]] = []
    moves = 0
    line_start = 0
    text = mapped.text
    for line in text.split("\n"):  # a '\r' before a '\n' stays at the line's end, where it was
        line_end = line_start + len(line)
        offsets = mapped.offsets[line_start:line_end]
        last_word = (WORD.findall(line) or [""])[-1]
        numbers = list(glued.finditer(line))
        if len(numbers) == 1 and last_word in resources.lexicon.number_expecting_words and not re.search(
            rf"[{ANY_DIGIT}]\s*$", line
        ):
            number = numbers[0]
            kept = line[: number.start()] + line[number.end() :]
            kept_offsets = offsets[: number.start()] + offsets[number.end() :]
            stripped = kept.rstrip()
            tail_offsets = offsets[number.start() : number.end()]
            new_line = f"{stripped} {number.group()}" + kept[len(stripped) :]
            new_offsets = (
                kept_offsets[: len(stripped)]
                + [tail_offsets[0]]
                + tail_offsets
                + kept_offsets[len(stripped) :]
            )
            pieces.append((new_line, new_offsets))
            moves += 1
        else:
            pieces.append((line, offsets))
        if line_end < len(text):
            pieces.append(("\n", [mapped.offsets[line_end]]))
        line_start = line_end + 1
    return _rebuild(mapped, pieces), moves


def normalise_name(text: str) -> str:
    """A short string (a lexicon entry, a name) normalised the same way as document text."""
    return " ".join(_hazm_normalizer().normalize(text).split())
