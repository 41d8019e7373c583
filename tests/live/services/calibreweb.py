"""Real Calibre-Web 0.6 (PyPI, provisioned by .ci/provision-python-node.sh) over a tiny library.

Calibre-Web serves an existing Calibre library (a ``metadata.db`` SQLite file); Calibre itself is
far too heavy to install for that, so the library is written here by hand: the tables and
columns Calibre-Web's ``cps/db.py`` maps, with four books by two authors, three tags and one
series, written before anything starts. Calibre-Web's own state (users, settings: ``app.db``) goes to a config dir in the temp
dir, in three steps that need no web form:

1. ``cps -p app.db -s admin:PASSWORD`` creates ``app.db`` (the default ``admin`` user, default
   settings), sets that user's password and exits without serving;
2. the library path and the port are written into its ``settings`` row;
3. the server starts on 127.0.0.1, and start-up returns once ``/opds/stats`` counts the books of
   that library (the answer needs the login, the settings and the library all working).

Its update check and metadata providers cannot leave the network namespace; nothing waits on
them. ``HOME`` and ``CACHE_DIRECTORY`` point into the temp dir (its cache dir defaults to a
folder inside its own package).

RunningService:
  url          http://127.0.0.1:PORT
  credentials  username, password      (the admin user; HTTP Basic on the OPDS catalog)
  extra        stats (what /opds/stats must answer), titles (the books in the library)
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.live.harness import (
    RunningService,
    ServiceStartError,
    Starting,
    http_client,
    run,
    wait_ready,
)
from tests.live.services._provisioned import venv_exe

USER, PASSWORD = "admin", "Shelf-Reader-2026"  # Calibre-Web's password policy wants A-Z, a-z, 0-9
AUTHORS = {
    1: ("Ursula K. Le Guin", "Le Guin, Ursula K."),
    2: ("Terry Pratchett", "Pratchett, Terry"),
}
TAGS = {1: "Fantasy", 2: "Science Fiction", 3: "Humour"}
SERIES = {1: "Earthsea"}
# id: (title, author id, tag ids, series id or None)
BOOKS = {
    1: ("A Wizard of Earthsea", 1, (1,), 1),
    2: ("The Tombs of Atuan", 1, (1,), 1),
    3: ("The Dispossessed", 1, (2,), None),
    4: ("Guards! Guards!", 2, (1, 3), None),
}
STATS = {"books": len(BOOKS), "authors": len(AUTHORS), "categories": len(TAGS),
         "series": len(SERIES)}  # fmt: skip

# The part of Calibre's schema that Calibre-Web maps (cps/db.py), as Calibre creates it.
SCHEMA = """
CREATE TABLE library_id (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL);
CREATE TABLE books (id INTEGER PRIMARY KEY AUTOINCREMENT,
  title TEXT NOT NULL DEFAULT 'Unknown' COLLATE NOCASE, sort TEXT COLLATE NOCASE,
  timestamp TIMESTAMP DEFAULT CURRENT_TIMESTAMP, pubdate TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  series_index REAL NOT NULL DEFAULT 1.0, author_sort TEXT COLLATE NOCASE,
  isbn TEXT DEFAULT '' COLLATE NOCASE, lccn TEXT DEFAULT '' COLLATE NOCASE,
  path TEXT NOT NULL DEFAULT '', flags INTEGER NOT NULL DEFAULT 1, uuid TEXT,
  has_cover BOOL DEFAULT 0, last_modified TIMESTAMP NOT NULL DEFAULT '2000-01-01 00:00:00+00:00');
CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL COLLATE NOCASE,
  sort TEXT COLLATE NOCASE, link TEXT NOT NULL DEFAULT '', UNIQUE(name));
CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL COLLATE NOCASE,
  link TEXT NOT NULL DEFAULT '', UNIQUE(name));
CREATE TABLE series (id INTEGER PRIMARY KEY, name TEXT NOT NULL COLLATE NOCASE,
  sort TEXT COLLATE NOCASE, link TEXT NOT NULL DEFAULT '', UNIQUE(name));
CREATE TABLE ratings (id INTEGER PRIMARY KEY, rating INTEGER CHECK(rating > -1 AND rating < 11),
  link TEXT NOT NULL DEFAULT '', UNIQUE(rating));
CREATE TABLE languages (id INTEGER PRIMARY KEY, lang_code TEXT NOT NULL COLLATE NOCASE,
  link TEXT NOT NULL DEFAULT '', UNIQUE(lang_code));
CREATE TABLE publishers (id INTEGER PRIMARY KEY, name TEXT NOT NULL COLLATE NOCASE,
  sort TEXT COLLATE NOCASE, link TEXT NOT NULL DEFAULT '', UNIQUE(name));
CREATE TABLE data (id INTEGER PRIMARY KEY, book INTEGER NOT NULL,
  format TEXT NOT NULL COLLATE NOCASE, uncompressed_size INTEGER NOT NULL, name TEXT NOT NULL,
  UNIQUE(book, format));
CREATE TABLE comments (id INTEGER PRIMARY KEY, book INTEGER NOT NULL,
  text TEXT NOT NULL COLLATE NOCASE, UNIQUE(book));
CREATE TABLE identifiers (id INTEGER PRIMARY KEY, book INTEGER NOT NULL,
  type TEXT NOT NULL DEFAULT 'isbn' COLLATE NOCASE, val TEXT NOT NULL COLLATE NOCASE,
  UNIQUE(book, type));
CREATE TABLE custom_columns (id INTEGER PRIMARY KEY AUTOINCREMENT, label TEXT NOT NULL,
  name TEXT NOT NULL, datatype TEXT NOT NULL, mark_for_delete BOOL DEFAULT 0 NOT NULL,
  editable BOOL DEFAULT 1 NOT NULL, display TEXT DEFAULT '{}' NOT NULL,
  is_multiple BOOL DEFAULT 0 NOT NULL, normalized BOOL NOT NULL, UNIQUE(label));
CREATE TABLE metadata_dirtied (id INTEGER PRIMARY KEY, book INTEGER NOT NULL, UNIQUE(book));
CREATE TABLE books_authors_link (id INTEGER PRIMARY KEY, book INTEGER NOT NULL,
  author INTEGER NOT NULL, UNIQUE(book, author));
CREATE TABLE books_tags_link (id INTEGER PRIMARY KEY, book INTEGER NOT NULL,
  tag INTEGER NOT NULL, UNIQUE(book, tag));
CREATE TABLE books_series_link (id INTEGER PRIMARY KEY, book INTEGER NOT NULL,
  series INTEGER NOT NULL, UNIQUE(book));
CREATE TABLE books_ratings_link (id INTEGER PRIMARY KEY, book INTEGER NOT NULL,
  rating INTEGER NOT NULL, UNIQUE(book, rating));
CREATE TABLE books_languages_link (id INTEGER PRIMARY KEY, book INTEGER NOT NULL,
  lang_code INTEGER NOT NULL, item_order INTEGER NOT NULL DEFAULT 0, UNIQUE(book, lang_code));
CREATE TABLE books_publishers_link (id INTEGER PRIMARY KEY, book INTEGER NOT NULL,
  publisher INTEGER NOT NULL, UNIQUE(book));
"""


def write_library(folder: Path) -> Path:
    """A minimal Calibre library (``metadata.db``) holding BOOKS; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(folder / "metadata.db") as db:
        db.executescript(SCHEMA)
        db.execute("INSERT INTO library_id (uuid) VALUES ('6e2b7c1a-3f0e-4d1b-9a51-0c6c1f7e2a10')")
        db.executemany("INSERT INTO authors (id, name, sort) VALUES (?, ?, ?)",
                       [(i, name, sort) for i, (name, sort) in AUTHORS.items()])  # fmt: skip
        db.executemany("INSERT INTO tags (id, name) VALUES (?, ?)", TAGS.items())
        db.executemany("INSERT INTO series (id, name, sort) VALUES (?, ?, ?)",
                       [(i, name, name) for i, name in SERIES.items()])  # fmt: skip
        for book, (title, author, tags, series) in BOOKS.items():
            name, sort = AUTHORS[author]
            db.execute(
                "INSERT INTO books (id, title, sort, author_sort, path, uuid) VALUES (?,?,?,?,?,?)",
                (book, title, title, sort, f"{name}/{title} ({book})", f"book-{book}"),
            )
            db.execute(
                "INSERT INTO books_authors_link (book, author) VALUES (?, ?)", (book, author)
            )
            db.executemany("INSERT INTO books_tags_link (book, tag) VALUES (?, ?)",
                           [(book, tag) for tag in tags])  # fmt: skip
            if series is not None:
                db.execute("INSERT INTO books_series_link (book, series) VALUES (?, ?)",
                           (book, series))  # fmt: skip
    return folder


def start(tmpdir: Path) -> RunningService:
    exe = venv_exe("calibreweb", "cps")
    with Starting("calibreweb", tmpdir) as s:
        port = s.port()
        library = write_library(tmpdir / "library")
        config = tmpdir / "config"
        config.mkdir()
        app_db = config / "app.db"
        env = {"CALIBRE_DBPATH": str(config), "HOME": str(tmpdir),
               "CACHE_DIRECTORY": str(tmpdir / "cache")}  # fmt: skip
        args = [exe, "-p", app_db, "-o", tmpdir / "calibre-web.log"]
        run([*args, "-s", f"{USER}:{PASSWORD}"], env=env, timeout=180)
        with sqlite3.connect(app_db) as db:
            changed = db.execute(
                "UPDATE settings SET config_calibre_dir = ?, config_port = ?", (str(library), port)
            ).rowcount
        if changed != 1:
            raise ServiceStartError(f"calibreweb: app.db has {changed} settings rows, expected 1")
        proc = s.spawn([*args, "-i", "127.0.0.1"], log="cps.log", env=env)
        url = f"http://127.0.0.1:{port}"
        with http_client(timeout=10.0) as client:

            def counts_the_library() -> bool:
                r = client.get(f"{url}/opds/stats", auth=(USER, PASSWORD))
                return r.status_code == 200 and r.json() == STATS

            wait_ready({f"/opds/stats answers {STATS}": counts_the_library}, 180, proc=proc,
                       what="calibreweb")  # fmt: skip
        return s.running(
            url=url,
            credentials={"username": USER, "password": PASSWORD},
            extra={"stats": dict(STATS), "titles": [b[0] for b in BOOKS.values()]},
        )
