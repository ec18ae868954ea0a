"""Persian morphology and script that the code matches on: affixes, clitics, ordinal endings, the few function
words that glue onto names, compass words, digits of three scripts. Like ``spacy/lang/fa/lex_attrs.py``: kept
in the language package, as Python because most of it is regular expressions compiled once at import; the
phrase lists (heads, titles, roles, month names…) are in ``patterns.toml``.
"""

from __future__ import annotations

import re

ZWNJ = "\u200c"  # the half-space
PERSIAN_BLOCK = ("\u0600", "\u06ff")  # the Arabic block, where Persian letters are
DIGITS = re.compile(r"^[0-9۰-۹٠-٩]+$")  # Latin, Persian and Arabic-Indic
ANY_DIGIT = re.compile(r"[0-9۰-۹٠-٩]")
NUMBER = re.compile(r"^[0-9۰-۹٠-٩.,/٫]+$")  # with decimal and date separators
PERSIAN_LETTERS = re.compile(r"^[\u0600-\u06ff\u200c]+$")
PERSIAN_LETTER = re.compile("[\u0600-\u06ff]")
NON_LATIN_DIGITS = "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩"
# A sentence ends at a full stop, question mark (Latin or Persian «؟») or exclamation mark.
SENTENCE_END_MARKS = ".!?؟"

# Ordinals: «یازدهم», «یازدهمین», «۱۱ام»; «اول»/«نخست» for the first.
ORDINAL_ENDING = re.compile(r"(م|مین|ام|امین|‌ام|‌امین)$")
ORDINAL_SUFFIX = re.compile(r"\u200c?(امین|مین|ام|م)$")
FIRST = {"اول": 1, "نخست": 1, "نخستین": 1, "اولین": 1}
FIRST_WORD = "اول"
FIRST_SYNONYM = re.compile(r"(?<![\w\u200c])(?<!و )(?:یکم|نخست)(?![\w\u200c])")  # «سی و یکم» keeps its «یکم»
THREE, THIRD_STEM = "سه", "سو"  # «سوم» is built on «سو», not «سه»
ORDINAL_STEM_SPELLINGS = {"سو": "سه", "سی‌": "سی"}  # «سی‌ام» is built on «سی‌»
ORDINAL_AFTER_VOWEL, ORDINAL_AFTER_CONSONANT = "‌ام", "م"  # «سی‌ام», «یازدهم»
ORDINAL_THIRD = "سوم"
FINAL_I = "ی"

VERB_PREFIXES = ("می‌", "نمی‌", "بی‌آنکه")  # a word opening with these is a verb, or a clause, never a name
GLUED_PREFIXES = ("و", "از", "به", "در", "با")  # short words often written onto the next one
GLUED_PREPOSITIONS = ("از", "به", "در", "با")

# People's names
FAMILY_ENDINGS = ("ی", "زاده", "پور", "نیا", "فر", "وند", "لو", "یان", "نژاد")
FAMILY_SUFFIX_WORDS = ("زاده", "پور", "نژاد", "نیا", "فر", "وند", "لو")  # written apart: «عبدی نژاد», «عظیم زاده»
LIST_SEPARATORS = {"،", ",", "و", "-", "–"}
NAME_PLURAL = "\u200cها"  # «رضا شهابی‌ها»: the likes of Reza Shahabi
ALLAH_SPELLINGS = ("اله", "الله")  # «یداله» for «یدالله»

# Places
# Written onto a name: the copula, whatever the name ends in («ایتالیاست»، «ایرانست»), and the plural
# possessives. The one-letter possessives («ایرانم»، «ایرانش») are left out: one letter too often makes a
# different word.
CLITICS = ("است", "ست", "مان", "تان", "شان")
EZAFE = "ی"  # taken only after a final vowel («ایتالیای»): after a consonant «ی» makes a demonym («ایرانی»)
FINAL_VOWELS = ("ا", "و")
COMPASS_WORD = re.compile(r"(?:شمال|جنوب)\u200c?(?:شرق|غرب)ی?|شمال|جنوب|شرق|غرب")
COMPASS_FIRST_WORDS = ("شمال", "جنوب")
COMPASS_SECOND_WORD = ("شرق", "غرب", "شرقی", "غربی")  # «شمال شرق»، «جنوب غربی» as two words
PORT_WORD = "بندر"
ADMINISTRATIVE_WORDS = ("استان ", "شهرستان ")
SQUARE_WORD = "میدان"
AND = "و"
JOINED_AND = re.compile(r" و(?=[\u0600-\u06ff])(?!و)(\w)")  # «سیستان وبلوچستان»: «و» run onto the next word
SPACED_AND = r" و \1"
# Endings a place name takes in running text: «ایرانی» (a nationality), «تهرانی‌ها», «آلمان‌»+«ی».
PLACE_ENDINGS = ("ی", "ای", "ها", "های", "یان")  # a half-space before the ending is stripped too

# Names compared across documents (resolution's keys)
KEY_NOISE = re.compile(r"[\s\u200c()«»\"'\-–_.،,:؛]")
KURDISH_INITIAL = re.compile(r"^ئه\u200c")  # «ئه‌نجومه‌ن»: the Kurdish spelling's initial «ئه‌»
KURDISH_SHORT_E = re.compile(r"(?<=\w)ه\u200c(?=\w)")
ALEF = "ا"
