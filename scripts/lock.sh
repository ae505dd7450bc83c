#!/usr/bin/env bash
# Regenerates requirements.lock and requirements-dev.lock from pyproject.toml in a throwaway venv.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install -q --upgrade pip
"$tmp/venv/bin/pip" install -q .
{ echo "# Runtime dependencies, pinned (generated: pip install . && pip freeze). Regenerate with scripts/lock.sh."
  "$tmp/venv/bin/pip" freeze --exclude onedoor; } > requirements.lock
"$tmp/venv/bin/pip" freeze --exclude onedoor > "$tmp/base.txt"
"$tmp/venv/bin/pip" install -q pytest pytest-django pytest-xdist playwright hypothesis schemathesis ruff pypdf
{ echo "# Test and lint dependencies, pinned (on top of requirements.lock). Regenerate with scripts/lock.sh."
  "$tmp/venv/bin/pip" freeze --exclude onedoor | grep -vxFf "$tmp/base.txt"; } > requirements-dev.lock
rm -rf "$tmp"
