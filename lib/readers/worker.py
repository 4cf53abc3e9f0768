"""Untrusted files are read in a worker process, within a budget of CPU time and memory.

A file of a few kilobytes can ask for minutes of work or gigabytes of memory (issue 15, D1).
Reading it in the caller's process would stall the dashboard for every user and could take the
server down, so :func:`parse_bytes_budgeted` hands the bytes to one worker process and waits:

- the worker's address space is capped at ``read_memory_mb`` (``RLIMIT_AS``): an allocation past
  it fails there, and the file is refused with 内存超限, naming the limit;
- each file may use ``read_cpu_seconds`` of CPU (``RLIMIT_CPU``): past it the kernel signals the
  worker (SIGXCPU, a few seconds later it kills it), and the file is refused with 读取超时,
  naming the limit; a worker that hangs without
  using CPU is stopped after six times the limit of wall time;
- each file gets a fresh worker process (forked from the server that holds the readers
  already imported), so no memory or CPU time is carried from one file to the next;
- a worker that died or was stopped is replaced before the next file; nothing is stored for
  the file, since the caller stores only what a worker returned;
- up to :data:`READERS` files (two, on two cores or more) are read at once, each by its own
  worker with its own budget, so a folder's ingest uses both cores (:func:`lib.ingest.iter_ingest`
  reads ahead in threads and stores in order).

Workers are forked by ``forkserver`` with the readers already imported and their memoised
look-ups warmed on the bundled samples (:mod:`lib.readers.warmup`), so they share nothing with
the caller's threads (Streamlit's), start in a few milliseconds and read no file cold.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import queue
import resource
import signal
import threading
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import spawn

from lib import settings
from lib.errors import FormError
from lib.model import Form

_PRELOAD = ["lib.readers", "lib.readers.warmup"]  # the readers, their caches warmed by the samples
_preparation_data = spawn.get_preparation_data


def _without_main(name: str) -> dict:
    """What a new worker is told to prepare, without importing the caller's main script: under
    Streamlit that is dashboard.py (the whole app and its libraries, a gigabyte of address space
    in every worker); the readers a worker needs are already imported by the fork server."""
    data = _preparation_data(name)
    data.pop("init_main_from_path", None)
    data.pop("init_main_from_name", None)
    return data


spawn.get_preparation_data = _without_main  # this project starts no other processes through multiprocessing
_GRACE_S = 3  # CPU seconds past the limit before the kernel kills a worker that ignored SIGXCPU
_WALL_FACTOR = 6  # wall time allowed per CPU second: a shared, loaded machine runs several times slower


class _Worker:
    """The pool of one worker process at a time (a fresh one per file), started on first use and
    replaced when a file broke it or the memory budget changed. Files are read one at a time."""

    def __init__(self) -> None:
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        self._memory_mb = 0
        self._lock = threading.Lock()  # one file at a time: the budget is per file

    def parse(self, data: bytes, source: str) -> list[Form]:
        cpu_s, memory_mb = budget()
        with self._lock:
            if self._pool is None or self._memory_mb != memory_mb:
                self._start(memory_mb)
            future = self._pool.submit(_parse_within, data, source, cpu_s, memory_mb, _settings_env())
            workers = self._processes()  # now, while the pool still lists them, to read how one ended
            try:
                outcome = future.result(timeout=cpu_s * _WALL_FACTOR)
            except concurrent.futures.TimeoutError:
                self._replace()
                raise FormError(source, _over_time(cpu_s)) from None
            except MemoryError:  # raised in the worker outside the reader (sending the result back)
                raise FormError(source, _over_memory(memory_mb)) from None
            except BrokenProcessPool:  # killed at the hard CPU limit, or died for want of memory
                self._replace()
                for process in workers:
                    process.join(timeout=5)
                ended = {process.exitcode for process in workers}
                out_of_time = bool({-signal.SIGKILL, -signal.SIGXCPU} & ended)
                raise FormError(
                    source, _over_time(cpu_s) if out_of_time else _over_memory(memory_mb)
                ) from None
        if isinstance(outcome, _Refusal):
            raise FormError(outcome.source, outcome.reason)
        return outcome

    def _start(self, memory_mb: int) -> None:
        self._replace()
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        self._memory_mb = memory_mb
        self._pool = concurrent.futures.ProcessPoolExecutor(
            max_workers=1,
            mp_context=context,
            initializer=_limit_memory,
            initargs=(memory_mb,),
            max_tasks_per_child=1,  # a fresh process per file: no memory or CPU carried over
        )

    def _processes(self) -> list[multiprocessing.process.BaseProcess]:
        return list((getattr(self._pool, "_processes", None) or {}).values())  # no public way to reach them

    def _replace(self) -> None:
        """Stop the worker (it may be stuck) and forget it; the next file starts a fresh one."""
        processes = self._processes()
        pool, self._pool = self._pool, None
        if pool is None:
            return
        for process in processes:
            if process.exitcode is None:
                process.kill()
            process.join(timeout=5)
        pool.shutdown(wait=False, cancel_futures=True)


READERS = max(1, min(2, os.cpu_count() or 1))
"""Files read at once (each in its own worker, within its own budget): a folder uses two cores."""


class _Workers:
    """``count`` independent workers; a file takes a free one, or waits for one. Each has its own
    pool of one process, so a file that breaks its worker never touches the other's file."""

    def __init__(self, count: int) -> None:
        self._free: queue.LifoQueue[_Worker] = (
            queue.LifoQueue()
        )  # the last used first: one caller, one process
        for _ in range(count):
            self._free.put(_Worker())

    def parse(self, data: bytes, source: str) -> list[Form]:
        worker = self._free.get()
        try:
            return worker.parse(data, source)
        finally:
            self._free.put(worker)


_WORKERS = _Workers(READERS)


def parse_bytes_budgeted(data: bytes, source: str) -> list[Form]:
    """:func:`lib.readers.parse_bytes` in a worker process, within the reading budget; up to
    :data:`READERS` calls from different threads read at the same time."""
    return _WORKERS.parse(data, source)


def budget() -> tuple[int, int]:
    """(CPU seconds, memory MB) one file may use: settings ``read_cpu_seconds``, ``read_memory_mb``."""
    return int(settings.get("read_cpu_seconds")), int(settings.get("read_memory_mb"))


def _over_time(cpu_s: int) -> str:
    return f"读取超时：超过 {cpu_s} 秒的读取时间上限 / reading took longer than the {cpu_s} s limit (setting read_cpu_seconds)"


def _over_memory(memory_mb: int) -> str:
    return (
        f"内存超限：读取需要超过 {memory_mb} MB 内存 / reading needed more than the {memory_mb} MB "
        "memory limit (setting read_memory_mb)"
    )


# ---- in the worker ------------------------------------------------------------------------
def _limit_memory(memory_mb: int) -> None:
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _settings_env() -> dict[str, str]:
    """The caller's setting overrides (``TARGETLENS_*``), which the worker applies before each file."""
    return {name: value for name, value in os.environ.items() if name.startswith("TARGETLENS_")}


def _apply_settings_env(env: dict[str, str]) -> None:
    for name in [n for n in os.environ if n.startswith("TARGETLENS_") and n not in env]:
        del os.environ[name]
    os.environ.update(env)


@dataclass(frozen=True)
class _Refusal:
    """A FormError as the worker sends it back (an exception whose arguments differ from its
    ``args`` does not survive pickling)."""

    source: str
    reason: str


def _parse_within(
    data: bytes, source: str, cpu_s: int, memory_mb: int, env: dict[str, str]
) -> list[Form] | _Refusal:
    """Parse with ``cpu_s`` more seconds of CPU allowed; a refusal is returned, not raised."""
    from lib.readers import parse_bytes

    _apply_settings_env(env)

    used = resource.getrusage(resource.RUSAGE_SELF)
    soft = int(used.ru_utime + used.ru_stime) + 1 + cpu_s
    signal.signal(signal.SIGXCPU, _out_of_time)  # at the soft limit; the hard one kills a stuck C loop
    resource.setrlimit(resource.RLIMIT_CPU, (soft, soft + _GRACE_S))
    try:
        return parse_bytes(data, source)
    except FormError as error:
        return _Refusal(error.source, error.reason)
    except _OutOfTime:
        return _Refusal(source, _over_time(cpu_s))
    except MemoryError:
        return _Refusal(source, _over_memory(memory_mb))


class _OutOfTime(Exception):
    """The worker's CPU time for this file ran out (SIGXCPU)."""


def _out_of_time(signum: int, frame: object) -> None:
    raise _OutOfTime
