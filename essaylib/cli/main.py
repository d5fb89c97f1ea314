"""The ``essaylib`` command: every tool of the engine under one name.

    essaylib new PATH --language nl    a new library of one example essay
    essaylib build [options]           build every output, publish the site (make)
    essaylib serve|assemble|languages|clean [options]
    essaylib po update|check|compile|todo|new|templates|tx-config
    essaylib gate --pr FOLDER --base COMMIT
    essaylib generate COUNT TARGET     a library of many essays, for measuring

Each runs in the library's folder (--root to give another).
"""

from __future__ import annotations

import importlib
import sys

# Each command and the module whose main() runs it.
COMMANDS = {
    "new": "essaylib.cli.new",
    "po": "essaylib.i18n.catalogues",
    "gate": "essaylib.i18n.gate",
    "generate": "essaylib.cli.generate",
}
PUBLISH = ("build", "serve", "assemble", "languages", "clean")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in {"-h", "--help", "help"}:
        print(__doc__)
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command in PUBLISH:
        from essaylib.outputs import publish

        return publish.main([command, *rest])
    if command not in COMMANDS:
        print(f"essaylib: no command {command!r}; `essaylib help` lists them", file=sys.stderr)
        return 2
    return importlib.import_module(COMMANDS[command]).main(rest)


if __name__ == "__main__":
    sys.exit(main())
