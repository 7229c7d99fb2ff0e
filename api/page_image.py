"""A PDF page as a PNG, rendered on the server with PDFium, with the cited characters marked.

PDFium is not thread-safe, so every call into it holds one lock; rendered pages and found marks
are cached (bounded), keyed by the document's SHA-256 so that a changed file is never served
from an old entry.
"""

from __future__ import annotations

import ctypes
import io
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from api.page_marks import Box, PagePiece, line_boxes, locate

MIN_SCALE, MAX_SCALE, DEFAULT_SCALE = 0.5, 4.0, 1.5  # 1.0 = 72 dpi; 1.5 fills a side panel sharply
MAX_PIXELS = 24_000_000  # an A0 poster at 4x would be ~1.3 GB of pixels
# Multiplied into the page, like a highlighter pen: dark text stays dark and readable.
MARK_RGB = np.array([1.0, 0.86, 0.25], dtype=np.float32)
MARK_PAD = 1.5  # points around each marked line


class PageError(ValueError):
    """A page that cannot be rendered as asked (out of range, too large); the message is German."""


@dataclass(frozen=True)
class Mark:
    """A marked area as fractions of the page image (0..1 from the top left), for scrolling to it."""

    x: float
    y: float
    width: float
    height: float


class _Lru:
    def __init__(self, budget: int, cost=lambda value: 1) -> None:
        self.budget, self._cost, self.used = budget, cost, 0
        self._items: OrderedDict = OrderedDict()

    def get(self, key):
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def values(self) -> list:
        return list(self._items.values())

    def clear(self) -> None:
        self._items.clear()
        self.used = 0

    def put(self, key, value) -> None:
        if key in self._items:
            self.used -= self._cost(self._items.pop(key))
        self._items[key] = value
        self.used += self._cost(value)
        while self.used > self.budget and len(self._items) > 1:
            _, old = self._items.popitem(last=False)
            self.used -= self._cost(old)


class PageRenderer:
    def __init__(self, cache_bytes: int = 64 * 1024 * 1024, open_documents: int = 8) -> None:
        self._lock = threading.Lock()
        self._documents = _Lru(open_documents)
        self._images = _Lru(cache_bytes, cost=len)
        self._marks = _Lru(2048)

    def close(self) -> None:
        with self._lock:
            for pdf in self._documents.values():
                pdf.close()
            self._documents.clear()

    def _document(self, path: Path, sha256: str):
        import pypdfium2 as pdfium

        pdf = self._documents.get((path, sha256))
        if pdf is None:
            pdf = pdfium.PdfDocument(str(path))
            self._documents.put((path, sha256), pdf)
        return pdf

    def page_count(self, path: Path, sha256: str) -> int:
        with self._lock:
            return len(self._document(path, sha256))

    def marks(self, path: Path, sha256: str, page: int, pieces: tuple[PagePiece, ...]) -> list[Box]:
        """Line boxes (PDF points) of the pieces on `page`; empty when none could be placed."""
        key = (sha256, page, pieces)
        cached = self._marks.get(key)
        if cached is not None:
            return cached
        import pypdfium2.raw as raw

        boxes: list[Box] = []
        with self._lock:
            text_page = self._document(path, sha256)[page - 1].get_textpage()
            count = text_page.count_chars()
            chars = [chr(raw.FPDFText_GetUnicode(text_page.raw, i) or 32) for i in range(count)]
            for piece in pieces:
                found = locate(chars, piece) if piece.page == page else None
                if found is None:
                    continue
                first, last = found
                boxes += line_boxes(
                    None if chars[i].isspace() else text_page.get_charbox(i) for i in range(first, last + 1)
                )
            self._marks.put(key, boxes)
        return boxes

    def png(self, path: Path, sha256: str, page: int, scale: float, boxes: list[Box]) -> bytes:
        key = (sha256, page, round(scale, 3), tuple(boxes))
        cached = self._images.get(key)
        if cached is not None:
            return cached
        with self._lock:
            pdf_page = self._document(path, sha256)[page - 1]
            width, height = pdf_page.get_size()
            if width * height * scale * scale > MAX_PIXELS:
                raise PageError(f"Die Seite ist für Vergrößerung {scale:g} zu groß – bitte kleiner wählen.")
            image = pdf_page.render(scale=scale).to_pil().convert("RGB")
            pixels = np.asarray(image, dtype=np.float32).copy()
            for left, top, right, bottom in self._device_boxes(pdf_page, image.size, boxes):
                area = pixels[top:bottom, left:right]
                area *= MARK_RGB
        out = io.BytesIO()
        from PIL import Image

        Image.fromarray(pixels.astype(np.uint8)).save(out, format="PNG", compress_level=6)
        data = out.getvalue()
        with self._lock:
            self._images.put(key, data)
        return data

    @staticmethod
    def _device_boxes(pdf_page, size: tuple[int, int], boxes: list[Box]) -> list[tuple[int, int, int, int]]:
        """PDF-point boxes to pixel boxes; PDFium's own transform honours crop box and rotation."""
        import pypdfium2.raw as raw

        width, height = size
        out = []
        for left, bottom, right, top in boxes:
            xs, ys = [], []
            for x, y in ((left - MARK_PAD, bottom - MARK_PAD), (right + MARK_PAD, top + MARK_PAD)):
                dx, dy = ctypes.c_int(), ctypes.c_int()
                raw.FPDF_PageToDevice(pdf_page.raw, 0, 0, width, height, 0, x, y, dx, dy)
                xs.append(dx.value)
                ys.append(dy.value)
            x0, x1 = max(0, min(xs)), min(width, max(xs))
            y0, y1 = max(0, min(ys)), min(height, max(ys))
            if x1 > x0 and y1 > y0:
                out.append((x0, y0, x1, y1))
        return out

    def fractions(self, path: Path, sha256: str, page: int, boxes: list[Box]) -> list[Mark]:
        """The marks as fractions of the rendered image, through the same transform as `png`."""
        with self._lock:
            pdf_page = self._document(path, sha256)[page - 1]
            width, height = pdf_page.get_size()
            size = (10_000, max(1, round(10_000 * height / width)))
            device = self._device_boxes(pdf_page, size, boxes)
        w, h = size
        return [
            Mark(x=round(x0 / w, 4), y=round(y0 / h, 4), width=round((x1 - x0) / w, 4), height=round((y1 - y0) / h, 4))
            for x0, y0, x1, y1 in device
        ]
