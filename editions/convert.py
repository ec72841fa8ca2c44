"""Simplified → traditional (Taiwan standard) conversion at phrase level, with OpenCC.

OpenCC segments text by longest phrase match, which is right almost everywhere but picks the wrong
phrase at a few boundaries our desk meets every day: 服务台企月 reads as 服务台 ("service counter") +
企月 and becomes 服務檯企月. Protected terms fix that: before OpenCC sees the text, each protected
term (the house phrases below, then the desk's glossary, which wins) is swapped for a private-use
placeholder character, so OpenCC segments around it; the placeholder is then replaced by the term's
traditional form. Longer terms win over shorter ones, leftmost first.
"""

import hashlib
import re
from functools import lru_cache

import opencc

# Phrases where OpenCC's Taiwan tables give the wrong character for our text, or a form that differs
# from the desk's traditional style. Each says why; the desk glossary can override any of them.
HOUSE_PHRASES = {
    # 台 in cross-strait vocabulary is 臺 in Taiwan-standard text. Protecting the compounds keeps
    # OpenCC from reading 服务台/柜台/一台 across them (服务台企月 → 服務檯企月).
    "台企": "臺企",
    "台资": "臺資",
    "台胞": "臺胞",
    "台商": "臺商",
    "台青": "臺青",
    "台办": "臺辦",
    "台湾": "臺灣",
    "台海": "臺海",
    "台属": "臺屬",
    "惠台": "惠臺",
    "涉台": "涉臺",
    "对台": "對臺",
    "赴台": "赴臺",
    "来台": "來臺",
    "在台": "在臺",
    "两岸": "兩岸",
    # OpenCC reads 了解 as 瞭解 everywhere, which also splits 制定了/解决方案 into 制定瞭解決方案;
    # 了解 is the main form in Taiwan's Ministry of Education dictionary.
    "了解": "了解",
    # OpenCC joins 并为 ("merge into", 併為); in news copy it is almost always 并 = 並 ("and also").
    "并为": "並為",
    "合并为": "合併為",
    "兼并为": "兼併為",
    "吞并为": "吞併為",
    # Forms Taiwan's official writing uses and OpenCC replaces with their variants (儘快, 覆函).
    "尽快": "盡快",
    "尽早": "盡早",
    "复函": "復函",
}

PLACEHOLDER_BASE = 0xF0000  # Supplementary Private Use Area-A: never in real copy, passed through by OpenCC.
SEPARATOR = "\U0010fffd"  # joins many text runs into one OpenCC call; no phrase contains it.


@lru_cache(maxsize=None)
def opencc_converter(config):
    return opencc.OpenCC(config)


def to_simplified(text):
    return opencc_converter("t2s").convert(text)


class Converter:
    """Converts simplified text to traditional. `terms` maps simplified → traditional and is protected."""

    def __init__(self, terms, regional_vocabulary=False):
        self.terms = dict(terms)
        self.regional_vocabulary = regional_vocabulary
        # Longest first, so 合并为 wins over 并为; ties broken alphabetically for a stable fingerprint.
        self._ordered = sorted(self.terms, key=lambda t: (-len(t), t))
        if len(self._ordered) > 0xFFFD:
            raise ValueError("too many protected terms")
        self._index = {term: i for i, term in enumerate(self._ordered)}
        self._pattern = re.compile("|".join(re.escape(t) for t in self._ordered)) if self._ordered else None
        self.fingerprint = hashlib.sha256(
            repr(([(t, self.terms[t]) for t in self._ordered], self.config, opencc.__version__)).encode()
        ).hexdigest()[:16]

    @classmethod
    def build(cls, glossary=(), regional_vocabulary=False):
        """House phrases overlaid with the desk glossary's (simplified, traditional) pairs."""
        terms = dict(HOUSE_PHRASES)
        terms.update({simplified: traditional for simplified, traditional in glossary if simplified})
        return cls(terms, regional_vocabulary=regional_vocabulary)

    @property
    def config(self):
        # s2tw: Taiwan characters only. s2twp also swaps vocabulary (软件 → 軟體), which rewrites quoted
        # official titles, so it is the desk's choice, off by default.
        return "s2twp" if self.regional_vocabulary else "s2tw"

    def convert(self, text):
        if not text:
            return text
        if self._pattern is not None:
            text = self._pattern.sub(lambda m: chr(PLACEHOLDER_BASE + self._index[m.group(0)]), text)
        converted = opencc_converter(self.config).convert(text)
        return _PLACEHOLDERS.sub(lambda m: self.terms[self._ordered[ord(m.group(0)) - PLACEHOLDER_BASE]], converted)

    def convert_many(self, texts):
        """Convert many short runs (a page's text nodes) in one OpenCC call."""
        texts = list(texts)
        if not texts:
            return []
        parts = self.convert(SEPARATOR.join(texts)).split(SEPARATOR)
        if len(parts) != len(texts):  # a run contained the separator itself: convert one by one
            parts = [self.convert(t) for t in texts]
        return parts


_PLACEHOLDERS = re.compile(f"[{chr(PLACEHOLDER_BASE)}-{chr(PLACEHOLDER_BASE + 0xFFFD)}]")

