#!/usr/bin/env bash
# Installs what the book needs on a fresh Debian machine, and only what is missing:
#   tools/setup.sh build [LIBRARY...]   TeX and fonts for the PDF, the Python virtual environment
#   tools/setup.sh test [LIBRARY...]    the same, plus the checkers the tests run (Java, Chromium)
# Each language of a library's book.toml brings its own spelling dictionary and TeX
# hyphenation (python -m essaylib.model.system derives them): the engine's own library's,
# the test library's for "test", and those of the LIBRARY folders given (a library's make).
# Debian packages are installed as root, or with sudo; without either it says what to run.
set -euo pipefail
mode="${1:-build}"
libraries=()
for library in "${@:2}"; do libraries+=("$(cd "$library" && pwd)"); done
cd "$(dirname "$0")/.."

base_packages=(python3-venv make gettext latexmk texlive-xetex texlive-fonts-recommended
               fonts-texgyre fontconfig hunspell calibre)
test_packages=(poppler-utils default-jre-headless chromium nodejs npm jing nginx caddy)

if [ "$(id -u)" -eq 0 ]; then sudo=""
elif command -v sudo >/dev/null; then sudo="sudo"
else sudo="none"
fi
updated=""

install() {  # the Debian packages given that are not installed yet
  local missing=() pkg
  for pkg in "$@"; do
    # Java 17+, Node.js and npm may come from elsewhere than Debian's packages.
    [ "$pkg" = default-jre-headless ] && command -v java >/dev/null && continue
    [ "$pkg" = nodejs ] && command -v node >/dev/null && continue
    [ "$pkg" = npm ] && command -v npm >/dev/null && continue
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: installing Debian packages: ${missing[*]}"
  if [ "$sudo" = none ]; then
    echo "setup: cannot install system packages without root. Please run:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  [ -z "$updated" ] && $sudo apt-get update -qq && updated=yes
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

wanted=("${base_packages[@]}")
[ "$mode" = test ] && wanted+=("${test_packages[@]}")
install "${wanted[@]}"

# The virtual environment, with the pinned packages (the tests' too for "test"),
# and the book's own package (essaylib), editable; redone when the pins change.
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
# Every package pinned with its hashes (requirements*.lock, made from requirements*.txt).
pins=requirements.lock
[ "$mode" = test ] && pins=requirements-test.lock
stamp=".venv/.installed-$mode"
# The package must be this checkout's (a copy of the repository sharing .venv would
# have taken it over).
here=$(cd /tmp && "$OLDPWD/.venv/bin/python" -c 'import essaylib, pathlib; print(pathlib.Path(essaylib.__file__).parent.parent)' 2>/dev/null || true)
if [ ! -f "$stamp" ] || [ requirements.lock -nt "$stamp" ] || [ "$pins" -nt "$stamp" ] || \
   [ pyproject.toml -nt "$stamp" ] || [ "$here" != "$PWD" ]; then
  echo "setup: installing Python packages from $pins into .venv"
  .venv/bin/python -m pip install -q --require-hashes -r "$pins"
  .venv/bin/python -m pip install -q --no-deps --no-build-isolation -e .
  touch "$stamp"
  # The tests' pins hold the build's: once they are in, the build's are too.
  [ "$mode" = test ] && touch .venv/.installed-build
fi

# Each language's dictionary and hyphenation, from book.toml (and the test library's).
books=(book.toml)
[ "$mode" = test ] && books+=(tests/library/book.toml)
for library in "${libraries[@]}"; do books+=("$library/book.toml"); done
if [ -z "$(apt-cache pkgnames hunspell- 2>/dev/null | head -n 1)" ] && [ "$sudo" != none ]; then
  $sudo apt-get update -qq && updated=yes  # Debian's lists, to find the dictionaries by name
fi
mapfile -t language_packages < <(.venv/bin/python -m essaylib.model.system packages "${books[@]}")
install "${language_packages[@]}"

# The checkers the tests run (Ace, axe-core, the Nu HTML Checker), pinned in
# tools/gates/package-lock.json. They use Debian's Chromium: no browser download.
if [ "$mode" = test ]; then
  if [ ! -f tools/gates/node_modules/.installed ] || \
     [ tools/gates/package-lock.json -nt tools/gates/node_modules/.installed ]; then
    echo "setup: installing the checkers into tools/gates/node_modules"
    (cd tools/gates && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
    touch tools/gates/node_modules/.installed
  fi
fi
