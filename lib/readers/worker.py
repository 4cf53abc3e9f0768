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
- a worker that died or was stopped is gone with its file; nothing is stored for the file,
  since the caller stores only what a worker returned;
- up to :data:`READERS` files (two, on two cores or more) are read at once, each by its own
  worker with its own budget, so a folder's ingest uses both cores (:func:`lib.ingest.iter_ingest`
  reads ahead in threads and stores in order).

Workers are forked by ``forkserver`` with the readers already imported and their memoised
look-ups warmed on the bundled samples (:mod:`lib.readers.warm_up`), so they share nothing with
the caller's threads (Streamlit's), start in a few milliseconds and read no file cold. At exit
the caller waits for the fork server, which has waited for every worker, so the caller's own
accounting (``/usr/bin/time``, ``RUSAGE_CHILDREN``) includes the workers' CPU time and peak memory.
"""

from __future__ import annotations

import atexit
import multiprocessing
import multiprocessing.connection
import os
import resource
import signal
import threading
import time
from dataclasses import dataclass
from multiprocessing import forkserver, spawn

from lib import settings
from lib.errors import FormError
from lib.model import Form

# imported once by the fork server: a worker that had to import them would do it for every file
_PRELOAD = [
    "lib.readers.warm_up",
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


READERS = max(1, min(2, os.cpu_count() or 1))
"""Files read at once (each in its own worker, within its own budget): a folder uses two cores."""
_READING = threading.BoundedSemaphore(READERS)


def parse_bytes_budgeted(data: bytes, source: str) -> list[Form]:
    """:func:`lib.readers.parse_bytes` in a fresh worker process, within the reading budget; up
    to :data:`READERS` calls from different threads read at the same time, each in its own worker.

    A worker is a bare process and a pipe (no process pool: its queues and threads cost more CPU
    per file than a small form takes to read)."""
    limits = budget()
    with _READING:
        outcome = _read_in_worker(data, source, limits)
    if isinstance(outcome, FormError):
        raise outcome
    return outcome


def _read_in_worker(data: bytes, source: str, limits: Budget) -> list[Form] | FormError:
    deadline = time.monotonic() + limits.wall_s  # from here: the worker's start counts too
    context = _context()
    receiving, sending = context.Pipe(duplex=False)
    worker = context.Process(
        target=_worker_main,
        args=(sending, data, source, limits.cpu_s, limits.memory_mb, _settings_env()),
        daemon=True,
    )
    worker.start()
    sending.close()  # the worker holds the only sending end: its death reads as the end of the pipe
    try:
        if not receiving.poll(max(0.0, deadline - time.monotonic())):
            return FormError(source, "over_wall_time", wall_s=limits.wall_s)
        try:
            return receiving.recv()
        except (EOFError, OSError):  # killed at the hard CPU limit, or died for want of memory
            worker.join(timeout=5)
            if worker.exitcode in (-signal.SIGKILL, -signal.SIGXCPU):
                return FormError(source, "over_time", cpu_s=limits.cpu_s)
            return FormError(source, "over_memory", memory_mb=limits.memory_mb)
    finally:
        receiving.close()
        if worker.is_alive():
            worker.kill()
        worker.join(timeout=5)


def _context() -> multiprocessing.context.ForkServerContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)  # read when the fork server starts, with the first file
    return context


@atexit.register
def _stop_fork_server() -> None:
    """Stop the fork server and wait for it (it has waited for the workers), so that nothing
    outlives the caller and the caller's parent counts the workers' CPU time and memory."""
    forkserver._forkserver._stop()  # no public way; a no-op when no fork server was started


# ---- in the worker ------------------------------------------------------------------------
def _worker_main(
    sending: multiprocessing.connection.Connection,
    data: bytes,
    source: str,
    cpu_s: int,
    memory_mb: int,
    env: dict[str, str],
) -> None:
    """Read one file within the budget and send back its forms or the refusal."""
    _limit_memory(memory_mb)
    outcome = _parse_within(data, source, cpu_s, memory_mb, env)
    try:
        sending.send(outcome)
    except MemoryError:  # sending the forms back needed more memory than the budget leaves
        sending.send(FormError(source, "over_memory", memory_mb=memory_mb))
    sending.close()


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
