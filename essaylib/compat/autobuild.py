"""sphinx-autobuild's server, with the build in this process.

Written for sphinx-autobuild 2025.8.25 (watchfiles, starlette as it installs them).
Contract test: tests/test_compat.py, ``test_autobuild_server_keeps_what_the_preview_overrides``.

``RebuildServer.watch`` runs each build in a new process (a ``ProcessPoolExecutor``),
which would lose the Sphinx application the preview keeps between saves. This
overrides that one coroutine and leans on what ``RebuildServer.__init__`` keeps:
``paths``, ``ignore`` (the IgnoreFilter), ``change_callback`` and ``flag`` (the event its
WebSocket handler waits on to tell the browser to reload), and on ``main`` awaiting
``self.watch()``. Fallback: none at run time; a sphinx-autobuild that keeps them
otherwise fails the contract test (and the preview's own test) loudly.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from sphinx_autobuild.server import RebuildServer


class InProcessRebuildServer(RebuildServer):
    """sphinx-autobuild's server, each build called in this process (in a thread)."""

    async def watch(self) -> None:
        import watchfiles

        async for changes in watchfiles.awatch(
            *self.paths, watch_filter=lambda _, path: not self.ignore(path), step=20
        ):
            changed = [Path(path).resolve() for _, path in changes]
            await asyncio.to_thread(self.change_callback, changed_paths=changed)
            self.flag.set()  # a page with the build's problems on it, when it has some
