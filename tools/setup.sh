#!/usr/bin/env bash
# Installs what the book needs on a fresh Debian machine, and only what is missing:
#   tools/setup.sh build   TeX and fonts for the PDF, and the Python virtual environment
#   tools/setup.sh test    the same, plus the checkers the tests run (Java, poppler, Chromium)
# Debian packages are installed as root, or with sudo; without either it says what to run.
set -euo pipefail
cd "$(dirname "$0")/.."

build_packages=(python3-venv make gettext latexmk texlive-xetex texlive-fonts-recommended
                texlive-lang-european texlive-lang-german fonts-texgyre fontconfig
                hunspell hunspell-en-gb hunspell-de-de hunspell-nl)
test_packages=(poppler-utils default-jre-headless chromium nodejs npm jing)

wanted=("${build_packages[@]}")
[ "${1:-build}" = test ] && wanted+=("${test_packages[@]}")

missing=()
for pkg in "${wanted[@]}"; do
  # Java 17+ may come from elsewhere than Debian's default package.
  [ "$pkg" = default-jre-headless ] && command -v java >/dev/null && continue
  # Node.js and npm may come from elsewhere too (nodesource, nvm).
  [ "$pkg" = nodejs ] && command -v node >/dev/null && continue
  [ "$pkg" = npm ] && command -v npm >/dev/null && continue
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then sudo=""
  elif command -v sudo >/dev/null; then sudo="sudo"
  else
    echo "setup: cannot install system packages without root. Please run:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The virtual environment, with the pinned packages (the tests' too for "test"),
# and the book's own package (essaylib), editable; redone when the pins change.
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
pins=requirements.txt
[ "${1:-build}" = test ] && pins=requirements-test.txt
stamp=".venv/.installed-${1:-build}"
if [ ! -f "$stamp" ] || [ requirements.txt -nt "$stamp" ] || [ "$pins" -nt "$stamp" ] || \
   [ pyproject.toml -nt "$stamp" ]; then
  echo "setup: installing Python packages from $pins into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -r "$pins"
  .venv/bin/python -m pip install -q --no-deps --no-build-isolation -e .
  touch "$stamp"
fi

# The checkers the tests run (Ace, axe-core, the Nu HTML Checker), pinned in
# tools/gates/package-lock.json. They use Debian's Chromium: no browser download.
if [ "${1:-build}" = test ]; then
  if [ ! -f tools/gates/node_modules/.installed ] || \
     [ tools/gates/package-lock.json -nt tools/gates/node_modules/.installed ]; then
    echo "setup: installing the checkers into tools/gates/node_modules"
    (cd tools/gates && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
    touch tools/gates/node_modules/.installed
  fi
fi
