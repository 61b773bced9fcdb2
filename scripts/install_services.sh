#!/usr/bin/env bash
# Servers and browsers the test suite uses, from Debian's packages (idempotent; `make test` runs it,
# so CI installs them on a fresh machine): PostgreSQL (store tests on a throw-away server) and
# Chromium + an Arabic font (dashboard browser tests, via scripts/install_browser.sh).
# Without root or apt-get it says what is missing; the tests that need it skip with that reason.
set -uo pipefail
cd "$(dirname "$0")/.."
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null 2>&1 || true
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null 2>&1 \
      || echo "install_services: apt-get install postgresql failed; PostgreSQL tests will skip" >&2
  else
    echo "install_services: PostgreSQL not installed (needs root + apt-get); PostgreSQL tests will skip" >&2
  fi
fi
bash scripts/install_browser.sh >/dev/null || echo "install_services: no chromium; browser tests will skip" >&2
exit 0
