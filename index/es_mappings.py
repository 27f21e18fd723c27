"""Index templates, analyzers and mappings of the Elasticsearch backend.

One documents index holds every document with its coded fields as keywords and its passages as
`nested` objects (text, offsets, embedding). Text is analysed per language: a passage's text is
written to exactly one `text_<family>` field, chosen from the document's language, so each
language gets its own analyzer without analysing every passage with every analyzer. Each text
field has an `.exact` sub-field (no stemming, no stop words) for quoted phrases.

Analyzer families:

| family | languages      | analyzer                                    | needs plugin |
|--------|----------------|---------------------------------------------|--------------|
| en     | en             | built-in `english`                          | no           |
| id     | id, ms         | built-in `indonesian` (Malay shares its morphology) | no   |
| th     | th             | built-in `thai` (dictionary word breaking)  | no           |
| icu    | lo, km, my, vi | `icu_tokenizer` + `icu_normalizer`          | analysis-icu |
| std    | tl and others  | built-in `standard`                         | no           |

Without the analysis-icu plugin the `icu` family falls back to the standard tokenizer, which
cannot split Lao, Khmer or Burmese words (whole runs become one token); the backend detects the
plugin and warns.
"""

from __future__ import annotations

from typing import Any

from index import money_bounds
from index.embeddings import EmbeddingSpec

SCHEMA_VERSION = 1
PASSAGES_PATH = "passages"
EMBEDDING_FIELD = f"{PASSAGES_PATH}.embedding"

ANALYZER_FAMILIES: tuple[str, ...] = ("en", "id", "th", "icu", "std")
_FAMILY_BY_LANGUAGE = {
    "en": "en",
    "id": "id",
    "ms": "id",
    "th": "th",
    "lo": "icu",
    "km": "icu",
    "my": "icu",
    "vi": "icu",
}


def analyzer_family(language: str) -> str:
    """The analyzer family for an ISO 639-1 code (regional suffixes like `en-SG` are ignored)."""
    return _FAMILY_BY_LANGUAGE.get(language.lower().split("-")[0].split("_")[0], "std")


def text_field(family: str) -> str:
    """Name of the per-family text field inside a passage or provision (`text_en`, ...)."""
    return f"text_{family}"


def passage_text_fields(*, exact: bool = False) -> list[str]:
    """Every per-family passage text field, as full paths; `.exact` sub-fields when asked."""
    suffix = ".exact" if exact else ""
    return [f"{PASSAGES_PATH}.{text_field(f)}{suffix}" for f in ANALYZER_FAMILIES]


def provision_text_fields(*, exact: bool = False) -> list[str]:
    suffix = ".exact" if exact else ""
    return [f"{text_field(f)}{suffix}" for f in ANALYZER_FAMILIES] + [f"heading{suffix}"]


def analysis_settings(*, icu: bool) -> dict[str, Any]:
    """Custom analyzers: exact (unstemmed) variants for every family and the ICU family."""
    analyzers: dict[str, Any] = {
        "tiplex_exact": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
        "tiplex_exact_th": {"type": "custom", "tokenizer": "thai", "filter": ["lowercase"]},
    }
    if icu:
        analyzers["tiplex_icu"] = {
            "type": "custom",
            "tokenizer": "icu_tokenizer",
            # nfkc_cf both normalises composed/decomposed diacritics (Vietnamese) and case-folds.
            "filter": ["icu_normalizer"],
        }
    else:
        analyzers["tiplex_icu"] = {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase"],
        }
    return {"analyzer": analyzers}


_ANALYZER_BY_FAMILY = {
    "en": ("english", "tiplex_exact"),
    "id": ("indonesian", "tiplex_exact"),
    "th": ("thai", "tiplex_exact_th"),
    "icu": ("tiplex_icu", "tiplex_icu"),
    "std": ("standard", "tiplex_exact"),
}


def _text_properties() -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for family in ANALYZER_FAMILIES:
        analyzer, exact_analyzer = _ANALYZER_BY_FAMILY[family]
        properties[text_field(family)] = {
            "type": "text",
            "analyzer": analyzer,
            "fields": {"exact": {"type": "text", "analyzer": exact_analyzer}},
        }
    return properties


def index_settings(*, icu: bool, shards: int = 1, replicas: int = 0) -> dict[str, Any]:
    return {
        "number_of_shards": shards,
        "number_of_replicas": replicas,
        "analysis": analysis_settings(icu=icu),
    }


def embedding_mapping(dimensions: int, index_options: str) -> dict[str, Any]:
    """A quantised HNSW vector. `cosine` keeps working if a model's output is not exactly
    unit-norm, where `dot_product` would reject the document."""
    return {
        "type": "dense_vector",
        "dims": dimensions,
        "index": True,
        "similarity": "cosine",
        "index_options": {"type": index_options},
    }


def index_meta(model_id: str, dimensions: int) -> dict[str, Any]:
    """What the index records about how it was built (read back on every open). The model id
    names the engine that ran the model too (`#engine=torch`): vectors of one engine are never
    mixed with another's, as the id must match; the engine is also written apart, to be read."""
    try:
        engine = EmbeddingSpec.parse(model_id).engine
    except ValueError:  # an id tiplex cannot load (a test double's): recorded as it is
        engine = None
    return {
        "tiplex": {
            "schema_version": SCHEMA_VERSION,
            "embedding_model": model_id,
            "embedding_engine": engine,
            "embedding_dimensions": dimensions,
        }
    }


def _amounts_by_currency() -> dict[str, Any]:
    return {
        "properties": {currency: {"type": "double"} for currency in money_bounds.CURRENCIES},
    }


# Fields added to the documents mapping after indices were first built with it: `ensure_indices`
# adds them to an existing index (its mapping is strict, so writing them would otherwise fail).
# Documents written before then lack them, and queries on them must allow for that.
ADDED_DOCUMENT_FIELDS: dict[str, Any] = {
    # The statutes a coded judgment charges or cites (normalised names, "PH RA 9208"): what
    # `citing` narrows its scan with before reading each judgment's coded facts.
    "cited_statutes": {"type": "keyword"},
    # Each defendant's coded prison term in months, and whether any was for life: the
    # `sentence_months` filter (`index.sentence_bounds`).
    "sentence_months": {"type": "integer"},
    "life_sentence": {"type": "boolean"},
    # What the court decided on compensation (the kinds of award ordered, `unpaid_detention`,
    # `refused`): the `compensation` filter (`index.compensation_filter`).
    "compensation_kinds": {"type": "keyword"},
    # The law this court convicts under, "trafficking" or "other" (`index.conviction_law`).
    "conviction_law": {"type": "keyword"},
    # The amounts of the awards ordered and of the fines, one field per currency so that a
    # range compares like with like: the `compensation_amount` and `fine_amount` filters
    # (`index.money_bounds`).
    **{field: _amounts_by_currency() for field in money_bounds.FIELDS},
}


def documents_mappings(dimensions: int, index_options: str = "int8_hnsw") -> dict[str, Any]:
    keyword = {"type": "keyword"}
    passage_properties: dict[str, Any] = {
        "ordinal": {"type": "integer"},
        "start": {"type": "integer"},
        "end": {"type": "integer"},
        "content_hash": keyword,
        "embedding": embedding_mapping(dimensions, index_options),
        **_text_properties(),
    }
    return {
        # Unknown fields are a bug in the writer, not something to index silently.
        "dynamic": "strict",
        "properties": {
            "doc_id": keyword,
            "source_id": keyword,
            "url": {"type": "keyword", "index": False},
            "title": {"type": "text", "fields": {"keyword": {"type": "keyword"}}},
            "country": keyword,
            "language": keyword,
            "doc_type": keyword,
            "court": keyword,
            "case_number": keyword,
            "decision_date": {
                "type": "date",
                "format": "strict_date_optional_time||yyyy-MM||yyyy",
                # A source's odd date string must not make the whole document fail.
                "ignore_malformed": True,
            },
            "year": {"type": "integer"},
            "fetched_at": {"type": "date", "ignore_malformed": True},
            "sha256": keyword,
            "content_type": keyword,
            "text_length": {"type": "integer"},
            "is_trafficking_case": {"type": "boolean"},
            "outcome": keyword,
            "proceeding_stage": keyword,
            "exploitation_forms": keyword,
            "sectors": keyword,
            # As every backend counts it: true when any victim was a child, false when none was.
            "minors": {"type": "boolean"},
            "minor_victims": {"type": "integer"},
            "transnational": {"type": "boolean"},
            "countries_involved": keyword,
            "non_punishment_raised": {"type": "boolean"},
            "non_punishment_applied": {"type": "boolean"},
            **ADDED_DOCUMENT_FIELDS,
            # The full coded case and the Document record travel with the document but are not
            # searchable as such; with `text` they let the index be rebuilt (re-embedded)
            # without the archive.
            "facts": {"type": "object", "enabled": False},
            "record": {"type": "object", "enabled": False},
            "text": {"type": "text", "index": False},
            PASSAGES_PATH: {"type": "nested", "properties": passage_properties},
        },
    }


def provisions_mappings() -> dict[str, Any]:
    keyword = {"type": "keyword"}
    heading = {
        "type": "text",
        "analyzer": "standard",
        "fields": {"exact": {"type": "text", "analyzer": "tiplex_exact"}},
    }
    return {
        "dynamic": "strict",
        "properties": {
            "doc_id": keyword,
            "country": keyword,
            "language": keyword,
            "title": {"type": "text", "fields": {"keyword": {"type": "keyword"}}},
            "source_url": {"type": "keyword", "index": False},
            "position": {"type": "integer"},
            "number": keyword,
            "heading": heading,
            "start": {"type": "integer"},
            "end": {"type": "integer"},
            "topics": keyword,
            "actip_articles": keyword,
            **_text_properties(),
        },
    }


def embedding_cache_mappings() -> dict[str, Any]:
    """hash -> vector. The vector is a base64 float32 blob in `_source`: it is only ever read
    back by id, and recent versions leave `dense_vector` values out of `_source` by default."""
    return {
        "dynamic": "strict",
        "properties": {
            "model": {"type": "keyword"},
            "dimensions": {"type": "integer", "index": False},
            "vector": {"type": "binary"},
        },
    }


def index_template(
    pattern: str, *, settings: dict[str, Any], mappings: dict[str, Any], priority: int = 200
) -> dict[str, Any]:
    """Keyword arguments for `indices.put_index_template` (composable template)."""
    return {
        "index_patterns": [pattern],
        "priority": priority,
        "template": {"settings": settings, "mappings": mappings},
        "meta": {"managed_by": "tiplex", "schema_version": SCHEMA_VERSION},
    }
