#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine: PostgreSQL for the storage
# suites on both backends, Chromium for the end-to-end tests, Xvfb + D-Bus + dunst + notify-send for the real notification
# test, a CJK font for the Chinese screens (screenshots test), and the npm
# packages (npm ci builds better-sqlite3 from source if needed).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pair in chromium:chromium Xvfb:xvfb dbus-launch:dbus-x11 notify-send:libnotify-bin dunst:dunst dbus-monitor:dbus; do
  bin=${pair%%:*}; pkg=${pair##*:}
  command -v "$bin" >/dev/null 2>&1 || need+=("$pkg")
done
# PostgreSQL for the storage suites (test/support/pg-cluster.ts starts throwaway clusters with
# pg_createcluster as root, or initdb otherwise; the package's own cluster is not used).
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || ! command -v pg_createcluster >/dev/null 2>&1; then need+=(postgresql); fi
# Without a CJK font Chromium draws Chinese as boxes (the packaged deb depends on the same font).
if [ -z "$(fc-list :lang=zh family 2>/dev/null)" ]; then need+=(fonts-noto-cjk); fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing system packages: ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "missing system packages (install them as root): ${need[*]}" >&2
    exit 1
  fi
fi

if [ -n "${CI:-}" ] || [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund
fi
# npm 11 may skip native install scripts; make sure the SQLite binding exists.
if ! node -e "require('better-sqlite3')(':memory:').close()" 2>/dev/null; then
  npm rebuild better-sqlite3
fi
