# Sourced by the benchmark scripts: sets $bin to a release regiond, built here unless
# REGIOND_BIN=path names one (to compare two builds, e.g. before and after a change, in one
# session on a noisy machine). Needs wrk, which every benchmark drives.
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)"; exit 1; }
if [ -n "${REGIOND_BIN:-}" ]; then
    bin=$REGIOND_BIN
else
    swift build -c release --product regiond >/dev/null
    bin=$(swift build -c release --show-bin-path)/regiond
fi
