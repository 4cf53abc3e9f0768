"""Untrusted files are read in a worker process, within a budget of CPU time and memory.

A file of a few kilobytes can ask for minutes of work or gigabytes of memory (issue 15, D1).
Reading it in the caller's process would stall the dashboard for every user and could take the
server down, so :func:`parse_bytes_budgeted` hands the bytes to one worker process and waits:

- the worker's address space is capped at ``read_memory_mb`` (``RLIMIT_AS``): an allocation past
  it fails there, and the file is refused with 内存超限, naming the limit;
- each file may use ``read_cpu_seconds`` of CPU (``RLIMIT_CPU``): past it the kernel signals the
  worker (SIGXCPU, a few seconds later it kills it), and the file is refused with 读取超时,
  naming the limit;
- each file may take ``read_wall_seconds`` of wall-clock time, from the moment it is handed over
  (the worker's start included) to its answer: past it the worker is killed and the file refused
  with 读取超时. On a machine busy with other work a second of wall time buys a fraction of a
  second of CPU (at a load of 10 on 2 cores, a fifth), so the CPU limit alone would let a
  refusal take minutes; the wall limit keeps it within seconds whatever the load;
- each file gets a fresh worker process (forked from the server that holds the readers
  already imported), so no memory or CPU time is carried from one file to the next;
- a worker that died or was stopped is replaced before the next file; nothing is stored for
  the file, since the caller stores only what a worker returned.

Workers are forked by ``forkserver`` with the readers already imported, and the modules a
worker itself needs (this one, multiprocessing's locks and its fork-server launcher), so they
share nothing with the caller's threads (Streamlit's) and start in a few milliseconds.
At exit the caller waits for the fork server, which has waited for every worker, so the
caller's own accounting (``/usr/bin/time``, ``RUSAGE_CHILDREN``) includes the workers' CPU time
and peak memory.
"""

from __future__ import annotations

import atexit
import concurrent.futures
import multiprocessing
import os
import resource
import signal
import threading
import time
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import forkserver, spawn

from lib import settings
from lib.errors import FormError
from lib.model import Form

# imported once by the fork server: a worker that had to import them would do it for every file
_PRELOAD = [
    "lib.readers",
    "lib.readers.worker",
    "multiprocessing.synchronize",
    "multiprocessing.popen_forkserver",
]
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
_GRACE_S = 2  # CPU seconds past the limit before the kernel kills a worker that ignored SIGXCPU


@dataclass(frozen=True)
class Budget:
    """What one file may use: settings ``read_cpu_seconds``, ``read_wall_seconds``, ``read_memory_mb``."""

    cpu_s: int
    wall_s: float
    memory_mb: int


def budget() -> Budget:
    return Budget(
        int(settings.get("read_cpu_seconds")),
        float(settings.get("read_wall_seconds")),
        int(settings.get("read_memory_mb")),
    )


class _Worker:
    """The pool of one worker process at a time (a fresh one per file), started on first use and
    replaced when a file broke it or the memory budget changed. Files are read one at a time."""

    def __init__(self) -> None:
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None
        self._memory_mb = 0
        self._lock = threading.Lock()  # one file at a time: the budget is per file

    def parse(self, data: bytes, source: str) -> list[Form]:
        limits = budget()
        with self._lock:
            deadline = time.monotonic() + limits.wall_s  # from here: a worker's start counts too
            if self._pool is None or self._memory_mb != limits.memory_mb:
                self._start(limits.memory_mb)
            future = self._pool.submit(
                _parse_within, data, source, limits.cpu_s, limits.memory_mb, _settings_env()
            )
            workers = self._processes()  # now, while the pool still lists them, to read how one ended
            try:
                outcome = future.result(timeout=max(0.0, deadline - time.monotonic()))
            except concurrent.futures.TimeoutError:
                self._replace()
                raise FormError(source, "over_wall_time", wall_s=limits.wall_s) from None
            except MemoryError:  # raised in the worker outside the reader (sending the result back)
                raise FormError(source, "over_memory", memory_mb=limits.memory_mb) from None
            except BrokenProcessPool:  # killed at the hard CPU limit, or died for want of memory
                self._replace()
                for process in workers:
                    process.join(timeout=5)
                ended = {process.exitcode for process in workers}
                out_of_time = bool({-signal.SIGKILL, -signal.SIGXCPU} & ended)
                if out_of_time:
                    raise FormError(source, "over_time", cpu_s=limits.cpu_s) from None
                raise FormError(source, "over_memory", memory_mb=limits.memory_mb) from None
        if isinstance(outcome, FormError):
            raise outcome
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

    def close(self) -> None:
        """Let the worker end (at exit)."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

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


_WORKER = _Worker()


def parse_bytes_budgeted(data: bytes, source: str) -> list[Form]:
    """:func:`lib.readers.parse_bytes` in the worker process, within the reading budget."""
    return _WORKER.parse(data, source)


@atexit.register
def _stop_fork_server() -> None:
    """Stop the fork server and wait for it (it has waited for the workers), so that nothing
    outlives the caller and the caller's parent counts the workers' CPU time and memory."""
    _WORKER.close()
    forkserver._forkserver._stop()  # no public way; a no-op when no fork server was started


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


def _parse_within(
    data: bytes, source: str, cpu_s: int, memory_mb: int, env: dict[str, str]
) -> list[Form] | FormError:
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
        return error
    except _OutOfTime:
        return FormError(source, "over_time", cpu_s=cpu_s)
    except MemoryError:
        return FormError(source, "over_memory", memory_mb=memory_mb)


class _OutOfTime(Exception):
    """The worker's CPU time for this file ran out (SIGXCPU)."""


def _out_of_time(signum: int, frame: object) -> None:
    raise _OutOfTime
