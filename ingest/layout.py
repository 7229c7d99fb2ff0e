"""From positioned runs to the lines a reader reads: baselines, margin line numbers, columns.

A page's runs (ingest/pdf_text.py) are grouped by baseline. Before the pieces of a baseline are
joined, two layouts are taken apart by position, not by wording:

- **margin line numbers** (Word exports number every line: "473", "474", … down the margin):
  digit-only pieces standing apart at the outer end of their lines, aligned with each other and
  counting up by one from line to line. A number in a sentence ("bis 2030", "15 Euro") stands
  a word gap from its neighbours and in no such column, so it stays.
- **columns**: a vertical strip of the page that no text crosses, with text lines on both sides,
  splits each baseline into one line per column; the left column is read first.
- **margin notes**: short notes beside the body, right of a strip no text crosses ("Rdnr. 11 u.12"
  beside an annex of the 2005 agreement), become lines of their own, marked `margin` and read after
  the body, so that a note on a body line's baseline never runs into its sentence ("… Art. 74 -
  Umsetzung von" + "Artikel 74 GG neu:"); ingest/notes.py reads them as notes of their own.

Pieces of one line are joined with a space when a reader sees a word gap between them and without
one when they touch (ingest/pdf_text.py `joiner`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from ingest.pdf_text import Run, joiner
from ingest.policy import IngestPolicy

_DIGITS = re.compile(r"\d{1,4}")
_MARK = re.compile(r"\d{1,3}")
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"  # how a raised mark is written (ingest/notes.py reads it back)
_SUPERSCRIPT = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)


@dataclass(frozen=True)
class LayoutLine:
    text: str
    y: float
    x0: float
    x1: float
    size: float  # font size of most of the line's characters
    font: str  # the font of most of the line's characters
    order: int  # drawing order of its first run: the reading order where the page has no columns
    margin: bool = False  # a note in the margin beside the body, not body text


def page_lines(runs: list[Run], policy: IngestPolicy) -> list[LayoutLine]:
    """The page's lines in reading order."""
    indexed = [(i, run) for i, run in enumerate(runs) if run.text]
    baselines = _baselines(indexed, policy)
    baselines = _without_line_numbers(baselines, policy)
    margin = None
    gutter = _gutter(baselines, policy)
    if gutter is None:
        gutter = margin = _margin(baselines, policy)  # notes beside the body split off as a column would
    lines: list[tuple[int, LayoutLine]] = []
    for pieces in baselines:
        if gutter is None:
            groups = [(0, pieces)]
        else:
            # A line that crosses the gutter (a chapter title over both columns) stands on its own.
            across = [p for p in pieces if p[1].x0 < gutter < p[1].x1]
            if across:
                groups = [(-1, pieces)]
            else:
                groups = [(0, [p for p in pieces if p[1].x1 <= gutter]), (1, [p for p in pieces if p[1].x0 >= gutter])]
        for column, group in groups:
            if group:
                line = _line(group, policy)
                lines.append((column, replace(line, margin=True) if margin is not None and column == 1 else line))
    if gutter is None:
        return [line for _, line in sorted(lines, key=lambda item: item[1].order)]
    # Lines across both columns divide the page into bands, read top to bottom; within a band the
    # left column is read before the right one.
    across_y = sorted((line.y for column, line in lines if column == -1), reverse=True)

    def place(item: tuple[int, LayoutLine]) -> tuple[int, int, int]:
        column, line = item
        above = sum(1 for y in across_y if y > line.y)
        return (above + 1, -1, line.order) if column == -1 else (above, column, line.order)

    return [line for _, line in sorted(lines, key=place)]


def _baselines(indexed: list[tuple[int, Run]], policy: IngestPolicy) -> list[list[tuple[int, Run]]]:
    """Runs grouped by baseline, top of the page first; each group sorted left to right."""
    ordered = sorted(indexed, key=lambda item: -item[1].y)
    groups: list[list[tuple[int, Run]]] = []
    for item in ordered:
        run = item[1]
        if groups:
            anchor = groups[-1][0][1]
            if anchor.y - run.y <= policy.baseline_tolerance * min(anchor.size, run.size):
                groups[-1].append(item)
                continue
        groups.append([item])
    groups = _with_scripts(groups, policy)
    return [sorted(group, key=lambda item: item[1].x0) for group in groups]


def _with_scripts(groups: list[list[tuple[int, Run]]], policy: IngestPolicy) -> list[list[tuple[int, Run]]]:
    """Sub- and superscripts ("CO₂", a footnote mark) join the line they are set in: a baseline of
    smaller type within half a line of a neighbouring one."""
    size = [max(run.size for _, run in group) for group in groups]
    y = [max(group, key=lambda item: len(item[1].text))[1].y for group in groups]
    target: dict[int, int] = {}
    for k in range(len(groups)):
        near = [
            (abs(y[k] - y[j]), j)
            for j in (k - 1, k + 1)
            if 0 <= j < len(groups)
            and j not in target
            and size[k] <= policy.script_size * size[j]
            and abs(y[k] - y[j]) <= 0.5 * size[j]
        ]
        if near:
            target[k] = min(near)[1]
    merged = [list(group) for group in groups]
    for k, j in target.items():
        merged[j].extend(merged[k])
        merged[k] = []
    return [group for group in merged if group]


def _without_line_numbers(baselines: list[list[tuple[int, Run]]], policy: IngestPolicy) -> list[list[tuple[int, Run]]]:
    """Drop a margin column of line numbers: digit-only pieces at the outer end of their lines,
    aligned, counting up by one from top to bottom."""
    for side in (0, -1):
        candidates: list[tuple[int, tuple[int, Run]]] = []  # (baseline index, piece)
        for b, pieces in enumerate(baselines):
            piece = pieces[side]
            if not _DIGITS.fullmatch(piece[1].text):
                continue
            if len(pieces) > 1:
                neighbour = pieces[1] if side == 0 else pieces[-2]
                left, right = (piece[1], neighbour[1]) if side == 0 else (neighbour[1], piece[1])
                if joiner(right.x0 - left.x1, left.space, left.size, policy) is not None:
                    continue  # one word gap from the text: a number in the sentence
            candidates.append((b, piece))
        column = _aligned_sequence(candidates, policy)
        if column:
            baselines = [
                [p for p in pieces if not (b in column and p is column[b])] for b, pieces in enumerate(baselines)
            ]
            baselines = [pieces for pieces in baselines if pieces]
    return baselines


def _aligned_sequence(
    candidates: list[tuple[int, tuple[int, Run]]], policy: IngestPolicy
) -> dict[int, tuple[int, Run]]:
    """The largest group of candidates sharing a left or right edge, if it counts up by one."""
    if len(candidates) < policy.line_numbers_min:
        return {}
    best: list[tuple[int, tuple[int, Run]]] = []
    for edge in ("x0", "x1"):
        buckets: Counter[int] = Counter(round(getattr(c[1][1], edge) / policy.line_numbers_align) for c in candidates)
        key, _ = buckets.most_common(1)[0]
        group = [c for c in candidates if abs(getattr(c[1][1], edge) / policy.line_numbers_align - key) <= 1]
        if len(group) > len(best):
            best = group
    if len(best) < policy.line_numbers_min:
        return {}
    values = [int(piece[1].text) for _, piece in best]  # top to bottom
    steps = sum(1 for a, b in zip(values, values[1:], strict=False) if b == a + 1)
    if steps < policy.line_numbers_sequence * (len(values) - 1):
        return {}
    return {b: piece for b, piece in best}


def _gutter(baselines: list[list[tuple[int, Run]]], policy: IngestPolicy) -> float | None:
    """The x of a strip between two text columns, or None for a page read in one column."""
    if len(baselines) < 2 * policy.column_min_lines:
        return None
    allowed = max(policy.column_crossing_lines, int(len(baselines) * policy.column_crossing_share))
    gutter = _clear_strip(baselines, 0.2, 0.8, allowed, policy.column_gutter)
    if gutter is None:
        return None
    sides = [[run for _, run in pieces if run.x1 <= gutter] for pieces in baselines]
    right_sides = [[run for _, run in pieces if run.x0 >= gutter] for pieces in baselines]
    need = policy.column_min_lines
    for side in (sides, right_sides):
        lines = [s for s in side if s]
        if len(lines) < need:
            return None
        if sum(sum(len(run.text) for run in s) for s in lines) / len(lines) < policy.column_min_chars:
            return None
    return gutter


def _margin(baselines: list[list[tuple[int, Run]]], policy: IngestPolicy) -> float | None:
    """The x of a strip that sets notes in the right margin apart from the body, where a note shares
    a baseline with body text; None where nothing beside the body would run into it. A table of
    contents, whose page numbers stand right of nearly every line, is no body with notes."""
    if len(baselines) < 2 * policy.column_min_lines:
        return None
    strip = _clear_strip(baselines, 0.6, 1.0, 0, policy.margin_gap)
    if strip is None:
        return None
    body = [pieces for pieces in baselines if any(run.x1 <= strip for _, run in pieces)]
    shared = [pieces for pieces in body if any(run.x0 >= strip for _, run in pieces)]
    if len(body) < 2 * policy.column_min_lines or not shared or len(shared) > policy.margin_max_share * len(body):
        return None
    return strip


def _clear_strip(
    baselines: list[list[tuple[int, Run]]], lo: float, hi: float, allowed: int, min_width: float
) -> float | None:
    """The middle of the widest vertical strip, between `lo` and `hi` of the text's width, that at
    most `allowed` baselines cross, if it is at least `min_width` ems wide."""
    runs = [run for pieces in baselines for _, run in pieces]
    left = min(run.x0 for run in runs)
    right = max(run.x1 for run in runs)
    width = int(right - left) + 1
    if width < 50:
        return None
    size = Counter(round(run.size) for run in runs).most_common(1)[0][0]
    steps = [0] * (width + 2)
    for pieces in baselines:
        spans = sorted((int(run.x0 - left), int(run.x1 - left) + 1) for _, run in pieces)
        merged: list[list[int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        for start, end in merged:
            steps[start] += 1
            steps[min(end, width + 1)] -= 1
    coverage, running = [], 0
    for step in steps:
        running += step
        coverage.append(running)
    start, best = None, (0, 0)
    for i in range(int(width * lo), int(width * hi) + 1):
        if coverage[i] <= allowed:
            start = i if start is None else start
            if i - start + 1 > best[1] - best[0]:
                best = (start, i + 1)
        else:
            start = None
    if best[1] - best[0] < min_width * size or best[1] >= width:
        return None  # too narrow, or no text right of it
    return left + (best[0] + best[1]) / 2


def _line(pieces: list[tuple[int, Run]], policy: IngestPolicy) -> LayoutLine:
    # Text drawn over text (a cover that sets its slogan twice, in two fonts; a bold faked by
    # drawing twice) is read once: the piece drawn first stands.
    kept = [pieces[0]]
    for piece in pieces[1:]:
        last = kept[-1][1]
        if piece[1].x0 < last.x1 - 0.5 * last.space:
            if piece[0] < kept[-1][0]:
                kept[-1] = piece
            continue
        kept.append(piece)
    pieces = kept
    main = max(pieces, key=lambda piece: len(piece[1].text))[1]
    joints = [
        joiner(right.x0 - left.x1, min(left.space, right.space), max(left.size, right.size), policy, left.tracking)
        for (_, left), (_, right) in zip(pieces, pieces[1:], strict=False)
    ]
    touching = [k > 0 and joints[k - 1] == "" or k < len(joints) and joints[k] == "" for k in range(len(pieces))]
    texts = [
        _raised(run, main, policy) if touch else run.text for (_, run), touch in zip(pieces, touching, strict=True)
    ]
    parts = [texts[0]]
    for joint, text in zip(joints, texts[1:], strict=True):
        parts.append((joint if joint is not None else " ") + text)
    weights: Counter[float] = Counter()
    fonts: Counter[str] = Counter()
    for _, run in pieces:
        weights[round(run.size, 1)] += len(run.text)
        fonts[run.font] += len(run.text)
    return LayoutLine(
        text="".join(parts),
        y=main.y,
        x0=pieces[0][1].x0,
        x1=max(run.x1 for _, run in pieces),
        size=weights.most_common(1)[0][0],
        font=fonts.most_common(1)[0][0],
        order=min(i for i, _ in pieces),
    )


def _raised(run: Run, main: Run, policy: IngestPolicy) -> str:
    """A footnote mark or an exponent, set in small type above the line's baseline and touching a
    word ("Wasserstoff" + raised "1", "m" + raised "2", the Basic Law's raised "2" + "Sofern"), as the
    reader sees it: "Wasserstoff¹", "m²", "²Sofern". The search reads "Wasserstoff" (domain/german.py
    takes no superscript into a word), not "Wasserstoff1". Raised digits a word gap apart are a number
    of their own and stay digits; a lowered subscript ("CO2") stays as it is."""
    if (
        _MARK.fullmatch(run.text)
        and run.size <= policy.script_size * main.size
        and run.y - main.y >= policy.superscript_rise * main.size
    ):
        return run.text.translate(_SUPERSCRIPT)
    return run.text
