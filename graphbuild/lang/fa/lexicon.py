"""Word-level knowledge of Persian: hazm's word list and stopwords with the rules that read them (stems under
the common suffixes, the older «ائی» spelling, the lost «لا» of PDF extraction, one-letter typos)."""

from __future__ import annotations

from dataclasses import dataclass

LA_RESTORE_RATIO = 10  # restoring «ا» must make the word this many times more frequent in hazm's corpus
SUFFIXES = ("", "ی", "ها", "های", "هایی", "ای", "ات", "ان", "ین", "مان", "تان", "شان")


@dataclass(frozen=True)
class Lexicon:
    """Word-level knowledge from hazm's bundled word list and stopwords, plus the project's own lists."""

    frequencies: dict[str, int]
    stopwords: frozenset[str]
    number_expecting_words: frozenset[str]
    verbs: frozenset[str] = frozenset()  # inflected verb forms, from hazm's lemmatiser tables

    def frequency(self, word: str) -> int:
        return self.frequencies.get(word, 0)

    def is_known(self, word: str) -> bool:
        """Whether hazm's word list holds the word or its stem («طبقه‌ی» → «طبقه», «شبکه‌های» → «شبکه»)."""
        if word in self.frequencies:
            return True
        if "ئی" in word and self.is_known(word.replace("ائی", "ایی").replace("ئی", "یی")):
            return True  # the older spelling: «فردگرائی», «اروپائی» for «فردگرایی», «اروپایی»
        if word.endswith("گان") and word[:-3] + "ه" in self.frequencies:  # «نمایندگان» → «نماینده»
            return True
        return any(
            word.endswith(suffix) and word[: -len(suffix)].rstrip("\u200c") in self.frequencies
            for suffix in SUFFIXES[1:]
        )

    def restore_lost_la(self, word: str) -> str | None:
        """The word with «ا» put back after one «ل», if that makes a far more common word; else None."""
        best, best_frequency = None, 0
        for i, char in enumerate(word):
            if char != "ل" or word[i + 1 : i + 2] == "ا":
                continue
            candidate = word[: i + 1] + "ا" + word[i + 1 :]
            # The «ا» put back must belong to the stem that vouches for it: «بین‌المللای» is «بین‌الملل» + «ای»
            # by its frequency, which says nothing for the «ا».
            frequency = self._stem_frequency(candidate, covering=i + 2)
            if frequency > best_frequency:
                best, best_frequency = candidate, frequency
        if best and best_frequency > LA_RESTORE_RATIO * max(self._stem_frequency(word), 1) and best_frequency > 1000:
            return best
        return None

    def misspelt_common_word(self, word: str, min_frequency: int) -> bool:
        """Whether one extra letter or two swapped letters turn a common word into ``word`` («موفقعیت»).

        Only a handful of candidates per word, looked up in the frequency table: cheaper than a fuzzy search
        over the whole word list, and an edit this small is the only one that is safe to call a typo.
        """
        deletions = (word[:i] + word[i + 1 :] for i in range(len(word)))
        swaps = (word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1))
        return any(self.frequency(candidate) >= min_frequency for candidate in (*deletions, *swaps)
                   if candidate != word)

    def _stem_frequency(self, word: str, covering: int = 0) -> int:
        """Frequency of the word, or of its stem once a common suffix is taken off; only stems at least
        ``covering`` characters long count."""
        for suffix in SUFFIXES:
            stem = word[: len(word) - len(suffix)].rstrip("\u200c") if suffix else word
            if (suffix and not word.endswith(suffix)) or len(stem) < covering:
                continue
            if self.frequencies.get(stem, 0) > 0:
                return self.frequencies[stem]
        return 0
