#!/usr/bin/env bash
# The operator page in a real browser, as CI runs it: Debian's chromium and chromium-driver, Python's
# selenium in a throwaway venv, then page_test.py against the binary. Screenshots (1280 and 400 px,
# stale and failing states) go to OUT_DIR for a person to look at.
# Usage: Tests/Browser/run.sh PATH_TO_REGIOND OUT_DIR [VENV_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
binary=$1
out=$2
venv=${3:-/tmp/regiond-browser-venv}
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    start=$(date +%s)
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
    echo "browser: installing chromium took $(( $(date +%s) - start )) s"
fi
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import selenium" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q selenium
fi
mkdir -p "$out"
"$venv/bin/python" Tests/Browser/page_test.py --binary "$binary" --out "$out"
