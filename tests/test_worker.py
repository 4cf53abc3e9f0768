"""Files are read in a worker process within a CPU and memory budget (issue 15, D1).

The budget is made small here (1–2 s, 300 MB) so that a file built in code exceeds it quickly;
what is checked is the outcome a user sees: a refusal naming the limit, nothing stored, and the
next file read as usual. A worker reads file after file (issue 14), each within its own budget:
the tests that say "after others" read files first and check the same worker went on.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from lib.errors import FormError
from lib.ingest import ingest_paths
from lib.readers import parse_bytes, worker
from lib.readers.worker import idle_worker_pids, parse_bytes_budgeted, retire_workers
from lib.store import open_store
from lib.views.imports import read_upload

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = sorted((ROOT / "data" / "samples").glob("*.txt"))[0]
MANY_CELLS = (
    "部门整体支出绩效目标表\n" + ("一\t" * 99 + "1\n") * 24_000
).encode()  # 2.4M cells: ~17 s, ~800 MB
SOME_CELLS = ("部门整体支出绩效目标表\n" + ("一\t" * 99 + "1\n") * 500).encode()  # ~0.4 CPU s


def read_sample() -> list[int]:
    """Read the sample through a worker; the idle workers after it."""
    assert parse_bytes_budgeted(SAMPLE.read_bytes(), SAMPLE.name)[0].indicators
    return idle_worker_pids()


@pytest.fixture(autouse=True)
def fresh_workers() -> None:
    """Each test starts with no worker left by another."""
    retire_workers()


def test_a_form_reads_in_the_worker_as_it_does_in_process() -> None:
    data = SAMPLE.read_bytes()
    assert [f.to_dict() for f in parse_bytes_budgeted(data, SAMPLE.name)] == [
        f.to_dict() for f in parse_bytes(data, SAMPLE.name)
    ]


def test_a_file_over_the_time_budget_is_refused_and_the_worker_replaced(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TARGETLENS_READ_CPU_SECONDS", "1")
    with pytest.raises(FormError, match="1 s CPU-time limit.*read_cpu_seconds"):
        parse_bytes_budgeted(MANY_CELLS, "slow.txt")
    assert parse_bytes_budgeted(SAMPLE.read_bytes(), SAMPLE.name)[0].indicators


def test_a_file_over_the_wall_clock_budget_is_refused_whatever_cpu_it_may_still_use(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a busy machine CPU seconds come slowly: the wall-clock limit refuses in time anyway."""
    monkeypatch.setenv("TARGETLENS_READ_CPU_SECONDS", "600")
    monkeypatch.setenv("TARGETLENS_READ_WALL_SECONDS", "1.5")
    with pytest.raises(FormError, match="longer than the 1.5 s limit.*read_wall_seconds"):
        parse_bytes_budgeted(MANY_CELLS, "slow.txt")
    monkeypatch.delenv("TARGETLENS_READ_WALL_SECONDS")
    assert parse_bytes_budgeted(SAMPLE.read_bytes(), SAMPLE.name)[0].indicators


def test_a_file_over_the_memory_budget_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TARGETLENS_READ_MEMORY_MB", "300")
    with pytest.raises(FormError, match="more than the 300 MB memory limit"):
        parse_bytes_budgeted(MANY_CELLS, "big.txt")
    monkeypatch.delenv("TARGETLENS_READ_MEMORY_MB")
    assert parse_bytes_budgeted(SAMPLE.read_bytes(), SAMPLE.name)[0].indicators


def test_a_command_accounts_for_its_workers_cpu_time(tmp_path: Path) -> None:
    """``/usr/bin/time python -m lib parse`` counts the worker: the command waits for the fork
    server at exit, which has waited for the worker (else both would be reparented, uncounted)."""
    slow = tmp_path / "slow.txt"
    slow.write_bytes(MANY_CELLS)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-m", "lib", "parse", str(slow), "--lang", "zh"],
        cwd=ROOT,
        env={**os.environ, "TARGETLENS_READ_CPU_SECONDS": "3"},
        capture_output=True,
        text=True,
        check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert "读取超时" in done.stderr and "Traceback" not in done.stderr
    used = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    assert used >= 3  # the worker's own 3 CPU seconds at least (the command alone takes about one)


def test_the_worker_sees_the_callers_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    [first] = read_sample()
    monkeypatch.setenv("TARGETLENS_MAX_TEXT_CHARS", "100")
    with pytest.raises(FormError, match="more than 100 characters"):
        parse_bytes_budgeted(SAMPLE.read_bytes(), SAMPLE.name)
    monkeypatch.delenv("TARGETLENS_MAX_TEXT_CHARS")
    assert read_sample() == [first]  # the same worker, told the setting with each file


def test_ingest_stores_nothing_for_a_file_over_budget(
    tmp_path: Path, tmp_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TARGETLENS_READ_CPU_SECONDS", "1")
    slow = tmp_path / "slow.txt"
    slow.write_bytes(MANY_CELLS)
    with open_store(tmp_db) as store:
        bad, good = ingest_paths([slow, SAMPLE], store)
        assert bad.status == "error" and bad.error.code == "over_time" and "读取超时" in bad.error.text("zh")
        assert good.status == "added"
        assert store.count_forms() == 1


def test_a_form_beyond_max_indicators_per_form_is_refused_at_ingest(
    tmp_path: Path, tmp_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TARGETLENS_MAX_INDICATORS_PER_FORM", "10")
    with open_store(tmp_db) as store:
        [result] = ingest_paths([SAMPLE], store)
        assert result.status == "error" and "max_indicators_per_form" in result.error.reason
        assert store.count_forms() == 0
    upload = read_upload(SAMPLE.read_bytes(), SAMPLE.name)
    assert upload.error is not None and "max_indicators_per_form" in upload.error.reason


def test_every_file_has_its_own_cpu_budget_in_a_reused_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """Six files of ~0.4 CPU s each, one worker: 2.4 s in all, past what one file may take."""
    monkeypatch.setenv("TARGETLENS_READ_CPU_SECONDS", "1")
    [first] = read_sample()
    for _ in range(6):
        parse_bytes_budgeted(SOME_CELLS, "some.txt")
    assert idle_worker_pids() == [first]


def test_a_file_over_the_time_budget_after_others_is_refused_and_the_next_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TARGETLENS_READ_CPU_SECONDS", "1")
    [first] = read_sample()
    assert read_sample() == [first]
    with pytest.raises(FormError, match="1 s CPU-time limit.*read_cpu_seconds") as refused:
        parse_bytes_budgeted(MANY_CELLS, "slow.txt")
    assert refused.value.code == "over_time" and "读取超时" in refused.value.text("zh")
    assert first not in read_sample()  # the interrupted worker was replaced


def test_a_file_over_the_memory_budget_after_others_is_refused_and_the_next_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TARGETLENS_READ_MEMORY_MB", "300")
    [first] = read_sample()
    assert read_sample() == [first]
    with pytest.raises(FormError, match="300 MB memory limit.*read_memory_mb") as refused:
        parse_bytes_budgeted(MANY_CELLS, "big.txt")
    assert "内存超限" in refused.value.text("zh")
    assert first not in read_sample()


def test_a_worker_is_replaced_after_read_worker_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TARGETLENS_READ_WORKER_FILES", "3")
    [first] = read_sample()
    assert read_sample() == [first]
    assert read_sample() == []  # its third file: retired
    [second] = read_sample()
    assert second != first


def test_a_worker_killed_while_idle_does_not_cost_the_next_file() -> None:
    [first] = read_sample()
    os.kill(first, 9)
    worker._idle[0].process.join(timeout=10)  # it died a while before the next file came
    assert first not in read_sample()


def test_a_changed_memory_budget_gets_a_worker_started_with_it(monkeypatch: pytest.MonkeyPatch) -> None:
    [first] = read_sample()
    monkeypatch.setenv("TARGETLENS_READ_MEMORY_MB", "300")
    with pytest.raises(FormError, match="300 MB"):
        parse_bytes_budgeted(MANY_CELLS, "big.txt")
    assert first not in read_sample()


def test_reused_workers_read_the_samples_as_a_new_worker_per_file_does(
    samples: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_all() -> list[dict]:
        return [
            f.to_dict()
            for _ in range(2)
            for p in samples
            for f in parse_bytes_budgeted(p.read_bytes(), p.name)
        ]

    reused = read_all()
    assert len(idle_worker_pids()) == 1
    monkeypatch.setenv("TARGETLENS_READ_WORKER_FILES", "1")
    assert read_all() == reused


def test_a_reader_failing_in_the_worker_is_told_as_such_and_the_next_file_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A setting the readers cannot use (not a number) fails inside the worker: the file is
    refused naming the error, not as 内存超限, and the next one is read by a new worker."""
    [first] = read_sample()
    monkeypatch.setenv("TARGETLENS_MAX_TEXT_CHARS", "lots")
    with pytest.raises(FormError, match="ValueError") as refused:
        parse_bytes_budgeted(SAMPLE.read_bytes(), SAMPLE.name)
    assert refused.value.code == "unexpected"
    monkeypatch.delenv("TARGETLENS_MAX_TEXT_CHARS")
    assert first not in read_sample()


def test_a_worker_that_kept_more_memory_than_the_margin_is_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker reports what it holds above its fresh size after each file; past the margin
    (here: any, as if the margin were below nothing) the next file goes to a new worker."""
    [first] = read_sample()
    monkeypatch.setattr(worker, "memory_margin_mb", lambda memory_mb: -1)
    assert read_sample() == []
    monkeypatch.undo()
    [second] = read_sample()
    assert second != first


STUCK_IN_C = """
import lib.readers
from lib.readers import worker
lib.readers.parse_bytes = lambda data, source: sum(range(10**12))  # C: never sees SIGXCPU
worker._parse_within(b"x", "stuck.txt", 1, 1024, {})
"""


def test_a_worker_stuck_in_c_past_its_cpu_time_is_killed() -> None:
    """The second stage of the CPU limit, now a per-file CPU-time timer (a reused worker cannot
    raise its hard RLIMIT_CPU again): a loop in C that never lets Python see SIGXCPU is killed."""
    done = subprocess.run([sys.executable, "-c", STUCK_IN_C], cwd=ROOT, timeout=120, check=False)
    assert done.returncode == -signal.SIGPROF
