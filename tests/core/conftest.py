"""Shared helpers of the core tests: hand-made documents and a throw-away PostgreSQL server."""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager

import pytest

from rasd.document import Actor, Document, Event, Quote, Span

BODY = "قال وزير الخارجية الروسي إن موسكو ترفض العقوبات. واستقبلت الأمم المتحدة وفد روسيا في نيويورك."


def make_doc(i="d1", body=BODY, outlet="Example", published="2024-06-19"):
    doc = Document.from_input(text=body, input_id=i, outlet=outlet, published=published)
    doc.id = i
    doc.body = body
    doc.language = "ar"
    s = body.index("روسيا")
    doc.actors = [Actor(name="Russia", name_ar="روسيا", kind="country", country="RUS", code="RUS",
                        mentions=[Span(s, s + 5, "روسيا")])]
    m = body.index("موسكو")
    doc.actors.append(Actor(name="Moscow", kind="city", country="RUS", code="RUS", mentions=[Span(m, m + 5, "موسكو")]))
    end = body.index(".") + 1
    doc.events = [Event(cameo="122", plover="REJECT", goldstein=-4.0, quad_class=3, sentence=body[:end],
                        start=0, end=end, source="RUS", source_actor="Russia", target="UN",
                        target_actor="United Nations", date="2024-06-18")]
    q = body.index("موسكو")
    doc.quotes = [Quote(text=body[q:end - 1], start=q, end=end - 1, speaker="Sergey Lavrov", speaker_country="RUS")]
    doc.cited_sources = ["TASS"]
    return doc


def plain_doc(i, body):
    doc = Document.from_input(text=body, input_id=i)
    doc.id, doc.language = i, "ar"
    return doc




@pytest.fixture
def doc_factory():
    return make_doc


@pytest.fixture
def plain_factory():
    return plain_doc

def _bindir() -> str | None:
    for cand in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.path.exists(os.path.join(cand, "initdb")):
            return cand
    initdb = shutil.which("initdb")
    return os.path.dirname(initdb) if initdb else None


def pg_unavailable() -> str | None:
    """None when a server can be started here, else the reason it cannot."""
    if _bindir() is None:
        return "PostgreSQL server binaries not installed (run scripts/install_services.sh)"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg not installed"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def temporary_server():
    bindir = _bindir()
    assert bindir
    root = tempfile.mkdtemp(prefix="rasd-pg-")
    data = os.path.join(root, "data")
    port = _free_port()
    as_user: list[str] = []
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        os.chown(root, pw.pw_uid, pw.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    run = lambda *cmd: subprocess.run([*as_user, *cmd], check=True, capture_output=True, text=True)  # noqa: E731
    try:
        run(f"{bindir}/initdb", "-D", data, "-U", "rasd", "--auth=trust", "-E", "UTF8", "--locale=C")
        run(f"{bindir}/pg_ctl", "-D", data, "-l", os.path.join(root, "log"), "-w", "-t", "60",
            "-o", f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off", "start")
        url = f"postgresql+psycopg://rasd@127.0.0.1:{port}/postgres"
        deadline = time.time() + 30
        import psycopg
        while True:
            try:
                psycopg.connect(f"host=127.0.0.1 port={port} user=rasd dbname=postgres").close()
                break
            except psycopg.OperationalError:
                if time.time() > deadline:
                    raise
                time.sleep(0.2)
        yield url
    finally:
        subprocess.run([*as_user, f"{bindir}/pg_ctl", "-D", data, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_url():
    reason = pg_unavailable()
    if reason:
        pytest.skip(reason)
    with temporary_server() as url:
        yield url
