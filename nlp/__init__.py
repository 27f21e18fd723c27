"""Stage 2: language, case coding and legislation, as a spaCy pipeline.

Public verbs (the only names `flows/` and the CLI use):

- `load_coder(config_path=None) -> CaseCoder`: loads the pipelines once (per language, lazily).
- `CaseCoder.code(document) -> CaseFacts`, `CaseCoder.code_many(documents)`.
- `detect_language(text) -> str`, `detect_doc_type(text) -> str` (judgment or legislation).
- `segment_provisions(document) -> list[Provision]` for legislation.
"""

from nlp.classify import detect_doc_type
from nlp.coder import CaseCoder, load_coder
from nlp.language import detect_language
from nlp.legislation import segment_provisions

__all__ = [
    "CaseCoder",
    "detect_doc_type",
    "detect_language",
    "load_coder",
    "segment_provisions",
]
