"""The compact per-document state: what it stores comes back exactly, across runs, merges and
shared keys."""

import numpy as np

from contentqa import compact
from contentqa.compact import IdTable, KeyTable, Rows


def test_key_table_finds_every_pair_through_flushes_and_merges(monkeypatch):
    monkeypatch.setattr(compact, "RUN_PAIRS", 64)
    monkeypatch.setattr(compact, "MAX_RUN", 512)  # some runs stop merging
    rng = np.random.default_rng(3)
    table, truth = KeyTable(), {}
    for number in range(2_000):
        keys = rng.integers(0, 300, size=3).tolist()  # keys shared by many numbers
        table.add(keys, number)
        for key in keys:
            truth.setdefault(key, set()).add(number)
    assert len(table.runs) > 2 and len(table.recent) > 0
    assert max(len(run) for run in table.runs) >= 512
    for key in range(300):
        assert table.query([key]) == truth.get(key, set())
    assert table.query([0, 1]) == truth.get(0, set()) | truth.get(1, set())
    assert table.query([2 ** 32 - 1]) == set()


def test_rows_grow_in_chunks_without_losing_a_row():
    rows = Rows(4, np.uint32, chunk=8)
    for number in range(30):
        assert rows.append(np.full(4, number)) == number
    assert len(rows) == 30 and len(rows.chunks) == 4
    rows[9] = 99
    assert rows.take([0, 9, 29]).tolist() == [[0] * 4, [99] * 4, [29] * 4]


def test_id_table_tells_apart_ids_whose_keys_collide(monkeypatch):
    monkeypatch.setattr(compact, "id_key", lambda doc_id: 7)  # every id on one key
    table = IdTable(["a.txt", "b.txt", "shard/é.jsonl:3"])
    assert table.number("shard/é.jsonl:3") == 2 and table.number("b.txt") == 1
    assert "c.txt" not in table and table.number("c.txt") is None
    assert list(table) == ["a.txt", "b.txt", "shard/é.jsonl:3"]


def test_id_table_keeps_many_ids_in_few_bytes():
    ids = [f"crawl-{n // 1000:04d}.jsonl.gz:{n % 1000}" for n in range(50_000)]
    table = IdTable(ids)
    assert all(ids[n] in table and table[n] == ids[n] for n in range(0, 50_000, 997))
    kept = len(table.blob) + sum(c.nbytes for c in table.ends.chunks) + 8 * len(table.keys)
    assert kept / len(ids) < 2 * 30  # its bytes (about 22) and a few integers


def test_key_table_finds_every_pair_in_runs_spilled_to_disk(monkeypatch):
    monkeypatch.setattr(compact, "RUN_PAIRS", 64)
    monkeypatch.setattr(compact, "BLOCK", 8)  # many blocks, and keys whose pairs cross them
    monkeypatch.setattr(compact, "CHUNK_PAIRS", 50)  # runs on disk merged a few pairs at a time
    rng = np.random.default_rng(5)
    table, truth = KeyTable(spill_pairs=256), {}
    for number in range(3_000):
        keys = rng.integers(0, 400, size=3).tolist() + [2 ** 32 - 1 - number % 2]
        table.add(keys, number)
        for key in keys:
            truth.setdefault(key, set()).add(number)
    assert len(table.spilled) >= 2 and sum(len(run) for run in table.runs) < 2 * 256
    assert max(len(run) for run in table.spilled) >= 4 * 256  # runs on disk were merged
    assert len(table) == 4 * 3_000
    for key in [*range(401), 2 ** 32 - 2, 2 ** 32 - 1]:
        assert table.query([key]) == truth.get(key, set()), key
    assert table.query([5, 2 ** 32 - 2]) == truth[5] | truth[2 ** 32 - 2]
    many = [*range(0, 401, 3), 7, 2 ** 32 - 1]  # keys that share blocks, in no order
    assert table.query(many) == set().union(*(truth.get(key, set()) for key in many))


def test_spilled_rows_read_back_what_was_written():
    rows = compact.SpilledRows(4, np.uint32)
    for number in range(300):
        assert rows.append(np.arange(4) + number) == number
    rows.append(0)  # a row of one value
    assert len(rows) == 301
    assert rows.take([299, 0, 300, 7]).tolist() == [[299, 300, 301, 302], [0, 1, 2, 3], [0] * 4, [7, 8, 9, 10]]
    rows.append(np.full(4, 9))  # written after a read: read back too
    assert rows.take([301]).tolist() == [[9] * 4] and rows.take([]).shape == (0, 4)


def test_merging_sorted_streams_of_chunks_keeps_every_value_in_order():
    rng = np.random.default_rng(11)
    for _ in range(50):
        values = [np.sort(rng.integers(0, 40, size=rng.integers(1, 300)).astype(np.uint64)) for _ in range(2)]

        def chunks(array):
            cuts = np.sort(rng.integers(1, len(array) + 1, size=3))
            return iter([part for part in np.split(array, cuts) if len(part)])

        merged = np.concatenate(list(compact.merge_sorted(chunks(values[0]), chunks(values[1]))))
        assert merged.tolist() == sorted(values[0].tolist() + values[1].tolist())


def test_a_run_written_to_disk_holds_only_a_few_chunks_in_memory_while_written():
    import tracemalloc

    def chunks():
        for number in range(50):  # 50 chunks of 32 KB: 1.6 MB in all
            yield np.arange(number * 4096, (number + 1) * 4096, dtype=np.uint64)

    tracemalloc.start()
    run = compact.SpilledRun(chunks())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert len(run) == 50 * 4096 and peak < 300_000, f"{peak} bytes at most in memory"
    assert run.read(4095, 4097).tolist() == [4095, 4096]
