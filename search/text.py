"""Chinese full-text search without a word segmenter: text is indexed as overlapping character bigrams.

精准服务台企月 → 精准 准服 服务 务台 台企 企月. Any word of two or more characters is then a phrase of
adjacent bigrams, so 台企 and 两岸 are found wherever they occur, which neither PostgreSQL's parsers
nor pg_trgm (three characters minimum) can do. Both the text and the query are normalised to simplified
characters, half-width forms and lower case first, so 臺灣 finds 台湾.

The vector and the query are built here as PostgreSQL literals (`'台企':5A`), so nothing depends on the
database's text-search parser or locale.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.html import strip_tags
from html import unescape

from editions.convert import to_simplified

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_TOKEN_RUN = re.compile(f"[{_CJK}]+|[0-9a-z]+")
_CJK_RUN = re.compile(f"[{_CJK}]+")
MAX_POSITION = 16383  # PostgreSQL's limit; later positions are clamped there by PostgreSQL too.
MAX_POSITIONS_PER_LEXEME = 256  # ditto: more than this are not stored


def normalize(text):
    """Simplified characters, NFKC (full-width letters and digits to half-width), lower case."""
    return unicodedata.normalize("NFKC", to_simplified(text or "")).lower()


def html_to_text(html):
    return unescape(strip_tags((html or "").replace("</p>", "</p>\n")))


def runs(text):
    """The searchable runs of normalised text: CJK runs and ASCII words, in order."""
    return _TOKEN_RUN.findall(normalize(text))


def run_lexemes(run):
    if _CJK_RUN.fullmatch(run):
        if len(run) == 1:
            return [run]
        return [run[i : i + 2] for i in range(len(run) - 1)]
    return [run]


def _quote(lexeme):
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def document_vector(fields):
    """A tsvector literal for [(text, weight letter)], e.g. [(title, "A"), (summary, "B"), (body, "D")]."""
    positions = {}
    position = 0
    for text, weight in fields:
        for run in runs(text):
            for lexeme in run_lexemes(run):
                position += 1
                entry = positions.setdefault(lexeme, [])
                if len(entry) < MAX_POSITIONS_PER_LEXEME:
                    entry.append(f"{min(position, MAX_POSITION)}{'' if weight == 'D' else weight}")
            position += 1  # runs are not adjacent: a phrase never spans punctuation
        position += 10
    return " ".join(f"{_quote(lexeme)}:{','.join(entry)}" for lexeme, entry in positions.items())


@dataclass(frozen=True)
class Query:
    """A reader's query, ready for PostgreSQL.

    `exact` matches every term as written (a phrase of adjacent bigrams). `loose` also accepts a long
    Chinese term whose two-character parts occur apart (精准 … 服务 for 精准服务); results matching
    `exact` rank first.
    """

    terms: tuple
    exact: str
    loose: str


MAX_QUERY_LENGTH = 200


def parse_query(q):
    """Query for the text a reader typed, or None when it holds nothing searchable (punctuation,
    single Chinese characters only)."""
    exact_parts, loose_parts, terms = [], [], []
    for run in runs(q[:MAX_QUERY_LENGTH]):
        cjk = bool(_CJK_RUN.fullmatch(run))
        if cjk and len(run) == 1:
            continue  # one character is not indexed on its own inside longer text
        if run in terms:
            continue
        terms.append(run)
        lexemes = run_lexemes(run)
        phrase = " <-> ".join(_quote(lexeme) for lexeme in lexemes)
        exact_parts.append(f"({phrase})")
        if cjk and len(run) >= 4:
            words = [run[i : i + 2] for i in range(0, len(run) - 1, 2)]
            if len(run) % 2:
                words.append(run[-2:])
            loose_parts.append(f"(({phrase}) | ({' & '.join(_quote(w) for w in words)}))")
        else:
            loose_parts.append(f"({phrase})")
    if not terms:
        return None
    return Query(terms=tuple(terms), exact=" & ".join(exact_parts), loose=" & ".join(loose_parts))


def highlight(text, terms, width=80):
    """A plain-text snippet of `text` around the first match, as [(piece, is_match)] for the template.

    Matching is done on a normalised copy of the same length, so the snippet shows the original
    characters and punctuation while 臺灣 in the query still marks 台湾 in the text."""
    text = " ".join(text.split())
    folded = _fold(text)
    spans = []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            spans.append((start, start + len(term)))
            start = folded.find(term, start + len(term))
    if not spans:
        return [(text[:width] + ("…" if len(text) > width else ""), False)]
    spans.sort()
    first = spans[0][0]
    begin = max(0, first - width // 4)
    end = min(len(text), begin + width)
    pieces = [("…", False)] if begin > 0 else []
    cursor = begin
    for start, stop in spans:
        if start < cursor or start >= end:
            continue
        if start > cursor:
            pieces.append((text[cursor:start], False))
        pieces.append((text[start:min(stop, end)], True))
        cursor = min(stop, end)
    if cursor < end:
        pieces.append((text[cursor:end], False))
    if end < len(text):
        pieces.append(("…", False))
    return pieces


class _FoldTable(dict):
    """str.translate table: each character's NFKC lower-case form, or itself where that is not one
    character. Filled on first sight of a character, so a page's snippets cost one C-level pass each
    instead of a normalize() call per character (about 2 ms of every results page)."""

    def __missing__(self, char_code):
        char = chr(char_code)
        folded = unicodedata.normalize("NFKC", char).lower()
        self[char_code] = folded = folded if len(folded) == 1 else char
        return folded


_FOLD_TABLE = _FoldTable()


def _fold(text):
    """normalize(), but one character in, one character out, so offsets line up with the original."""
    simplified = to_simplified(text)
    if len(simplified) != len(text):
        simplified = "".join(to_simplified(c) if len(to_simplified(c)) == 1 else c for c in text)
    return simplified.translate(_FOLD_TABLE)
