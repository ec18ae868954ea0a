"""Normalise stage: source text → :class:`Document` with a character map back to the source file.

Every step maps each character it outputs to a character of its input, so that a mention found in the
normalised text can be given as offsets into the file as it is on disk. hazm's Normalizer does the
orthography (Arabic ي/ك, spacing, half-spaces, digits); it reports no offsets, so its output is aligned
to its input line by line with rapidfuzz's edit operations.

Text copied out of right-to-left PDFs comes with damage, repaired here only in documents that show it: lines
whose runs came out in visual order and hard-wrapped lines (before hazm), and words that lost the ligature «لا»
(after it, decided by a lexicon rather than by a list of the damaged words).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

import regex  # matches Unicode bidirectional classes (\p{bc=…}), which the standard re cannot
from rapidfuzz.distance import Indel

from graphbuild.document import Document, SourceFile
from graphbuild.lang.fa.orthography import hazm_normalizer
from graphbuild.tokenise import segment

if TYPE_CHECKING:
    from graphbuild.resources import Resources

LINE_BREAK = re.compile(r"\r\n|\r|\n")
WORD = re.compile(r"[^\W\d_][\w\u200c]*")  # a run of letters (and half-spaces) that starts with a letter


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
    # Visual order first: hazm would put a space between a number and the word it is glued to, hiding the
    # damage; then the joins, so that hazm sees a wrapped sentence whole («ورطه⏎ ی» → «ورطه‌ی»).
    mapped, reordered = _repair_visual_order(MappedText.identity(source.text), resources)
    mapped, joined = _join_hard_wrapped_lines(mapped, resources)
    mapped = _normalise_lines(mapped)
    mapped, la_repairs = _repair_lost_la(mapped, resources)
    warnings = []
    if la_repairs:
        warnings.append(f"repaired {la_repairs} words that lost the letter pair «لا» (PDF extraction damage)")
    if reordered:
        warnings.append(
            f"put back in reading order {reordered} lines extracted in visual order (PDF extraction damage)"
        )
    if joined:
        warnings.append(f"joined {joined} hard-wrapped lines to the line they run on into (PDF extraction)")
    tokens, sentences = segment(mapped.text)
    return Document(
        source=source,
        text=mapped.text,
        offsets=mapped.final_offsets(),
        tokens=tokens,
        sentences=sentences,
        warnings=tuple(warnings),
    )


def _normalise_lines(before: MappedText) -> MappedText:
    """hazm's Normalizer line by line; line breaks become '\\n' and are kept, so lines stay aligned."""
    normalizer = hazm_normalizer()
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
    """For each character of ``target`` (hazm's output for ``source``), the index of the source character it
    stands for.

    Both sides are folded first (:func:`_folded`: hazm's own character tables and Unicode compatibility forms,
    so «ي» and «ی», «1» and «۱», «ﻻ» and «لا», a space and a half-space are the same), then matched by their
    longest common subsequence, which pairs only characters that are equal once folded: an edit distance would
    rather pair a dropped space with a digit («اعتصاب   1998» → «اعتصاب ۱۹۹۸» read «اعتصاب   19»). What the
    matcher leaves unpaired is spread over the source characters it replaced (:func:`_align_folded`).
    """
    folded_source, source_owner = _folded(source)
    folded_target, target_owner = _folded(target)
    expanded = _align_folded(folded_source, folded_target)
    mapping = [0] * len(target)
    for position in reversed(range(len(expanded))):  # a character's first folded piece decides
        mapping[target_owner[position]] = source_owner[expanded[position]] if source_owner else 0
    return mapping


def _align_folded(source: str, target: str) -> list[int]:
    """For each character of folded ``target``, an index into folded ``source``.

    Letters, digits and marks are matched first, on their own: white space is what hazm moves (it drops
    spaces, adds one between a letter and a digit, takes the one before a bracket), and a matcher that counts
    a space as good as a letter pairs the wrong ones when both are a match. Each space of the target then
    stands for a space of the source between the characters around it, or for the character before it.
    """
    solid_source = [i for i, char in enumerate(source) if not char.isspace()]
    solid_target = [i for i, char in enumerate(target) if not char.isspace()]
    solid_text = "".join(source[i] for i in solid_source)
    mapping: list[int | None] = [None] * len(target)
    for src_start, src_end, dest_start, dest_end, equal in _blocks(solid_text, "".join(target[i] for i in solid_target)):
        if equal:
            picked = range(src_start, src_end)
        elif src_end > src_start:
            width = dest_end - dest_start
            picked = [src_start + i * (src_end - src_start) // width for i in range(width)]
        else:
            picked = [max(src_start - 1, 0)] * (dest_end - dest_start)
        for dest, src in zip(solid_target[dest_start:dest_end], picked, strict=True):
            mapping[dest] = solid_source[src] if solid_source else 0
    previous = -1  # the source index of the last character mapped
    for index, char in enumerate(target):
        if mapping[index] is None:
            following = next((m for m in mapping[index + 1 :] if m is not None), len(source))
            space = next((i for i in range(previous + 1, following) if source[i].isspace()), None)
            mapping[index] = space if space is not None else min(max(previous, 0), max(len(source) - 1, 0))
        previous = max(previous, mapping[index])
    return mapping  # type: ignore[return-value]


def _folded(text: str) -> tuple[str, list[int]]:
    """``text`` folded character by character, and for each folded character the index it came from."""
    pieces = [alignment_fold(unicodedata.normalize("NFKD", alignment_fold(char))) or char for char in text]
    owner = [index for index, piece in enumerate(pieces) for _ in piece]
    return "".join(pieces), owner


def _blocks(source: str, target: str) -> list[tuple[int, int, int, int, bool]]:
    """The longest-common-subsequence alignment as (src_start, src_end, dest_start, dest_end, equal) blocks,
    with each run of adjacent deletions and insertions merged into one unequal block."""
    blocks: list[tuple[int, int, int, int, bool]] = []
    for op in Indel.opcodes(source, target):
        equal = op.tag == "equal"
        if blocks and not equal and not blocks[-1][4]:
            src_start, _, dest_start, _, _ = blocks[-1]
            blocks[-1] = (src_start, op.src_end, dest_start, op.dest_end, False)
        else:
            blocks.append((op.src_start, op.src_end, op.dest_start, op.dest_end, equal))
    return blocks


@lru_cache(maxsize=1)
def _alignment_table() -> dict[int, str]:
    normalizer = hazm_normalizer()
    table = str.maketrans(normalizer.translation_src, normalizer.translation_dst)
    table.update(str.maketrans(normalizer.number_translation_src, normalizer.number_translation_dst))
    # What hazm's later steps rewrite one for one: quotation marks to «», a decimal point to «٫», a space to a
    # half-space (and back), a tab or a run of spaces to one space.
    table.update(str.maketrans({"«": '"', "»": '"', "٫": ".", "\u200c": " ", "\t": " ", "\u00a0": " "}))
    return table


def alignment_fold(text: str) -> str:
    """``text`` with each character replaced by the one hazm would make of it on its own (same length)."""
    folded = text.translate(_alignment_table())
    assert len(folded) == len(text)
    return folded


# Characters hazm deletes (diacritics, superscripts, the kashida) and marks that carry no letter (half-spaces,
# bidirectional controls): a selector's text and the normalised text are compared without them.
_IGNORED_CATEGORIES = {"Mn", "Me", "Cf", "Cc", "Zs", "Zl", "Zp"}
_LA_ROUND = re.compile("لا")
_REPEATS = re.compile(r"(.)\1+")


def comparable(text: str) -> str:
    """A key under which a stretch of the source file and the normalised text standing for it are equal.

    Characters are folded as hazm folds them (with compatibility forms and ligatures decomposed: «ﻻ», «…»),
    whitespace, half-spaces, marks and the kashida are dropped; «لا» counts as «ل» (the repair that puts back a
    lost «ا») and a repeated character as one (hazm shortens «سلاممم»).
    """
    folded = alignment_fold(unicodedata.normalize("NFKD", alignment_fold(text)))
    kept = "".join(c for c in folded if c != "ـ" and unicodedata.category(c) not in _IGNORED_CATEGORIES)
    return _REPEATS.sub(r"\1", _LA_ROUND.sub("ل", kept))


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


# --- Lines extracted in visual order -------------------------------------------------------------------
#
# The PDF extractor emitted each line's runs in visual order, left to right, each run in its own logical order:
# «، تا۱۹۷۱ در سال Bretton Woodsپایان سیستم برتون وودز» for «پایان سیستم برتون وودز Bretton Woods در سال ۱۹۷۱،
# تا». Undoing that is reversing the order of the runs. python-bidi only goes the other way (logical → visual,
# whole characters reversed), so the runs are found here with the bidirectional classes the Unicode algorithm
# uses: a left-to-right run is a number, or a Latin phrase with the numbers after it (rule W7 makes those
# left-to-right too); everything between is right-to-left text with its neutrals.
_DIGIT = r"[\p{bc=EN}\p{bc=AN}]"
# Letters and digits only: a left-to-right mark (U+200E, class L too) is no run.
_LTR_CHAR = r"[[\p{bc=L}\p{bc=EN}\p{bc=AN}]&&[\p{L}\p{N}]]"
# A word of left-to-right letters and digits («WC1N»، «۱۹۷۱»، «۱۳۹۱/۰۲/۱۱»، «۲۰٪»): a separator stays inside
# only between digits (rule W4), a percent or currency sign beside them (W5).
_SEPARATOR_IN_NUMBER = rf"(?<={_DIGIT})[\p{{bc=CS}}\p{{bc=ES}}٫٬](?={_DIGIT})"
LTR_WORD = regex.compile(
    rf"\p{{bc=ET}}*{_LTR_CHAR}(?:{_LTR_CHAR}|\p{{bc=NSM}}|{_SEPARATOR_IN_NUMBER})*\p{{bc=ET}}*", regex.V1
)
LATIN_LETTER = regex.compile(r"[\p{bc=L}&&\p{L}]", regex.V1)
# What may stand between two words of one Latin phrase: spaces and punctuation, no letter of either direction.
PHRASE_GAP = regex.compile(r"[\p{bc=WS}\p{bc=CS}\p{bc=ES}\p{bc=ET}\p{bc=ON}]*")
RTL_LETTER = regex.compile(r"[[\p{bc=AL}\p{bc=R}]&&\p{L}]", regex.V1)
# Suffixes that well-formed Persian glues to a number: ordinals «۱۱مین»، «۲۰ام»، «۳م» and the plural «۱۳۶۰ها».
NUMBER_SUFFIX = regex.compile(r"(?:ا?م(?:ین)?|ها)(?![[\p{bc=AL}\p{bc=R}]&&\p{L}])", regex.V1)
# A line that begins with closing punctuation and goes on: its opening half was at the other end of the line.
LEADING_CLOSER = regex.compile(r"^\s*[)،]\s*(?=.*[\p{L}\p{N}])")
ENDS_WITH_NUMBER = regex.compile(rf"{_DIGIT}\s*$")
MIN_DAMAGED_LINES = 3  # a document is repaired only when this many lines show the damage, not for one typo


def _repair_visual_order(mapped: MappedText, resources: Resources) -> tuple[MappedText, int]:
    """Put back in reading order the lines of a document whose runs were extracted in visual order.

    A line shows the damage when a left-to-right run runs into a right-to-left letter with no space between
    (well-formed Persian never does this, but for the suffixes above) or when it begins with closing
    punctuation. A run glued to the word *before* it is no sign: people type «بهمن57»، «زیر16 سال»، «اکتبر2016»
    (three lines of the council's statement, a clean document), while every damaged line of the leaflet has a
    run glued to the word after it, or begins with «)» or «،». Only a document with the damage on several
    lines is repaired, and only on those lines; a line that also ends with a word taking a number after it
    («در سال»، a month) shows it beyond doubt and is repaired in any document.
    """
    text = mapped.text
    lines = []
    line_start = 0
    for line in text.split("\n"):  # a '\r' before a '\n' stays at the line's end, where it was
        runs = _ltr_runs(line)  # found once: both the diagnosis and the repair read them
        lines.append((line, line_start, runs, _visual_order_symptoms(line, runs, resources)))
        line_start += len(line) + 1
    damaged_document = sum(1 for *_, (shown, _) in lines if shown) >= MIN_DAMAGED_LINES
    pieces: list[tuple[str, list[int]]] = []
    repaired = 0
    for line, line_start, runs, (shown, self_evident) in lines:
        line_end = line_start + len(line)
        offsets = mapped.offsets[line_start:line_end]
        if self_evident or (shown and damaged_document):
            fixed, offsets = _reverse_runs(line, offsets, runs)
            repaired += fixed != line
            line = fixed
        pieces.append((line, offsets))
        if line_end < len(text):
            pieces.append(("\n", [mapped.offsets[line_end]]))
    return _rebuild(mapped, pieces), repaired


def _visual_order_symptoms(line: str, runs: list[tuple[int, int]], resources: Resources) -> tuple[bool, bool]:
    """Whether the line shows visual-order damage, and whether it shows it beyond doubt on its own; ``runs``
    are the line's left-to-right runs (:func:`_ltr_runs`)."""
    glued = [run for run in runs if _runs_into_letter(line, *run)]
    shown = bool(glued) or bool(LEADING_CLOSER.match(line))
    last_word = (WORD.findall(line) or [""])[-1]
    self_evident = (
        len(glued) == 1
        and not LATIN_LETTER.search(line, glued[0][0], glued[0][1])
        and last_word in resources.lexicon.number_expecting_words
        and not ENDS_WITH_NUMBER.search(line)
    )
    return shown, self_evident


def _ltr_runs(line: str) -> list[tuple[int, int]]:
    """The (start, end) of every left-to-right run of the line: a number, or a Latin phrase and what follows it."""
    runs: list[tuple[int, int]] = []
    latin = False  # whether the last run holds a Latin letter, so that a number after it belongs to it
    for word in LTR_WORD.finditer(line):
        if runs and latin and PHRASE_GAP.fullmatch(line, runs[-1][1], word.start()):
            runs[-1] = (runs[-1][0], word.end())
        else:
            runs.append(word.span())
            latin = bool(LATIN_LETTER.search(word.group()))
    return runs


def _runs_into_letter(line: str, start: int, end: int) -> bool:
    """Whether the run is followed by a right-to-left letter with no space, but for a number's suffix («۱۱مین»)."""
    if end == len(line) or not RTL_LETTER.match(line, end):
        return False
    is_number = not LATIN_LETTER.search(line, start, end)
    return not (is_number and NUMBER_SUFFIX.match(line, end))


def _reverse_runs(line: str, offsets: list[int], runs: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """The line with its runs (:func:`_ltr_runs`) in reverse order; the spaces at its two ends stay where they are.

    Where two runs come to touch letter to letter («سال» + «۱۹۷۱») a space goes between them, mapped to the
    first character after it; a number and a bracket or comma are left touching: «(ژوئن ۱۹۲۰)،».
    """
    core_start = len(line) - len(line.lstrip())
    core_end = len(line.rstrip())
    if core_start >= core_end:
        return line, offsets
    cuts = sorted({core_start, core_end, *(edge for run in runs for edge in run)})
    chars, new_offsets = [line[:core_start]], offsets[:core_start]
    previous = ""
    for start, end in reversed(list(pairwise(cuts))):
        if previous.isalnum() and line[start].isalnum():
            chars.append(" ")
            new_offsets.append(offsets[start])
        chars.append(line[start:end])
        new_offsets.extend(offsets[start:end])
        previous = line[end - 1]
    chars.append(line[core_end:])
    new_offsets.extend(offsets[core_end:])
    return "".join(chars), new_offsets


# --- Hard-wrapped lines ---------------------------------------------------------------------------------
#
# A PDF's text often comes with every printed line a line of the file, so a name breaks across lines and the
# sentence splitter (a line break ends a sentence) cuts it. In a document that is wrapped so, a line that runs
# to the margin and does not end a sentence is joined to the next: the break and blank lines become one space.
SENTENCE_FINAL = regex.compile(r"[.!?؟:…][\"'»”)\]]*\s*$")
LETTER = regex.compile(r"\p{L}")
# A numbered or bulleted list item begins a line of its own; a dash alone does not tell one from a
# parenthetical dash carried over from the line before («... شرایط کاری⏎ - هنوز در راه اند»).
LIST_ITEM = regex.compile(r"(?:\p{N}+\s*[.)\-–]|[•●▪◦*]\s)")
NON_EMPTY_LINE = regex.compile(r"(?<=^|\n)[^\S\n]*\K\S(?:[^\n]*\S)?", regex.V1)
WIDTH_WINDOW = 5  # the margin is judged from this many lines of text on each side (pages differ in width)
FULL_WIDTH = 0.7  # a line this long against its neighbours' width ran to the margin
# A document is hard-wrapped when at least this share of its lines of text ran to the margin without ending
# a sentence (measured: 0.80 in the wrapped leaflet, at most 0.26 in the sources whose lines are paragraphs)
WRAPPED_SHARE = 0.5
# and its lines are typically at least this wide (55 characters in the leaflet): a list of names or slogans
# is lines of similar width with no full stops too, but shorter.
MIN_WRAPPED_WIDTH = 40
MIN_WRAPPED_LINES = 8


def _join_hard_wrapped_lines(mapped: MappedText, resources: Resources) -> tuple[MappedText, int]:
    """In a hard-wrapped document, join each line that ran to the margin mid-sentence to the next line of text.

    Not into a list item, nor into a short line that ends no sentence after a line that ends with a verb: that
    is a signature or a heading under a finished sentence whose full stop is missing («… به صفحه اینترنتی ما
    رجوع کنید⏎ گرایش کمونیست انترناسیونالیستی»), where a wrapped sentence's short last line would follow a line
    that breaks off before its verb.
    """
    text = mapped.text
    # Each non-empty line as the span of its text without the spaces at its ends.
    lines = [match.span() for match in NON_EMPTY_LINE.finditer(text)]
    text_lines = {index for index, (start, end) in enumerate(lines) if LETTER.search(text, start, end)}
    widths = [len(" ".join(text[start:end].split())) for start, end in lines]
    pieces: list[tuple[str, list[int]]] = []
    position = 0
    joins = 0
    running_on = _lines_running_on(text, lines, sorted(text_lines), widths)
    for index in sorted(running_on):
        following = index + 1
        if following not in text_lines or LIST_ITEM.match(text, lines[following][0]):
            continue
        last_word = (WORD.findall(text, *lines[index]) or [""])[-1]
        stands_alone = following not in running_on and not SENTENCE_FINAL.search(text, *lines[following])
        if stands_alone and last_word in resources.lexicon.verbs:
            continue
        gap_start, gap_end = lines[index][1], lines[following][0]
        line_break = LINE_BREAK.search(text, gap_start, gap_end)  # the space stands for it
        pieces.append((text[position:gap_start], mapped.offsets[position:gap_start]))
        pieces.append((" ", [mapped.offsets[line_break.start()]]))
        position = gap_end
        joins += 1
    pieces.append((text[position:], mapped.offsets[position:]))
    return _rebuild(mapped, pieces), joins


def _lines_running_on(
    text: str, lines: list[tuple[int, int]], text_lines: list[int], widths: list[int]
) -> set[int]:
    """The lines (indices into ``lines``) that ran to the margin mid-sentence, if the document is hard-wrapped."""
    if len(text_lines) < MIN_WRAPPED_LINES:
        return set()
    text_widths = [widths[index] for index in text_lines]
    running_on = set()
    for position, index in enumerate(text_lines):
        neighbours = sorted(text_widths[max(position - WIDTH_WINDOW, 0) : position + WIDTH_WINDOW + 1])
        margin = neighbours[-2] if len(neighbours) > 1 else neighbours[-1]  # one overlong line is not the margin
        start, end = lines[index]
        if widths[index] >= FULL_WIDTH * margin and not SENTENCE_FINAL.search(text, start, end):
            running_on.add(index)
    typical_width = sorted(text_widths)[len(text_widths) // 2]
    if len(running_on) < WRAPPED_SHARE * len(text_lines) or typical_width < MIN_WRAPPED_WIDTH:
        return set()
    return running_on
