"""Words as search sees them: accents folded, lower case, stop words dropped, Snowball stems per language.

The same functions serve both databases. PostgreSQL stems documents itself (``to_tsvector`` with the
document's language over ``unaccent``); it uses the same Snowball algorithms and the same stop-word lists
(copied into ``stopwords/`` from PostgreSQL's ``tsearch_data``), so the stems computed here for a query are
the ones PostgreSQL stored. SQLite has no stemmer: its FTS5 table holds the text as these functions stem it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer

LANGUAGES = ("en", "es", "fr")
_SNOWBALL = {"en": "english", "es": "spanish", "fr": "french"}
PG_CONFIG = {"en": "english", "es": "spanish", "fr": "french"}

_WORD = re.compile(r"\w+", re.UNICODE)
# A word shorter than this is never corrected as a misspelling (too little to go on).
MIN_FUZZY_LENGTH = 4


_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower case without accents: "Côte" -> "cote" (what ``unaccent`` + ``lower`` do in PostgreSQL)."""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).lower()


def words(text: str) -> list[str]:
    """Folded words of ``text``, in order (underscores split words, as PostgreSQL's parser does)."""
    return [w for w in _WORD.findall(fold(text).replace("_", " ")) if w]


@cache
def stopwords(language: str) -> frozenset[str]:
    path = Path(__file__).parent / "stopwords" / f"{_SNOWBALL[language]}.stop"
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


@cache
def _stopword_languages() -> dict[str, tuple[str, ...]]:
    """{stop word: the languages it is a stop word of}."""
    return {w: tuple(lang for lang in LANGUAGES if w in stopwords(lang)) for w in _any_stopwords()}


@cache
def _any_stopwords() -> frozenset[str]:
    return frozenset().union(*(stopwords(lang) for lang in LANGUAGES))


def is_query_stopword(word: str) -> bool:
    """A query word that is a stop word in any of the languages is dropped: a document in that language
    never holds it, so keeping it would hide every such document."""
    return word in _any_stopwords()


@cache
def _stemmer(language: str) -> snowballstemmer.Stemmer:
    return snowballstemmer.stemmer(_SNOWBALL[language])


@lru_cache(maxsize=500_000)
def stem(word: str, language: str) -> str:
    """Snowball is pure Python here: words repeat a lot, so each (word, language) is stemmed once."""
    return str(_stemmer(language).stemWord(word))


def index_text(text: str, language: str) -> str:
    """The stems of ``text`` in its language, stop words removed (what SQLite's FTS5 table holds)."""
    stops = stopwords(language)
    return " ".join(stem(w, language) for w in words(text) if w not in stops)


def detect_language(text: str, default: str = "en") -> str:
    """The language whose stop words are most frequent in ``text`` (enough for en/es/fr prose)."""
    counts = dict.fromkeys(LANGUAGES, 0)
    table = _stopword_languages()
    for word in words(text[:2000]):
        for language in table.get(word, ()):
            counts[language] += 1
    best = max(LANGUAGES, key=lambda lang: counts[lang])
    return best if counts[best] > 0 else default


def trigrams(word: str) -> set[str]:
    """pg_trgm's trigrams of one word: padded with two spaces in front and one behind."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a: str, b: str) -> float:
    """pg_trgm's ``similarity``: shared trigrams over all trigrams of the two words."""
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0


def all_stems(word: str) -> set[str]:
    return {stem(word, language) for language in LANGUAGES}


def highlight(text: str, stems: set[str], *, limit: int = 0, around: int = 14) -> str:
    """``text`` HTML-escaped, each word whose stem is in ``stems`` wrapped in ``<mark>``.

    With ``limit``, only a window of about ``2 * around`` words around the first match is kept (an excerpt).
    """
    pieces = re.split(r"(\w+)", text)
    matched = {i for i, piece in enumerate(pieces) if i % 2 == 1 and _matches(piece, stems)}
    start, end = 0, len(pieces)
    if limit and len(text) > limit:
        first = min(matched) if matched else 1
        start = max(0, first - 2 * around)
        end = min(len(pieces), first + 2 * around)
    out = []
    for i in range(start, end):
        piece = html.escape(pieces[i])
        out.append(f"<mark>{piece}</mark>" if i in matched else piece)
    excerpt = "".join(out).strip()
    if start > 0:
        excerpt = "… " + excerpt
    if end < len(pieces):
        excerpt += " …"
    return excerpt


def _matches(word: str, stems: set[str]) -> bool:
    folded = words(word)
    return bool(folded) and any(stem(folded[0], language) in stems for language in LANGUAGES)
