#!/usr/bin/env bash
# Servers and browsers the test suite uses, from Debian's packages (idempotent; CI runs it on a
# fresh machine through `make test`). Without root or apt-get it says what is missing and the
# tests that need it skip with that reason.
set -uo pipefail
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || need+=(postgresql)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install_services: cannot install ${need[*]} (needs root and apt-get); tests that need them will skip" >&2
  exit 0
fi
echo "install_services: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
if ! apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null 2>&1; then
  echo "install_services: apt-get install ${need[*]} failed; tests that need them will skip" >&2
fi
# Debian's postgresql package starts a cluster on 5432; the tests start their own throw-away server.
exit 0
