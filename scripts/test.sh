#!/usr/bin/env bash
# The whole test suite (what `make test` and CI run). Extra arguments go to pytest.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV:-.venv}/bin
"$BIN/python" -m pytest "$@"
rc=$?
if [ "$rc" -eq 5 ]; then
  # pytest's "no tests collected": not a failure of the code under test, but say it loudly
  echo "WARNING: pytest collected no tests" >&2
  exit 0
fi
exit "$rc"
