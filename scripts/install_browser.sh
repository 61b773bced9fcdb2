#!/usr/bin/env bash
# Install headless Chromium (Debian's `chromium` package) and an Arabic font for the dashboard's
# browser tests (tests/serve/test_browser.py, driven by Playwright's Python API with
# executable_path=/usr/bin/chromium). Never runs `playwright install` (no browser download).
# Idempotent: does nothing when /usr/bin/chromium and an Arabic font are already there.
# Needs root (or sudo) for apt-get; without it the browser tests are skipped with a reason.
set -euo pipefail
have_font() { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=ar 2>/dev/null | head -n 1)" ]; }
pkgs=()
[ -x /usr/bin/chromium ] || pkgs+=(chromium)
have_font || pkgs+=(fonts-noto-core)  # Noto Naskh/Sans/Kufi Arabic: Arabic in the screenshots
if [ ${#pkgs[@]} -eq 0 ]; then
  echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "install_browser.sh: needs root for apt-get install ${pkgs[*]}; browser tests will be skipped" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y "${pkgs[@]}"
echo "installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
