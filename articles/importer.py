"""Reading captured pages of older sites (text or HTML) into articles. Pure functions; the command
`manage.py import_pages` does the writing.

A capture looks like tests/fixtures/sample-article.txt: some leftover markup, the title, a meta line
(时间 … 来源 …), the body paragraphs, an 编辑 line, then the old site's navigation. The edition it
comes from may be traditional and may have leaked pinyin readings (`臺(tái)`); both are undone here.
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from html.parser import HTMLParser

from django.utils import timezone

from editions.convert import to_simplified

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
# A pinyin syllable in parentheses right after a Chinese character: 臺(tái), 灣(wān), 的(de).
PINYIN_READING = re.compile(
    rf"(?<=[{_CJK}])[((](?:[bcdfghjklmnpqrstwxyz]{{0,2}}[aeiouv{_TONED}]{{1,3}}(?:ng|n|r)?)[))]"
)
_BLANK = " \t\u3000\xa0\u200b\ufeff"
_FIELD_SPLIT = re.compile(r"\s*[|｜]\s*|[ \t\u3000\xa0]{2,}")
_LABELLED = re.compile(r"^(发布时间|时间|日期|发布日期|来源|稿源|责任编辑|编辑|责编|栏目|频道)\s*[::]\s*(.*)$")
_DATETIME = re.compile(
    r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?$"
)
_BREADCRUMB = re.compile(r"^(?:当前位置\s*[::]\s*)?首页\s*[>›»/]\s*(.+)$")
# Where the article ends and the old site's blocks begin.
_END_MARKERS = ("相关新闻", "相关阅读", "相关链接", "【打印】", "【关闭】", "【关闭窗口】", "打印本页", "关闭窗口")
_FIELD_NAMES = {"发布时间": "time", "时间": "time", "日期": "time", "发布日期": "time", "来源": "source",
                "稿源": "source", "责任编辑": "editor", "编辑": "editor", "责编": "editor", "栏目": "section",
                "频道": "section"}


class ParseError(ValueError):
    """The capture cannot become an article; the message says why, for the import report."""


@dataclass
class ParsedPage:
    title: str
    published_at: datetime
    paragraphs: list
    source_name: str = ""
    editor_name: str = ""
    section_name: str = ""

    @property
    def import_key(self):
        """Stable across re-captures of the same page: its title and publication time."""
        basis = f"{self.title}|{self.published_at.isoformat()}"
        return hashlib.sha256(basis.encode()).hexdigest()[:40]


def strip_pinyin(text):
    return PINYIN_READING.sub("", text)


def decode(data):
    """Captures come as UTF-8 (with or without BOM) or, from older sites, GB18030."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ParseError("无法识别文件编码(既不是 UTF-8,也不是 GB18030)")


def looks_like_html(text):
    return bool(re.search(r"<(html|body|p|div|h1|br)\b", text[:5000], re.I))


class _TextExtractor(HTMLParser):
    BLOCKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article",
              "header", "footer", "table", "ul", "ol", "dd", "dt", "blockquote", "title"}
    SKIP = {"script", "style", "head", "noscript", "nav"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data.replace("\n", " "))


def html_to_lines(html):
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return "".join(extractor.parts)


def _meta_fields(line):
    """The meta fields of a line, or None if the line is not (only) meta: 时间:…, 来源:…, a bare time."""
    fields = {}
    for part in filter(None, _FIELD_SPLIT.split(line)):
        labelled = _LABELLED.match(part)
        if labelled:
            name = _FIELD_NAMES[labelled.group(1)]
            value = labelled.group(2).strip(_BLANK)
            if name == "time":
                if not _DATETIME.match(value):
                    return None
            fields[name] = value
        elif _DATETIME.match(part):
            fields["time"] = part
        else:
            return None
    return fields or None


def _parse_time(value):
    year, month, day, hour, minute, second = _DATETIME.match(value).groups()
    try:
        naive = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError as error:
        raise ParseError(f"发布时间“{value}”不是有效日期({error})") from None
    return timezone.make_aware(naive)


def _has_cjk(line):
    return re.search(f"[{_CJK}]", line) is not None


def parse_capture(text):
    """A ParsedPage from a capture's text (or HTML), in simplified Chinese without pinyin."""
    if looks_like_html(text):
        text = html_to_lines(text)
    text = to_simplified(strip_pinyin(text))
    lines = [line.strip(_BLANK) for line in text.splitlines()]

    header_end = None
    meta = {}
    for index, line in enumerate(lines):
        fields = _meta_fields(line) if line else None
        if fields and ("time" in fields or "source" in fields):
            meta.update(fields)
            header_end = index
            # Time and source may stand on separate lines: take the meta lines that follow too.
            for following in range(index + 1, min(index + 4, len(lines))):
                more = _meta_fields(lines[following]) if lines[following] else None
                if lines[following] and not more:
                    break
                if more:
                    meta.update(more)
                    header_end = following
            break
    if header_end is None:
        raise ParseError("找不到时间行(如“时间:2015-12-18 09:10”或“编辑:…|2023-11-28 15:36:39|来源:…”)")
    if "time" not in meta:
        raise ParseError("找不到发布时间")

    section_name = meta.get("section", "")
    # The title is the line right above the meta line; anything higher is the old site's header.
    title = ""
    for line in lines[:header_end]:
        if not line or not _has_cjk(line) or _meta_fields(line):
            continue
        crumb = _BREADCRUMB.match(line)
        if crumb:
            section_name = section_name or re.split(r"\s*[>›»/]\s*", crumb.group(1))[-1]
            continue
        title = line
    if not title:
        raise ParseError("找不到标题(时间行之前没有中文标题)")

    paragraphs = []
    for line in lines[header_end + 1 :]:
        if not line:
            continue
        if line.startswith(_END_MARKERS):
            break
        trailing = _meta_fields(line)
        if trailing:  # 编辑:马一娜 after the body ends it
            for name, value in trailing.items():
                meta.setdefault(name, value)
            break
        paragraphs.append(line)
    if not paragraphs:
        raise ParseError("没有正文段落")

    return ParsedPage(
        title=title,
        published_at=_parse_time(meta["time"]),
        paragraphs=paragraphs,
        source_name=meta.get("source", ""),
        editor_name=meta.get("editor", ""),
        section_name=section_name,
    )
