"""Persian orthography: hazm's normaliser (Arabic «ي»/«ك» to Persian, half-spaces, Persian digits) as the one
spelling every text and every lexicon entry is read in. The normalise stage applies it to documents with
their character map; :func:`normalise_name` applies it to short strings (lexicon entries, names)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def hazm_normalizer():
    import hazm  # imported late: it takes a second and only normalisation needs it

    return hazm.Normalizer()


def normalise_name(text: str) -> str:
    """A short string (a lexicon entry, a name) normalised the same way as document text."""
    return " ".join(hazm_normalizer().normalize(text).split())
