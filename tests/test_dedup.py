"""The near-duplicate index: it finds copies, names clusters after their first document, and keeps
under 0.5 KB per document in memory (it is the one structure that grows with the corpus; the rest
of it is on disk)."""

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


def test_the_index_grows_in_memory_by_under_half_a_kb_per_document():
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
    assert (full - half) / 1500 < 512, f"{(full - half) / 1500:.0f} bytes per document"


def test_the_index_finds_what_comparing_every_pair_finds_through_flushes_merges_and_spills(monkeypatch):
    from contentqa import compact, dedup

    monkeypatch.setattr(compact, "RUN_PAIRS", 256)  # six documents' band keys a run: many runs, many merges
    monkeypatch.setattr(compact, "MAX_RUN", 4096)
    monkeypatch.setattr(compact, "BLOCK", 16)
    monkeypatch.setattr(compact, "CHUNK_PAIRS", 300)
    monkeypatch.setattr(dedup, "SPILL_PAIRS", 2048)  # runs of about 50 documents go to disk
    rng = random.Random(7)
    texts = []
    for n in range(400):
        if n > 20 and rng.random() < 0.25:  # a copy of an earlier text with a few words changed
            words = rng.choice(texts).split()
            for _ in range(rng.randint(0, 6)):
                words[rng.randrange(len(words))] = rng.choice(WORDS)
            texts.append(" ".join(words))
        else:
            texts.append(article(1000 + n, 60))
    index = NearDuplicateIndex(0.5)
    signatures, found = [], {}
    for n, text in enumerate(texts):
        signatures.append(index.signature(text))
        found[n] = {other for other, _ in index.add(f"d{n}", text)}
    assert len(index._bands.spilled) > 1 and index._bands.runs
    assert max(len(run) for run in index._bands.spilled) >= 4 * 2048  # runs on disk were merged
    for n, signature in enumerate(signatures):
        agreements = {f"d{m}": float((signatures[m] == signature).mean()) for m in range(n)}
        sure = {m for m, a in agreements.items() if a >= 0.7}  # banding misses such a pair once in 10^7
        assert sure <= found[n], n
        assert all(agreements[m] >= 0.5 for m in found[n]), n
    assert sum(len(f) for f in found.values()) >= 80


def test_signatures_are_datasketchs_minhash_value_for_value():
    from datasketch import MinHash

    from contentqa.dedup import NUM_PERM, hash32, shingles

    index = NearDuplicateIndex()
    for text in [article(seed, words) for seed, words in ((1, 80), (2, 6), (3, 400))] + ["one two", "Ünïcode — text"]:
        reference = MinHash(num_perm=NUM_PERM, hashfunc=hash32)
        reference.update_batch(list(shingles(text)))
        assert index.signature(text).tolist() == reference.hashvalues.astype("uint32").tolist()
    assert index.signature("  ...  ") is None


def test_many_copies_of_one_page_fill_a_bucket_and_still_join_one_cluster(monkeypatch):
    """Thousands of copies of an error page must not make each copy compare with every earlier one."""
    from contentqa import dedup

    monkeypatch.setattr(dedup, "BUCKET_LIMIT", 16)
    index = NearDuplicateIndex()
    page = "Access denied. You do not have permission to view this page on this server."
    for n in range(300):
        assert len(index.add(f"copy-{n:03d}", page)) == min(n, 16)  # the bucket's first 16 copies
    assert len(index._bands) == 42 * 16
    for n in range(50):  # copies that differ a little still find the cluster
        assert index.add(f"variant-{n:02d}", f"{page} Reference {n}.")
    assert set(index.clusters().values()) == {"copy-000"}
    index.add("other", article(5))
    assert index.cluster_of("other") == "other"
