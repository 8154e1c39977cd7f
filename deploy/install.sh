#!/usr/bin/env bash
# Installs regiond as a systemd service.
#
#   deploy/install.sh [BINARY]
#
# BINARY defaults to the release build (`swift build -c release --product regiond` first).
# DESTDIR=/some/dir stages everything under that directory instead of / (packaging, or a dry
# run); nothing outside DESTDIR is touched and no systemctl command is run, here or without it.
#
# Idempotent: the binary, units and README are replaced on every run; the config and the API
# token are created only when absent, so an operator's are never overwritten.
# No user to create: the unit runs with DynamicUser=yes, so no sysusers.d entry or useradd.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
destdir="${DESTDIR:-}"
destdir="${destdir%/}"

say() { printf 'install: %s\n' "$*"; }
fail() { printf 'install: %s\n' "$*" >&2; exit 1; }

binary="${1:-}"
if [[ -z "$binary" ]]; then
    command -v swift >/dev/null 2>&1 || fail "no BINARY given and no swift here to find the release build"
    binary="$(cd "$repo" && swift build -c release --product regiond --show-bin-path)/regiond"
fi
[[ -x "$binary" ]] || fail "$binary is not an executable; build it with: swift build -c release --product regiond"
if [[ -z "$destdir" && "$(id -u)" != 0 ]]; then
    fail "installing into / needs root (or set DESTDIR=/some/dir to stage the files)"
fi

bin="$destdir/usr/local/bin/regiond"
units="$destdir/etc/systemd/system"
etc="$destdir/etc/regiond"
doc="$destdir/usr/local/share/doc/regiond"

say "binary  $binary -> $bin"
install -D -m 0755 "$binary" "$bin"

for unit in regiond.service regiond.socket; do
    say "unit    $units/$unit"
    install -D -m 0644 "$repo/deploy/$unit" "$units/$unit"
done

say "docs    $doc/README.md"
install -D -m 0644 "$repo/README.md" "$doc/README.md"

install -d -m 0755 "$etc"
if [[ -e "$etc/regiond.json" ]]; then
    say "config  $etc/regiond.json exists; kept as it is"
else
    say "config  $etc/regiond.json (sample)"
    install -m 0644 "$repo/deploy/regiond.json" "$etc/regiond.json"
fi

# The unit loads /etc/regiond/token as a credential (the dynamic user cannot read root's files)
# and fails to start without it, so a fresh install gets a random one. Root-only: write clients
# are given it by whoever administers the machine.
if [[ -e "$etc/token" ]]; then
    say "token   $etc/token exists; kept as it is"
else
    say "token   $etc/token (new random token, mode 0600)"
    (
        umask 077
        od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >"$etc/token.new"
        mv "$etc/token.new" "$etc/token"
    )
fi

echo
if [[ -n "$destdir" ]]; then
    say "staged under $destdir. On the target machine, after copying these files to /:"
else
    say "installed. Next:"
fi
cat <<'EOF'
  systemctl daemon-reload && systemctl enable --now regiond
  systemctl status regiond          # and: journalctl -u regiond -f
Or, with socket activation (systemd binds 127.0.0.1:8750 and hands the socket over):
  systemctl daemon-reload && systemctl enable --now regiond.socket
After an upgrade:
  systemctl daemon-reload && systemctl restart regiond
EOF
