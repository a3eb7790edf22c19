"""The embeddings backend kind: texts in, unit-length vectors out."""

from __future__ import annotations

import abc
from collections.abc import Sequence


class EmbeddingError(Exception):
    """Base class of every error an embeddings backend raises."""


class EmbedderUnavailable(EmbeddingError):
    """The model cannot be loaded here (an extra is not installed, or no such model)."""


class Embedder(abc.ABC):
    #: What the vectors were made with, recorded on every collection built from them.
    model_name: str

    @property
    @abc.abstractmethod
    def dimensions(self) -> int: ...

    @abc.abstractmethod
    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """One unit-length vector per text, in order (so a dot product is a cosine)."""

    def health(self) -> None:
        """Raise EmbeddingError if the model cannot be used."""
        self.embed(["health check"])
