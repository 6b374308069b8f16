"""The near-duplicate index: it finds copies, names clusters after their first document, and stays
within 2 KB per document (it is the one structure that grows with the corpus)."""

from __future__ import annotations

import random
import tracemalloc

from contentqa.dedup import NearDuplicateIndex

WORDS = ("river council budget station harbour museum garden bridge market school tram library festival "
         "winter summer north south east west old new city town village road park hall tower street").split()


def article(seed: int, words: int = 80) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def test_copies_are_found_and_clusters_are_named_after_the_first():
    index = NearDuplicateIndex(0.5)
    assert index.add("a", article(1)) == []
    assert index.add("b", article(2)) == []
    copy = article(1).replace(".", " and one more closing sentence about the harbour.")
    matches = index.add("c", copy)
    assert [m[0] for m in matches] == ["a"] and matches[0][1] >= 0.5
    assert index.cluster_of("c") == "a" and index.clusters() == {"a": "a", "b": "b", "c": "a"}


def test_an_id_added_twice_is_refused():
    index = NearDuplicateIndex()
    index.add("a", article(1))
    try:
        index.add("a", article(2))
    except ValueError as error:
        assert "'a' was added twice" in str(error)
    else:
        raise AssertionError("a repeated id was accepted")


def test_the_index_grows_by_under_2_kb_per_document():
    texts = [article(seed, 30) for seed in range(3000)]
    index = NearDuplicateIndex()
    tracemalloc.start()
    for n, text in enumerate(texts[:1500]):
        index.add(f"doc-{n:06d}", text)
    half, _ = tracemalloc.get_traced_memory()
    for n, text in enumerate(texts[1500:], 1500):
        index.add(f"doc-{n:06d}", text)
    full, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert (full - half) / 1500 < 2048, f"{(full - half) / 1500:.0f} bytes per document"
