#!/usr/bin/env bash
# Checks deploy/regiond.service (and regiond.socket) the way CI can: no running systemd, no
# installed regiond.
#   1. `systemd-analyze verify` on copies in a temporary directory. verify also checks that every
#      Exec*= binary exists, and /usr/local/bin/regiond is not installed on a build machine, so in
#      the copies any absent binary is replaced by /bin/true (printed below); everything else,
#      from option names and values to the socket/service pairing, is checked as written.
#   2. `systemd-analyze security --offline=yes` on the real unit: the exposure score must be
#      <= MAX_EXPOSURE (default 2.0).
# Fails if verify fails or prints anything about our units, or if the exposure is too high.
# systemd-analyze ships in Debian's `systemd` package; when it is missing and we are root with
# apt-get, it is installed (set CHECK_UNIT_NO_INSTALL=1 to forbid that).
set -euo pipefail

deploy_dir="$(cd "$(dirname "$0")" && pwd)"
max_exposure="${MAX_EXPOSURE:-2.0}"
units=(regiond.service regiond.socket)

if ! command -v systemd-analyze >/dev/null 2>&1; then
    if [[ "$(id -u)" == 0 && -z "${CHECK_UNIT_NO_INSTALL:-}" ]] && command -v apt-get >/dev/null 2>&1; then
        echo "check-unit: systemd-analyze not found; installing Debian's systemd package"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends systemd >/dev/null
    else
        echo "check-unit: systemd-analyze not found (Debian: apt-get install systemd)" >&2
        exit 1
    fi
fi
echo "check-unit: $(systemd-analyze --version | head -n 1)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Copies with absent Exec binaries swapped for /bin/true; the arguments stay.
for unit in "${units[@]}"; do
    [[ -f "$deploy_dir/$unit" ]] || continue
    while IFS= read -r line; do
        if [[ "$line" =~ ^(Exec[A-Za-z]*=)([-@:+!]*)(/[^[:space:]]+)(.*)$ ]] && [[ ! -x "${BASH_REMATCH[3]}" ]]; then
            echo "check-unit: $unit: ${BASH_REMATCH[3]} is not installed here; verifying with /bin/true in its place" >&2
            line="${BASH_REMATCH[1]}${BASH_REMATCH[2]}/bin/true${BASH_REMATCH[4]}"
        fi
        printf '%s\n' "$line"
    done <"$deploy_dir/$unit" >"$work/$unit"
done
present=()
for unit in "${units[@]}"; do [[ -f "$work/$unit" ]] && present+=("$work/$unit"); done

echo
echo "== systemd-analyze verify ${units[*]}"
verify_status=0
verify_output="$(cd "$work" && systemd-analyze verify --man=no --generators=no "${present[@]}" 2>&1)" || verify_status=$?
[[ -n "$verify_output" ]] && printf '%s\n' "$verify_output"
verify_ok=yes
if [[ "$verify_status" != 0 ]]; then
    verify_ok=no
    echo "check-unit: verify exited with $verify_status" >&2
elif grep -q 'regiond\.' <<<"$verify_output"; then
    verify_ok=no
    echo "check-unit: verify reported problems in our units" >&2
else
    echo "verify: clean"
fi

echo
echo "== systemd-analyze security --offline=yes regiond.service"
security_output="$(systemd-analyze security --offline=yes --no-pager "$deploy_dir/regiond.service" 2>&1)" || true
printf '%s\n' "$security_output"
exposure="$(sed -n 's/.*Overall exposure level for regiond\.service: \([0-9.]*\).*/\1/p' <<<"$security_output")"
exposure_ok=no
if [[ -z "$exposure" ]]; then
    echo "check-unit: no exposure level in the security output" >&2
elif awk -v e="$exposure" -v m="$max_exposure" 'BEGIN { exit !(e <= m) }'; then
    exposure_ok=yes
else
    echo "check-unit: exposure $exposure is above $max_exposure" >&2
fi

echo
echo "check-unit: verify $([[ $verify_ok == yes ]] && echo ok || echo FAILED), exposure ${exposure:-unknown} (limit $max_exposure)"
[[ "$verify_ok" == yes && "$exposure_ok" == yes ]]
