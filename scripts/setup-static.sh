#!/usr/bin/env bash
# Installs the front-end libraries from the npm registry (package-lock.json) and copies the files the pages
# use into src/onedoor/static/vendor (not committed).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --silent
fi
dest=src/onedoor/static/vendor
mkdir -p "$dest"
cp node_modules/htmx.org/dist/htmx.min.js "$dest/htmx.min.js"
cp node_modules/echarts/dist/echarts.common.min.js "$dest/echarts.min.js"
