"""Live preview of one language (make serve [LANGUAGE=de]): the website, rebuilt on every
save and reloaded in the browser by itself; catalogue edits included.

sphinx-autobuild serves the pages and reloads the browser (its server, its injected
script); the build is ours: one Sphinx application kept in this process, asked to build
again after each change, so a save costs only the pages it touches (no new process,
no start-up, no reading of the whole book again). A change of conf.py, book.toml or the
interface words (sphinx.po) starts a new application: they are read once, at its start.

A build that says something is wrong (an author's mistake, a catalogue a rule refuses)
is said on every page, at its top, as well as in the terminal: the writer sees it where
they look.
"""

from __future__ import annotations

import contextlib
import html
import io
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import uvicorn
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils
from sphinx_autobuild.filter import IgnoreFilter
from sphinx_autobuild.middleware import JavascriptInjectorMiddleware
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.routing import Mount, WebSocketRoute
from starlette.staticfiles import StaticFiles
from websockets.sync.client import connect

from essaylib.compat.autobuild import InProcessRebuildServer
from essaylib.compat.cpython import forget_compiled_catalogues
from essaylib.compat.sphinx_runtime import forget_catalogues_but, interface_catalogues
from essaylib.i18n.catalogues import compile_catalogues, report
from essaylib.model.paths import BuildPaths

# What an application reads once, when it starts: the settings, the interface words,
# the translators, and each essay's facts (the front matter of its index.md).
READ_AT_START = (
    "conf.py",
    "book.toml",
    "docutils.conf",
    "sphinx.po",
    "translators.toml",
    "index.md",
)


class LiveBuild:
    """One language's website, built again in this process after each change."""

    def __init__(self, paths: BuildPaths, language: str) -> None:
        self.paths = paths
        self.language = language
        self.outdir = paths.language(language) / "live"
        self.app: Sphinx | None = None
        self.interface: set[tuple[str, str]] = set()
        self.namespace = contextlib.ExitStack()
        self.said = Said()
        self.problems: list[str] = []  # what the last build said was wrong

    def start(self) -> Sphinx:
        self.namespace.close()  # the last application's directives and nodes go with it
        self.namespace = contextlib.ExitStack()
        self.namespace.enter_context(patch_docutils(self.paths.root))
        self.namespace.enter_context(docutils_namespace())
        forget_catalogues_but(set())
        forget_compiled_catalogues()
        app = Sphinx(
            srcdir=self.paths.docs,
            confdir=self.paths.root,
            outdir=self.outdir,
            doctreedir=self.paths.language(self.language) / "doctrees-live",
            buildername="html",
            confoverrides={"language": self.language},
            status=None,
            warning=self.said,
            keep_going=True,
        )
        self.interface = interface_catalogues()  # the interface's words, kept
        return app

    def forget_pages_catalogues(self) -> None:
        """Sphinx keeps each page's catalogue once read (for the life of the process);
        the preview reads the edited one again."""
        forget_catalogues_but(self.interface)
        forget_compiled_catalogues()

    def __call__(self, *, changed_paths: Sequence[Path]) -> bool:
        """Build what changed; False when a catalogue or the build has a problem (the
        preview then shows the last good pages, the problem printed and on the page)."""
        started = time.monotonic()
        names = {path.name for path in changed_paths}
        recompile = self.app is None or any(path.suffix == ".po" for path in changed_paths)
        progress = self.paths.progress.stat().st_mtime_ns if self.paths.progress.exists() else 0
        self.said.clear()
        if recompile and (problems := compile_catalogues(self.paths)):
            report(problems, [], self.paths.root)
            self.problems = [str(problem) for problem in problems]
            return False
        # How far each essay is translated is one of the library's facts, read at start.
        progressed = self.paths.progress.exists() and (
            self.paths.progress.stat().st_mtime_ns != progress
        )
        try:
            if self.app is None or progressed or names & set(READ_AT_START):
                self.app = self.start()
            else:
                self.forget_pages_catalogues()
            self.app.build()
        except Exception as err:
            print(f"preview: {err}", file=sys.stderr)
            self.problems = [str(err)]
            self.app = None
            return False
        self.problems = self.said.problems()
        milliseconds = (time.monotonic() - started) * 1000
        print(f"preview: {self.language} built in {milliseconds:.0f} ms", flush=True)
        return not self.problems


class Said(io.StringIO):
    """Sphinx's warnings, to the terminal as always, and kept for the pages."""

    def write(self, text: str) -> int:
        sys.stderr.write(text)
        return super().write(text)

    def clear(self) -> None:
        self.seek(0)
        self.truncate()

    def problems(self) -> list[str]:
        return [
            line
            for line in self.getvalue().splitlines()
            if "WARNING:" in line or "ERROR:" in line or "CRITICAL:" in line
        ]


class ProblemsOnThePage:
    """ASGI middleware: while the last build has problems, every page served starts
    with them (escaped: a catalogue's text is untrusted), so the writer sees at once
    why the page did not change."""

    def __init__(self, app: Any, build: LiveBuild) -> None:
        self.app = app
        self.build = build

    def banner(self) -> bytes:
        lines = "".join(f"<li>{html.escape(line)}</li>" for line in self.build.problems)
        return (
            '<div role="alert" class="preview-problems" style="background:#fde8e8;'
            "color:#611a15;border-bottom:2px solid #b3261e;padding:0.6em 1em;"
            'font:14px/1.4 system-ui,sans-serif;position:relative;z-index:100">'
            "<strong>The last build found a problem; this page may be out of date.</strong>"
            f'<ul style="margin:0.3em 0 0;padding-left:1.2em">{lines}</ul></div>'
        ).encode()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not self.build.problems:
            await self.app(scope, receive, send)
            return
        banner = self.banner()
        start: dict[str, Any] = {}
        body = bytearray()

        async def hold(message: dict[str, Any]) -> None:
            # The whole page, then the banner after its <body ...> tag.
            if message["type"] == "http.response.start":
                start.update(message)
                return
            body.extend(message.get("body", b""))
            if message.get("more_body"):
                return
            headers = MutableHeaders(raw=list(start.get("headers", [])))
            page = bytes(body)
            if headers.get("content-type", "").startswith("text/html"):
                at = page.find(b">", page.find(b"<body")) + 1
                page = page[:at] + banner + page[at:] if at > 0 else banner + page
                headers["content-length"] = str(len(page))
            await send({**start, "headers": headers.raw})
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, hold)


LOCAL_HOSTS = ("127.0.0.1", "localhost")


class SameOrigin:
    """ASGI middleware: a WebSocket only from the preview's own pages (browsers say where
    a page comes from; a client that says nothing is no browser page)."""

    def __init__(self, app: Any, origins: set[str]) -> None:
        self.app = app
        self.origins = origins

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "websocket":
            origin = dict(scope.get("headers", [])).get(b"origin")
            if origin is not None and origin.decode("latin-1") not in self.origins:
                await receive()  # the connection request, answered with a refusal
                await send({"type": "websocket.close", "code": 1008})
                return
        await self.app(scope, receive, send)


def serve(paths: BuildPaths, language: str, host: str = "127.0.0.1", port: int = 8000) -> int:
    build = LiveBuild(paths, language)
    if not build(changed_paths=()):
        print("preview: the first build failed; fix the problem above, then save again.")
    build.outdir.mkdir(parents=True, exist_ok=True)
    watched = [paths.docs, paths.locales, paths.root / "book.toml", paths.root / "conf.py"]
    ignored = IgnoreFilter([paths.builddir, paths.docs / "_build"], [r".*\.mo$", r".*~$"])
    watcher = InProcessRebuildServer(
        [p for p in watched if p.exists()],
        ignored,
        change_callback=build,
    )
    app = Starlette(
        routes=[
            WebSocketRoute("/websocket-reload", watcher, name="reload"),
            Mount("/", app=StaticFiles(directory=build.outdir, html=True), name="static"),
        ],
        middleware=[
            # For one person, on this machine: no other host name (a DNS rebinding page
            # would send its own), no WebSocket opened by another site's page.
            Middleware(TrustedHostMiddleware, allowed_hosts=list(LOCAL_HOSTS)),
            Middleware(SameOrigin, origins={f"http://{h}:{port}" for h in LOCAL_HOSTS}),
            Middleware(JavascriptInjectorMiddleware, ws_url=f"{host}:{port}"),
            Middleware(ProblemsOnThePage, build=build),
        ],
        lifespan=watcher.lifespan,
    )
    print(f"preview: http://{host}:{port}/ ({language}); saving a file rebuilds it", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
    return 0


# -- Watching a preview (tests, benchmark) ------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# How long a Session waits for the preview before it says it hung: never a measure of
# speed (the benchmark times the preview), only so that a hung preview fails a test rather
# than hangs it. Far beyond any build a test makes, on any machine however busy.
HUNG = 600.0


class Session:
    """A preview running in its own process, and a browser's reload channel: for the
    tests and the benchmark (how long from a save to the reload)."""

    def __init__(self, book: Path, language: str, environment: dict[str, str] | None = None):
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "essaylib.outputs.publish",
                "serve",
                "--root",
                str(book),
                "--builddir",
                str(book / "_build"),
                "--languages",
                language,
                "--port",
                str(self.port),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, **(environment or {})},
        )
        self.output: list[str] = []
        self.stack = contextlib.ExitStack()
        try:
            self.wait_for("preview: http://")
            self.reload = self.stack.enter_context(self.connect())
        except BaseException:
            self.stop()  # never leave a server behind
            raise

    def connect(self) -> Any:
        url = f"ws://127.0.0.1:{self.port}/websocket-reload"
        for _ in range(300):  # the server starts listening a moment after it says so
            try:
                return connect(url)
            except OSError:
                time.sleep(0.1)
        return connect(url)

    def wait_for(self, words: str, timeout: float = HUNG) -> str:
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            self.output.append(line)
            if words in line:
                return line
        raise AssertionError(f"no {words!r} in:\n{''.join(self.output)}")

    def saved(self, path: Path, text: str) -> float:
        """Save a file; the seconds until the browser is told to reload."""
        started = time.monotonic()
        path.write_text(text, encoding="utf-8")
        assert self.reload.recv(timeout=HUNG) == "refresh"
        return time.monotonic() - started

    def page(self, name: str) -> str:
        url = f"http://127.0.0.1:{self.port}/{name}"
        with urllib.request.urlopen(url, timeout=HUNG) as response:
            return response.read().decode("utf-8")

    def stop(self) -> None:
        self.stack.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
