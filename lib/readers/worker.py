"""Untrusted files are read in worker processes, each file within a budget of CPU time and memory.

A file of a few kilobytes can ask for minutes of work or gigabytes of memory (issue 15, D1).
Reading it in the caller's process would stall the dashboard for every user and could take the
server down, so :func:`parse_bytes_budgeted` hands the bytes to a worker process and waits.
A worker reads file after file (issue 14: a new process per file cost 10–15 ms of CPU, as much
as reading a small form), and every file still gets the whole budget from its own start:

- CPU: before each file the worker sets its soft ``RLIMIT_CPU`` to the CPU time it has used so
  far plus ``read_cpu_seconds``; past it the kernel signals the worker (SIGXCPU), which stops
  the reading and refuses the file with 读取超时, naming the setting. A C loop that never lets
  Python see the signal is killed ``_GRACE_S`` CPU seconds later by a CPU-time timer
  (``ITIMER_PROF``, its signal left to the default action), armed afresh for each file: the hard
  ``RLIMIT_CPU`` did that when each file had its own process, but a process cannot raise a
  hard limit again for its next file.
- Wall clock: the caller times each file from the moment it is handed over (a new worker's start
  included) to its answer; past ``read_wall_seconds`` the worker is killed and the file refused
  with 读取超时. On a machine busy with other work a second of wall time buys a fraction of a
  second of CPU (at a load of 10 on 2 cores, a fifth), so the CPU limit alone would let a
  refusal take minutes; the wall limit keeps it within seconds whatever the load.
- Memory: the address space is capped (``RLIMIT_AS``) at ``read_memory_mb``; an allocation past
  it fails (MemoryError) and the file is refused with 内存超限, naming the limit. The cap is per
  process, so before each file the worker raises its soft limit by what earlier files left
  behind (memoised look-ups, a fragmented heap): each file has the room a new worker would have
  had. The hard limit is ``read_memory_mb`` plus :func:`memory_margin_mb` (an eighth), and a
  worker that has kept more than that margin is replaced rather than trusted further.
- A worker is replaced (a new one forked for the next file) after a refusal that interrupted the
  readers mid-way (读取超时, 内存超限: whatever they were building is not trusted), after
  ``read_worker_files`` files (so that nothing accumulates forever), when ``read_memory_mb``
  changed (its cap was fixed when it started), and when it died: a worker killed or crashed takes
  only its current file with it (refused as before; nothing is stored for it, since the caller
  stores only what a worker returned), and the next file goes to a new worker.
- Settings reach a reused worker: the caller's ``TARGETLENS_*`` overrides go with each file and
  the worker applies them before reading it.
- Up to :data:`READERS` files (two, on two cores or more) are read at once, each by its own
  worker with its own budget, so a folder's ingest uses both cores (:func:`lib.ingest.iter_ingest`
  reads ahead in threads and stores in order). A worker waits between files for the next one.

Workers are forked by ``forkserver`` with the readers already imported and their memoised
look-ups warmed on the bundled samples (:mod:`lib.readers.warm_up`), so they share nothing with
the caller's threads (Streamlit's), start in a few milliseconds and read no file cold. At exit
the caller ends its workers and waits for the fork server, which has reaped every worker, so the
caller's own accounting (``/usr/bin/time``, ``RUSAGE_CHILDREN``) includes the workers' CPU time
and peak memory.
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
"""Files read at once (each by its own worker, within its own budget): a folder uses two cores."""
_READING = threading.BoundedSemaphore(READERS)


def memory_margin_mb(memory_mb: int) -> int:
    """Address space a reused worker may keep from the files it read (caches, a fragmented heap)
    before it is retired: an eighth of ``read_memory_mb``. Each file is still given the whole
    budget (the soft limit is raised by what the worker kept), so this only bounds the total: two
    workers hold at most 2 × 9/8 of the budget, and a worker whose heap grew by more (a file near
    the limit leaves free but fragmented pages) is replaced rather than trusted."""
    return memory_mb // 8


@dataclass
class _Worker:
    """One long-lived reading process (caller's side): its pipe and what it has read."""

    process: multiprocessing.process.BaseProcess
    connection: multiprocessing.connection.Connection
    memory_mb: int
    files_read: int = 0


_idle: list[_Worker] = []  # workers waiting for a file (at most READERS), each owned by no thread
_idle_lock = threading.Lock()


def parse_bytes_budgeted(data: bytes, source: str) -> list[Form]:
    """:func:`lib.readers.parse_bytes` in a worker process, within the reading budget; up to
    :data:`READERS` calls from different threads read at the same time, each in its own worker.

    A worker is a bare process and a pipe (no process pool: its queues and threads cost more CPU
    per file than a small form takes to read), reused for file after file."""
    limits = budget()
    with _READING:
        outcome = _read_in_worker(data, source, limits)
    if isinstance(outcome, FormError):
        raise outcome
    return outcome


def _read_in_worker(data: bytes, source: str, limits: Budget) -> list[Form] | FormError:
    deadline = time.monotonic() + limits.wall_s  # from here: a new worker's start counts too
    worker = _hand_over(data, source, limits)
    if not worker.connection.poll(max(0.0, deadline - time.monotonic())):
        _retire(worker, kill=True)
        return FormError(source, "over_wall_time", wall_s=limits.wall_s)
    try:
        outcome, kept_mb = worker.connection.recv()
    except (EOFError, OSError):  # killed past its CPU time, or died for want of memory
        _retire(worker)
        if worker.process.exitcode in (-signal.SIGKILL, -signal.SIGXCPU, -signal.SIGPROF):
            return FormError(source, "over_time", cpu_s=limits.cpu_s)
        return FormError(source, "over_memory", memory_mb=limits.memory_mb)
    worker.files_read += 1
    if _worn(worker, outcome, kept_mb):
        _retire(worker)
    else:
        with _idle_lock:
            _idle.append(worker)
    return outcome


def _hand_over(data: bytes, source: str, limits: Budget) -> _Worker:
    """An idle worker (or a new one) that has been sent the file and its settings."""
    worker = _idle_worker(limits.memory_mb) or _new_worker(limits.memory_mb)
    request = (data, source, limits.cpu_s, _settings_env())
    try:
        worker.connection.send(request)
    except OSError:  # it died while idle (killed from outside): the file goes to a new worker
        _retire(worker, kill=True)
        worker = _new_worker(limits.memory_mb)
        worker.connection.send(request)
    return worker


def _idle_worker(memory_mb: int) -> _Worker | None:
    """A waiting worker started with this memory budget; one started with another (the setting
    changed) is retired, since its address-space limit was fixed when it started."""
    while True:
        with _idle_lock:
            worker = _idle.pop() if _idle else None
        if worker is None or (worker.memory_mb == memory_mb and worker.process.is_alive()):
            return worker
        _retire(worker, kill=True)


def _new_worker(memory_mb: int) -> _Worker:
    context = _context()
    ours, theirs = context.Pipe()
    process = context.Process(target=_worker_main, args=(theirs, memory_mb), daemon=True)
    process.start()
    theirs.close()  # the worker holds the only other end: its death reads as the end of the pipe
    return _Worker(process, ours, memory_mb)


_INTERRUPTED = ("over_time", "over_memory", "unexpected")
"""Refusals that stopped the worker in the middle of the readers' code: it is not trusted after."""


def _worn(worker: _Worker, outcome: list[Form] | FormError, kept_mb: float) -> bool:
    """Whether a worker that answered should be replaced rather than read the next file."""
    return (
        (isinstance(outcome, FormError) and outcome.code in _INTERRUPTED)
        or kept_mb > memory_margin_mb(worker.memory_mb)
        or worker.files_read >= int(settings.get("read_worker_files"))
    )


def _retire(worker: _Worker, kill: bool = False) -> None:
    """End a worker: closing its pipe lets it finish, or it is killed; then it is waited for."""
    worker.connection.close()
    if kill and worker.process.is_alive():
        worker.process.kill()
    worker.process.join(timeout=5)
    if worker.process.is_alive():  # stuck: it never read the end of its pipe
        worker.process.kill()
        worker.process.join(timeout=5)


def idle_worker_pids() -> list[int]:
    """The processes of the workers waiting for a file (a benchmark reads their CPU time)."""
    with _idle_lock:
        return [worker.process.pid for worker in _idle]


def retire_workers() -> None:
    """End the idle workers and wait for them (their CPU time then counts in the fork server's
    children's, and so in the caller's at exit)."""
    with _idle_lock:
        leaving = _idle[:]
        _idle.clear()
    for worker in leaving:
        _retire(worker)


def _forget_workers() -> None:
    """In a forked copy of the caller: no worker is its own, and no lock is held by a thread of it."""
    global _READING, _idle_lock
    _idle.clear()
    _READING, _idle_lock = threading.BoundedSemaphore(READERS), threading.Lock()


os.register_at_fork(after_in_child=_forget_workers)


def _context() -> multiprocessing.context.ForkServerContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)  # read when the fork server starts, with the first file
    return context


@atexit.register
def _stop_fork_server() -> None:
    """End the workers, then stop the fork server and wait for it (it has reaped the workers), so
    that nothing outlives the caller and the caller's parent counts the workers' CPU time and memory."""
    retire_workers()
    forkserver._forkserver._stop()  # no public way; a no-op when no fork server was started


# ---- in the worker ------------------------------------------------------------------------
def _worker_main(connection: multiprocessing.connection.Connection, memory_mb: int) -> None:
    """Read file after file, each within its own budget, until the caller closes the pipe."""
    _limit_memory(memory_mb)
    fresh_mb = _address_space_mb()
    while True:
        try:
            data, source, cpu_s, env = connection.recv()
        except EOFError:
            return
        kept_mb = _address_space_mb() - fresh_mb
        _give_memory(memory_mb, kept_mb)
        try:
            outcome = _parse_within(data, source, cpu_s, memory_mb, env)
        except _OutOfTime:  # SIGXCPU came as the parse ended, before it was ignored again
            outcome = FormError(source, "over_time", cpu_s=cpu_s)
        del data
        try:
            connection.send((outcome, _address_space_mb() - fresh_mb))
        except MemoryError:  # sending the forms back needed more memory than the budget leaves
            connection.send((FormError(source, "over_memory", memory_mb=memory_mb), 0.0))


def _limit_memory(memory_mb: int) -> None:
    """The address-space limit: ``memory_mb``, raised for each file by what earlier files left
    (:func:`_give_memory`) up to the hard limit ``memory_mb`` + the margin."""
    limit = memory_mb * _MB
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit + memory_margin_mb(memory_mb) * _MB))


def _give_memory(memory_mb: int, kept_mb: float) -> None:
    """This file's address-space limit: as much room as a new worker would have had."""
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    resource.setrlimit(resource.RLIMIT_AS, (min(hard, int((memory_mb + max(0.0, kept_mb)) * _MB)), hard))


def _address_space_mb() -> float:
    with open("/proc/self/statm", "rb") as statm:
        return int(statm.read().split()[0]) * _PAGE / _MB


_MB = 1024 * 1024
_PAGE = os.sysconf("SC_PAGE_SIZE")


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
    """Parse with ``cpu_s`` more seconds of CPU allowed; a refusal is returned, not raised.

    At the soft ``RLIMIT_CPU`` the kernel sends SIGXCPU, which ends the parse; a C loop that never
    returns to Python to see it is killed ``_GRACE_S`` CPU seconds later by SIGPROF (a CPU-time
    timer whose signal is left to its default action). The hard ``RLIMIT_CPU`` cannot serve here as
    it did when each file had a new worker: a process may lower its hard limits but not raise them."""
    from lib.readers import parse_bytes

    _apply_settings_env(env)
    used = resource.getrusage(resource.RUSAGE_SELF)
    used_s = used.ru_utime + used.ru_stime
    soft = int(used_s) + 1 + cpu_s
    resource.setrlimit(resource.RLIMIT_CPU, (soft, resource.getrlimit(resource.RLIMIT_CPU)[1]))
    signal.signal(signal.SIGXCPU, _out_of_time)
    signal.setitimer(signal.ITIMER_PROF, soft - used_s + _GRACE_S)
    try:
        return parse_bytes(data, source)
    except FormError as error:
        return error
    except _OutOfTime:
        return FormError(source, "over_time", cpu_s=cpu_s)
    except MemoryError:
        return FormError(source, "over_memory", memory_mb=memory_mb)
    except Exception as error:  # a bug in a reader: told as one, and this worker replaced
        return unexpected(source, error)
    finally:
        signal.signal(signal.SIGXCPU, signal.SIG_IGN)  # between files: nothing to stop
        signal.setitimer(signal.ITIMER_PROF, 0)


def unexpected(source: str, error: Exception) -> FormError:
    """The FormError shown, on one line, for an exception that is not one (a bug in a reader),
    whether it was raised in a worker or in the caller (:mod:`lib.ingest`)."""
    return FormError(source, "unexpected", kind=type(error).__name__, detail=" ".join(str(error).split()))


class _OutOfTime(Exception):
    """The worker's CPU time for this file ran out (SIGXCPU)."""


def _out_of_time(signum: int, frame: object) -> None:
    raise _OutOfTime
