"""The site on a local web server, as a plain static host serves it: from the site's root
(the 404 pages' links are absolute), text compressed with gzip when the browser asks for
it. And the shipped host configurations (hosting/) on the real nginx and Caddy."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

COMPRESSED = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
    "application/atom+xml",
)


class Handler(http.server.SimpleHTTPRequestHandler):
    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and wants and kind.startswith(COMPRESSED)):
            return super().send_head()
        data = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def served(site: Path, port: int | None = None) -> Iterator[str]:
    """The site's address while it is served."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port or free_port()), functools.partial(Handler, directory=str(site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# -- The shipped host configurations (hosting/), on the real servers ----------------------

HOSTING = Path(__file__).resolve().parent.parent / "hosting"
NEEDS = "run tools/setup.sh test (it installs Debian's nginx and caddy)"


def shipped(name: str, changes: dict[str, str]) -> str:
    """A shipped configuration with only these lines changed (root, port, folder): each
    must be in it exactly once, so a test never serves rules of its own."""
    text = (HOSTING / name).read_text(encoding="utf-8")
    for old, new in changes.items():
        assert text.count(old) == 1, f"hosting/{name} no longer holds {old!r} once"
        text = text.replace(old, new)
    return text


def program(name: str) -> str:
    found = shutil.which(name, path=f"{os.environ.get('PATH', '')}:/usr/sbin")
    assert found, f"{name} is not installed: {NEEDS}"
    return found


def listening(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    """Wait until the server takes connections, or says why it stopped (no time limit:
    a busy machine is slow, never wrong)."""
    while process.poll() is None:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)  # a pause between tries, not a limit
    raise AssertionError(log.read_text(encoding="utf-8", errors="replace"))


@contextlib.contextmanager
def running(
    command: list[str], port: int, log: Path, env: dict[str, str] | None = None
) -> Iterator[str]:
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        listening(process, port, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait()


@contextlib.contextmanager
def nginx(www: Path, folder: str, work: Path) -> Iterator[str]:
    """hosting/nginx.conf on Debian's nginx, serving www (which holds the site at folder):
    the address of the server, without the folder."""
    port = free_port()
    site = work / "site.conf"
    site.write_text(
        shipped(
            "nginx.conf",
            {
                "listen 80;": f"listen 127.0.0.1:{port};",
                "root /srv/www;": f"root {www};",
                'default "";  # the site\'s folder': f'default "{folder}";',
            },
        ),
        encoding="utf-8",
    )
    temp = {k: work / k for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")}
    # What /etc/nginx/nginx.conf holds around the sites it includes, in a folder of our own.
    main = work / "nginx.conf"
    main.write_text(
        f"daemon off;\npid {work}/nginx.pid;\nerror_log stderr;\n"
        + ("user root;\n" if os.geteuid() == 0 else "")
        + "events {}\nhttp {\n  access_log off;\n  sendfile on;\n  types_hash_max_size 2048;\n"
        + "  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
        + "".join(f"  {k}_temp_path {p};\n" for k, p in temp.items())
        + f"  include {site};\n}}\n",
        encoding="utf-8",
    )
    command = [program("nginx"), "-e", "stderr", "-p", str(work), "-c", str(main)]
    with running(command, port, work / "nginx.log") as address:
        yield address


@contextlib.contextmanager
def caddy(www: Path, folder: str, work: Path) -> Iterator[str]:
    """hosting/Caddyfile on Debian's Caddy, serving www (which holds the site at folder)."""
    port = free_port()
    caddyfile = work / "Caddyfile"
    # The global options a test needs before the shipped file: no admin endpoint (two
    # test runs at once would share its port) and plain HTTP.
    caddyfile.write_text(
        "{\n\tadmin off\n\tauto_https off\n\tstorage file_system "
        + str(work / "data")
        + "\n}\n"
        + shipped(
            "Caddyfile",
            {
                "root * /srv/www": f"root * {www}",
                ":80 {": f"http://127.0.0.1:{port} {{",
                'import essaylib ""': f'import essaylib "{folder}"',
            },
        ),
        encoding="utf-8",
    )
    command = [program("caddy"), "run", "--adapter", "caddyfile", "--config", str(caddyfile)]
    # Caddy keeps its state under HOME: the test's folder, not the user's.
    env = {
        **os.environ,
        "HOME": str(work),
        "XDG_DATA_HOME": str(work),
        "XDG_CONFIG_HOME": str(work),
    }
    with running(command, port, work / "caddy.log", env) as address:
        yield address
