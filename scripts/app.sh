#!/usr/bin/env bash
# The one command that sets up and runs the app on a fresh machine (`npm run app`, README):
# installs the npm packages when missing, then `npm start` with the same flags: the
# production build of the renderer (built when missing or stale), the sync server and the
# desktop app, or the web UI where the Electron binary cannot be had.
# `npm run app -- --lan` lets other tills on the shop's network in; `-- --dev` uses Vite's dev server.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
if ! node -e "require('better-sqlite3')(':memory:').close()" 2>/dev/null; then
  npm rebuild better-sqlite3
fi
exec npm start -- "$@"
