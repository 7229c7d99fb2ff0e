"""Positioned text runs from a page's content stream: where each shown string starts and ends.

pypdf's own extraction decides where words end from its estimate of each string's width, and
that estimate leaves out word spacing (Tw) and character spacing applied through separate
operators: justified Word exports come out as "verkraft en", "Arbe it", and a sentence that ends
where the next string starts comes out glued ("aufzugeben.Wir"). Here the content stream is
interpreted with the PDF text model (PDF 32000-1, 9.4) so every run carries the page position of
its first glyph, the end of its last glyph, its baseline and its effective font size; the line
builder in pdf_lines.py decides about spaces from those positions.

Fonts are decoded with pypdf's own font model (encodings, /ToUnicode maps, glyph widths), the
same one its text extraction uses; only the positioning is ours.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pypdf import PageObject
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, NameObject, StreamObject
from pypdf.generic._font import Font

from ingest.policy import DEFAULT_POLICY, IngestPolicy

_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_FORM_DEPTH = 8  # forms drawing forms; a loop in a broken file must end somewhere


@dataclass(frozen=True)
class Run:
    """One shown string on an upright baseline, in page coordinates (points, origin bottom left)."""

    text: str  # without spaces at either end
    x0: float  # where the first glyph that is not a space starts
    x1: float  # where the last glyph that is not a space ends (without the spacing added after it)
    y: float  # baseline
    size: float  # effective font size: the height an em takes on the page
    space: float  # width of a space in this font and size, on the page
    font: str
    tracking: float = 0.0  # extra space after every glyph (letter-spaced display type), on the page


def _mult(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, ...]:
    return (
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    )


def _numbers(operands: list, count: int) -> tuple[float, ...] | None:
    try:
        values = tuple(float(v) for v in operands[:count])
    except (TypeError, ValueError):
        return None
    return values if len(values) == count else None


@dataclass(frozen=True)
class _Shown:
    """A string of one font, measured in glyph units: its text without outer spaces, how many
    glyphs and word spaces it has, and where its first and last visible glyph stand."""

    text: str
    count: int
    width: float
    spaces: int
    first: tuple[int, float, int]  # index, glyph width before it, word spaces before it
    last: tuple[int, float, int, float]  # the same, and its own width


@dataclass
class _TextState:
    font: Font | None = None
    font_scale: float = 0.001  # glyph space to text space: 1/1000, or a Type 3 font's matrix
    size: float = 0.0
    char_spacing: float = 0.0
    word_spacing: float = 0.0
    scale: float = 1.0  # horizontal scaling Tz / 100
    leading: float = 0.0
    rise: float = 0.0

    def copy(self) -> _TextState:
        return _TextState(**self.__dict__)


class _Interpreter:
    def __init__(self, policy: IngestPolicy) -> None:
        self.runs: list[Run] = []
        self._fonts: dict[object, tuple[Font, float]] = {}
        self._shown: dict[tuple[int, bytes], _Shown | None] = {}
        self._policy = policy
        self._pending: list | None = None

    def page(self, page: PageObject) -> list[Run]:
        self.runs = []
        self._pending = None
        contents = page.get("/Contents")
        if contents is None:
            return []
        contents = contents.get_object()
        if not isinstance(contents, (ArrayObject, StreamObject)):
            return []
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else DictionaryObject()
        stream = ContentStream(contents, page.pdf, "bytes")
        self._run(stream, resources, _IDENTITY, _TextState(), page.pdf, 0)
        self._flush()
        return self.runs

    def _font(self, resources: DictionaryObject, name: str) -> tuple[Font | None, float]:
        fonts = resources.get("/Font")
        fonts = fonts.get_object() if fonts is not None else None
        if not isinstance(fonts, DictionaryObject) or name not in fonts:
            return None, 0.001
        ref = fonts.raw_get(name)
        key = (ref.idnum, ref.generation) if hasattr(ref, "idnum") else id(ref)
        if key not in self._fonts:
            font_dict = ref.get_object()
            font = Font.from_font_resource(font_dict)
            scale = 0.001
            if font_dict.get("/Subtype") == "/Type3":
                matrix = font_dict.get("/FontMatrix")
                values = _numbers(list(matrix), 1) if matrix is not None else None
                scale = values[0] if values else 0.001
            self._fonts[key] = (font, scale)
        return self._fonts[key]

    def _run(self, stream, resources, ctm, state: _TextState, pdf, depth: int) -> None:
        stack: list[tuple[tuple[float, ...], _TextState]] = []
        tm = tlm = _IDENTITY
        for operands, op in stream.operations:
            if op == b"q":
                stack.append((ctm, state.copy()))
            elif op == b"Q":
                if stack:
                    ctm, state = stack.pop()
            elif op == b"cm":
                values = _numbers(operands, 6)
                if values:
                    ctm = _mult(values, ctm)
            elif op == b"BT":
                tm = tlm = _IDENTITY
            elif op == b"Tf" and len(operands) >= 2:
                state.font, state.font_scale = self._font(resources, operands[0])
                size = _numbers(operands[1:], 1)
                state.size = size[0] if size else state.size
            elif op in (b"Tc", b"Tw", b"Tz", b"TL", b"Ts"):
                value = _numbers(operands, 1)
                if value is None:
                    continue
                if op == b"Tc":
                    state.char_spacing = value[0]
                elif op == b"Tw":
                    state.word_spacing = value[0]
                elif op == b"Tz":
                    state.scale = value[0] / 100
                elif op == b"TL":
                    state.leading = value[0]
                else:
                    state.rise = value[0]
            elif op in (b"Td", b"TD"):
                values = _numbers(operands, 2)
                if values:
                    if op == b"TD":
                        state.leading = -values[1]
                    tm = tlm = _mult((1.0, 0.0, 0.0, 1.0, values[0], values[1]), tlm)
            elif op == b"Tm":
                values = _numbers(operands, 6)
                if values:
                    tm = tlm = values
            elif op == b"T*":
                tm = tlm = _mult((1.0, 0.0, 0.0, 1.0, 0.0, -state.leading), tlm)
            elif op == b"Tj" and operands:
                tm = self._show(operands[0], state, tm, ctm)
            elif op == b"TJ" and operands and isinstance(operands[0], ArrayObject):
                for item in operands[0]:
                    if isinstance(item, (bytes, str)):
                        tm = self._show(item, state, tm, ctm)
                    else:
                        try:
                            tx = -float(item) / 1000 * state.size * state.scale
                        except (TypeError, ValueError):
                            continue
                        tm = (tm[0], tm[1], tm[2], tm[3], tm[4] + tx * tm[0], tm[5] + tx * tm[1])
            elif op in (b"'", b'"'):
                if op == b'"' and len(operands) >= 3:
                    spacing = _numbers(operands, 2)
                    if spacing:
                        state.word_spacing, state.char_spacing = spacing
                    operands = operands[2:]
                tm = tlm = _mult((1.0, 0.0, 0.0, 1.0, 0.0, -state.leading), tlm)
                if operands:
                    tm = self._show(operands[0], state, tm, ctm)
            elif op == b"Do" and operands and depth < MAX_FORM_DEPTH:
                self._form(operands[0], resources, ctm, state, pdf, depth)

    def _form(self, name, resources, ctm, state: _TextState, pdf, depth: int) -> None:
        xobjects = resources.get("/XObject")
        xobjects = xobjects.get_object() if xobjects is not None else None
        if not isinstance(xobjects, DictionaryObject) or name not in xobjects:
            return
        form = xobjects[name].get_object()
        if not isinstance(form, StreamObject) or form.get("/Subtype") != NameObject("/Form"):
            return
        matrix = _numbers(list(form.get("/Matrix", _IDENTITY)), 6) or _IDENTITY
        inner = form.get("/Resources")
        inner = inner.get_object() if inner is not None else resources
        self._run(ContentStream(form, pdf, "bytes"), inner, _mult(matrix, ctm), state.copy(), pdf, depth + 1)

    def _glyphs(self, font: Font, data: bytes) -> _Shown | None:
        """What a string of `font` shows, measured once per distinct string."""
        key = (id(font), data)
        shown = self._shown.get(key, False)
        if shown is not False:
            return shown
        simple = not isinstance(font.encoding, str)
        if simple:
            raw = [chr(b) for b in data]
            decoded = [font.encoding.get(b, chr(b)) for b in data]
        else:
            try:
                raw = list(data.decode(font.encoding, "surrogatepass"))
            except (UnicodeDecodeError, LookupError):
                raw = list(data.decode("utf-16-be", "replace"))
            decoded = raw
        widths = font.character_widths
        default = widths.get("default", 500)
        chars = [font.character_map.get(d, d) for d in decoded]
        ink = [k for k, ch in enumerate(chars) if not ch.isspace()]
        advances = [widths.get(r, default) for r in raw]
        word_spaces = [simple and r == " " for r in raw]  # Tw applies to the single-byte code 32 only
        result = None
        if ink:
            first, last = ink[0], ink[-1]
            result = _Shown(
                text="".join(chars).strip(),
                count=len(raw),
                width=sum(advances),
                spaces=sum(word_spaces),
                first=(first, sum(advances[:first]), sum(word_spaces[:first])),
                last=(last, sum(advances[:last]), sum(word_spaces[:last]), advances[last]),
            )
        else:
            result = _Shown("", len(raw), sum(advances), sum(word_spaces), (0, 0.0, 0), (0, 0.0, 0, 0.0))
        self._shown[key] = result
        return result

    def _show(self, string, state: _TextState, tm, ctm) -> tuple[float, ...]:
        """Advance the text matrix over `string`, recording it as a run when it stands upright."""
        font = state.font
        if font is None:
            return tm
        data = string if isinstance(string, bytes) else string.get_original_bytes()
        shown = self._glyphs(font, data)
        fs, th, tc, tw = state.size * state.font_scale, state.scale, state.char_spacing, state.word_spacing
        advance = (shown.width * fs + shown.count * tc + shown.spaces * tw) * th
        if shown.text:
            m0 = tm[0] * ctm[0] + tm[1] * ctm[2]
            m1 = tm[0] * ctm[1] + tm[1] * ctm[3]
            m2 = tm[2] * ctm[0] + tm[3] * ctm[2]
            m3 = tm[2] * ctm[1] + tm[3] * ctm[3]
            # Upright text only: rotated margin notes and vertical labels are not lines of the page.
            if m0 > 0 and m3 > 0 and abs(m1) < 1e-3 * m0 and abs(m2) < 1e-3 * m3:
                x = tm[4] * ctm[0] + tm[5] * ctm[2] + ctm[4] + state.rise * m2
                y = tm[4] * ctm[1] + tm[5] * ctm[3] + ctm[5] + state.rise * m3
                k, before, spaces = shown.first
                start = (before * fs + k * tc + spaces * tw) * th
                k, before, spaces, width = shown.last
                end = (before * fs + k * tc + spaces * tw + width * fs) * th
                size = state.size * math.hypot(m2, m3)
                space_units = font.character_widths.get(font.space_char, font.space_width)
                space = space_units * fs * th * m0
                tracking = max(0.0, tc * th * m0)
                run = Run(shown.text, x + start * m0, x + end * m0, y, size, space or 0.25 * size, font.name, tracking)
                self._add(run)
        return (tm[0], tm[1], tm[2], tm[3], tm[4] + advance * tm[0], tm[5] + advance * tm[1])

    def _add(self, run: Run) -> None:
        """Strings of one baseline and size close enough to be words of one line are one run: a
        font that shows one glyph per string (2021) or a Word export that breaks words into pieces
        (2009) reads as words again. Spaces at either end of a string count for nothing: whether
        words are apart is decided by the gap between their glyphs, as a reader sees it."""
        pending = self._pending
        if (
            pending is not None
            and abs(run.y - pending[3]) < 0.01 * run.size
            and abs(run.size - pending[4]) < 0.01 * run.size
        ):
            space = min(run.space, pending[5])
            joint = joiner(run.x0 - pending[2], space, run.size, self._policy, pending[7])
            if joint is not None:
                pending[0].append(joint + run.text)
                pending[2] = run.x1
                pending[7] = run.tracking
                return
        self._flush()
        self._pending = [[run.text], run.x0, run.x1, run.y, run.size, run.space, run.font, run.tracking]

    def _flush(self) -> None:
        if self._pending is not None:
            parts, x0, x1, y, size, space, font, tracking = self._pending
            self.runs.append(Run("".join(parts), x0, x1, y, size, space, font, tracking))
            self._pending = None


def joiner(gap: float, space: float, size: float, policy: IngestPolicy, tracking: float = 0.0) -> str | None:
    """What stands between two pieces of text `gap` points apart on one baseline: nothing (one
    word: kerning, a word broken into strings), a space (a word gap), or None when they are too far
    apart to be neighbours in a sentence (a margin line number and its line, two columns).

    `tracking` is the letter-spacing the left piece adds after each glyph: in letter-spaced
    display type the gap between letters is that much wider. It never makes touching pieces
    overlap (a Word export positions a glyph with a huge character spacing and draws the rest of
    the word where the glyph ends)."""
    gap -= min(tracking, max(gap, 0.0))
    if gap < -0.5 * space:
        return None  # drawn over each other: not reading order
    if gap < policy.word_gap * space:
        return ""
    if gap < policy.chunk_gap * size:
        return " "
    return None


class TextReader:
    """Reads the pages of one PDF; fonts and measured strings are shared between its pages."""

    def __init__(self, policy: IngestPolicy = DEFAULT_POLICY) -> None:
        self._interpreter = _Interpreter(policy)

    def runs(self, page: PageObject) -> list[Run]:
        """The page's upright text runs in drawing order, neighbouring strings of one word joined."""
        return self._interpreter.page(page)


def page_runs(page: PageObject, policy: IngestPolicy = DEFAULT_POLICY) -> list[Run]:
    return TextReader(policy).runs(page)
