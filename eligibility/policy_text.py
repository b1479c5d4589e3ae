"""Policy texts clause by clause, the sentences left out of the rules and why, and the BDD scenario titles.

Pure functions over text files: the web pages show a document's text beside the rules that encode each clause
(as Catala keeps law text beside code), so a reader checks one against the other.
"""
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

NUMERALS = "一二三四五六七八九十"
# Headings as printed: 一、 (section), (一) (subsection), 1. (item), 模式一: and "信息技术:" (labelled paragraphs).
SECTION = re.compile(rf"^([{NUMERALS}]+)、")
SUBSECTION = re.compile(rf"^\(([{NUMERALS}]+)\)")
ITEM = re.compile(r"^(\d{1,2})[.．](?!\d)")
LABEL = re.compile(r"^([^,。:;、“”()\s\d]{2,12}):(?=.{40})")
SHORT_LABEL = re.compile(r"^([^,。:;、“”()\s\d]{2,6})。(?=.{40})")
# Labels that name who is responsible for the section above them, not a clause of their own.
RESPONSIBLE_LABELS = ("牵头单位", "配合单位", "责任单位")
# A text whose line breaks were lost keeps its paragraphs apart by spaces (Ningbo's, as published on the web).
FLATTENED_BELOW_LINES = 3
# After the last clause: a date, a publication note or the web page's own links, not part of any clause.
END_MATTER_MAX = 40


@dataclass
class Clause:
    """One numbered or labelled part of a document: its path as rules cite it, its heading and paragraphs."""

    path: str
    depth: int
    kind: str  # section 一、 | subsection (一) | item 1. | label 模式一:
    paragraphs: list[str] = field(default_factory=list)
    parent: str | None = None

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass
class PolicyText:
    """A document split into its opening, its clauses in order, and what follows the last clause."""

    front: list[str]
    clauses: list[Clause]
    back: list[str]

    def clause(self, path: str) -> Clause | None:
        """The clause with this path, or None."""
        return next((c for c in self.clauses if c.path == path), None)

    def subtree(self, path: str) -> list[Clause]:
        """The clause and every clause inside it, in order."""
        return [c for c in self.clauses if c.path == path or _inside(c, path, self)]

    def locate(self, quote: str, path: str | None = None) -> Clause | None:
        """The clause whose paragraphs hold the quote: within the cited path first, else anywhere."""
        quote = quote.strip()
        if path is not None:
            for clause in self.subtree(path):
                if any(quote in p for p in clause.paragraphs):
                    return clause
        return next((c for c in self.clauses if any(quote in p for p in c.paragraphs)), None)


def _inside(clause: Clause, path: str, text: PolicyText) -> bool:
    parent = clause.parent
    while parent is not None:
        if parent == path:
            return True
        above = text.clause(parent)
        parent = above.parent if above else None
    return False


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs: one a line, or parted by spaces when the line breaks were lost."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if len(lines) < FLATTENED_BELOW_LINES:
        return [part for line in lines for part in line.split()]
    return lines


def split_clauses(text: str) -> PolicyText:
    """Split a policy text into clauses with the paths rules cite: 二, 二(一), 二(一)1, 三(模式一), 二(信息技术)."""
    front: list[str] = []
    clauses: list[Clause] = []
    section = subsection = None  # the current 一、 and (一) clauses
    current: Clause | None = None
    for para in paragraphs(text):
        path, depth, kind, parent = _heading(para, section, subsection, current)
        if path is None:
            if current is None:
                front.append(para)
            else:
                current.paragraphs.append(para)
            continue
        current = Clause(path=path, depth=depth, kind=kind, paragraphs=[para], parent=parent)
        clauses.append(current)
        if kind == "section":
            section, subsection = current, None
        elif kind == "subsection":
            subsection = current
    back: list[str] = []
    if current is not None:
        while len(current.paragraphs) > 1 and _end_matter(current.paragraphs[-1]):
            back.insert(0, current.paragraphs.pop())
    return PolicyText(front, clauses, back)


def _heading(para: str, section: Clause | None, subsection: Clause | None, current: Clause | None):
    """(path, depth, kind, parent path) when the paragraph starts a clause, else (None, 0, None, None)."""
    if m := SECTION.match(para):
        return m[1], 1, "section", None
    if section is None:
        return None, 0, None, None
    if m := SUBSECTION.match(para):
        return f"{section.path}({m[1]})", 2, "subsection", section.path
    container = subsection or section
    if m := ITEM.match(para):
        return f"{container.path}{m[1]}", container.depth + 1, "item", container.path
    if current is not None and current.kind == "item":
        return None, 0, None, None  # a numbered item's further paragraphs
    label = LABEL.match(para) or SHORT_LABEL.match(para)
    if label and label[1] not in RESPONSIBLE_LABELS:
        return f"{container.path}({label[1]})", container.depth + 1, "label", container.path
    return None, 0, None, None


def _end_matter(para: str) -> bool:
    return len(para) <= END_MATTER_MAX and not para.endswith("。")


def anchor(path: str) -> str:
    """The id of a clause on its document's page."""
    return "clause-" + path if path else "clause-front"


# --- marking quoted sentences inside a paragraph ------------------------------------------------------------------

@dataclass(frozen=True)
class Piece:
    """A run of a paragraph, the quotes covering it, and those that end with it."""

    text: str
    keys: tuple[str, ...]
    ends: tuple[str, ...]


def segments(paragraph: str, quotes: dict[str, str]) -> list[Piece]:
    """The paragraph cut where quoted passages start and end.

    `quotes` maps a key (a rule id, a left-out passage) to its verbatim passage; every occurrence is marked.
    """
    cover: list[set[str]] = [set() for _ in paragraph]
    for key, quote in quotes.items():
        quote = quote.strip()
        start = paragraph.find(quote) if quote else -1
        while start >= 0:
            for i in range(start, start + len(quote)):
                cover[i].add(key)
            start = paragraph.find(quote, start + 1)
    runs: list[tuple[str, tuple[str, ...]]] = []
    for char, keys in zip(paragraph, cover, strict=False):
        marked = tuple(sorted(keys))
        if runs and runs[-1][1] == marked:
            runs[-1] = (runs[-1][0] + char, marked)
        else:
            runs.append((char, marked))
    pieces = []
    for i, (text, marks) in enumerate(runs):
        following = set(runs[i + 1][1]) if i + 1 < len(runs) else set()
        pieces.append(Piece(text, marks, tuple(k for k in marks if k not in following)))
    return pieces


# --- sentences deliberately not encoded ------------------------------------------------------------------------

@dataclass(frozen=True)
class LeftOut:
    """A passage not encoded as a rule: where it is, what it says (verbatim, or described) and why not."""

    clause_path: str
    text: str
    reason: str
    verbatim: bool


def excluded(path: Path, city: str) -> list[LeftOut]:
    """The borderline sentences of one city listed in excluded.yaml, verbatim, with their reasons."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [LeftOut(e["clause_path"], e["text"], e["reason"], True) for e in entries if e["city"] == city]


LEFT_OUT = re.compile(r"Left out(?: \([^)]*\))?:\s*(?P<body>.*)", re.S)
CLAUSE_AT_START = re.compile(rf"^([{NUMERALS}]+(?:\([^)]*\))*\d*)(?:\s+(.*))?$", re.S)


def left_out_in_header(rule_file_text: str) -> list[LeftOut]:
    """What a rule file's header says it leaves out: "Left out (…): 六(四) X and Y (reason), 六(五) Z (reason)."

    A reason in parentheses covers the items before it that have none; "A and B" with a clause path each are two.
    """
    header = []
    for line in rule_file_text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line.lstrip("#").strip())
    found = LEFT_OUT.search(" ".join(header))
    if not found:
        return []
    body = found["body"].strip().rstrip(".")
    items: list[tuple[str, str, str]] = []  # (clause path, description, reason)
    pending: list[tuple[str, str]] = []
    for part in _top_level_split(body, ", "):
        part, reason = _trailing_reason(part)
        for piece in _clause_pieces(part):
            pending.append(piece)
        if reason:
            items += [(path, text, reason) for path, text in pending]
            pending = []
    items += [(path, text, "") for path, text in pending]
    return [LeftOut(path, text, reason, False) for path, text, reason in items]


def _top_level_split(text: str, separator: str) -> list[str]:
    """Split on the separator outside parentheses."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        char = text[i]
        depth += char == "("
        depth -= char == ")"
        if depth == 0 and text.startswith(separator, i):
            parts.append(text[start:i])
            start = i = i + len(separator)
            continue
        i += 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _trailing_reason(part: str) -> tuple[str, str]:
    """A part and its closing parenthesis when that holds the (English) reason, not a Chinese 县(市)."""
    if not part.endswith(")"):
        return part, ""
    depth = 0
    for i in range(len(part) - 1, -1, -1):
        depth += part[i] == ")"
        depth -= part[i] == "("
        if depth == 0:
            inner = part[i + 1:-1]
            if re.search(r"[A-Za-z]{3}", inner):
                return part[:i].strip(), inner.strip()
            return part, ""
    return part, ""


def _clause_pieces(part: str) -> list[tuple[str, str]]:
    """'四(六) X and 四(五) Y' → two items; '三(一)2 and 三(六)1 X' → both paths, one description."""
    pieces = [p.strip() for p in part.split(" and ")]
    out: list[tuple[str, str]] = []
    waiting: list[str] = []
    for piece in pieces:
        m = CLAUSE_AT_START.match(piece)
        if m and not (m[2] or "").strip():
            waiting.append(m[1])
            continue
        if m:
            for path in waiting:
                out.append((path, m[2].strip()))
            waiting = []
            out.append((m[1], m[2].strip()))
        elif out:  # "X and Y" within one clause's description
            path, text = out[-1]
            out[-1] = (path, f"{text}、{piece}")
        elif waiting:
            out += [(path, piece) for path in waiting]
            waiting = []
    for path in waiting:  # '三(一)2 and 三(六)1 科研人员持股' splits as '三(一)2' and '三(六)1 科研…'
        out.append((path, ""))
    return _share_descriptions(out)


def _share_descriptions(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Paths listed without a description take the next one's ('三(一)2 and 三(六)1 科研人员持股')."""
    shared, following = [], ""
    for path, text in reversed(items):
        following = text or following
        shared.append((path, text or following))
    return list(reversed(shared))


# --- BDD scenarios ---------------------------------------------------------------------------------------------

SCENARIO = re.compile(r"^\s*场景(?:大纲)?[::]\s*(?P<title>.+?)\s*$", re.M)
RULE_IDS = re.compile(r"\(([a-z0-9_.、\s]+)\)\s*$")


@dataclass(frozen=True)
class Scenario:
    """A BDD scenario's title (rule ids left out) and the rules it names."""

    title: str
    rule_ids: tuple[str, ...]
    feature: str


def scenarios(folder: Path) -> list[Scenario]:
    """Every scenario of the feature files, with the rule ids its title names in parentheses at its end."""
    found = []
    for path in sorted(Path(folder).glob("*.feature")):
        for m in SCENARIO.finditer(path.read_text(encoding="utf-8")):
            title = m["title"]
            ids = RULE_IDS.search(title)
            rule_ids = tuple(i.strip() for i in re.split(r"[、\s]+", ids[1]) if i.strip()) if ids else ()
            found.append(Scenario(title[:ids.start()].strip() if ids else title, rule_ids, path.name))
    return found


@cache
def read_text(path: Path) -> PolicyText:
    """A policy text file, split into clauses (read once per process)."""
    return split_clauses(Path(path).read_text(encoding="utf-8"))


# --- reasons in Chinese ------------------------------------------------------------------------------------------

REASONS_FILE = Path(__file__).parent / "data" / "left_out_reasons.yaml"
RULE_ID_IN_TEXT = re.compile(r"\b[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+\b")


@cache
def _reasons() -> dict[str, str]:
    return yaml.safe_load(REASONS_FILE.read_text(encoding="utf-8"))


def reason_in_chinese(reason: str) -> str | None:
    """The reason a passage is not encoded, in plain Chinese; None when nobody has written it yet."""
    return _reasons().get(reason.strip())


def rules_named(reason: str) -> list[str]:
    """Rule ids a reason names ("… is catalogued as baotou.tech.innovation_platforms")."""
    return RULE_ID_IN_TEXT.findall(reason)


# --- a document's clauses with what encodes them ---------------------------------------------------------------

@dataclass
class Annotated:
    """A clause with the rules that quote it and the passages in it left out, and the quotes to mark."""

    clause: Clause
    rule_ids: list[str] = field(default_factory=list)
    left_out: list[tuple[str, LeftOut]] = field(default_factory=list)  # (key, passage)
    quotes: dict[str, str] = field(default_factory=dict)  # key → verbatim passage marked in the paragraphs


def annotate(text: PolicyText, rules: list[tuple[str, str, str]], left: list[LeftOut]):
    """Place each rule (id, clause path, quote) and each left-out passage beside the clause that holds it.

    Returns (annotated clauses in order, rule ids whose quote was not found in the text).
    """
    placed = {c.path: Annotated(c) for c in text.clauses}
    unplaced = []
    for rule_id, path, quote in rules:
        clause = text.locate(quote, path) or text.clause(path)
        if clause is None:
            unplaced.append(rule_id)
            continue
        entry = placed[clause.path]
        entry.rule_ids.append(rule_id)
        entry.quotes[rule_id] = quote
    for n, passage in enumerate(left):
        key = f"left-out-{n + 1}"
        clause = (text.locate(passage.text, passage.clause_path) if passage.verbatim else None) \
            or text.clause(passage.clause_path)
        if clause is None:
            continue
        placed[clause.path].left_out.append((key, passage))
        if passage.verbatim and clause.path in placed:
            placed[clause.path].quotes[key] = passage.text
    return [placed[c.path] for c in text.clauses], unplaced
