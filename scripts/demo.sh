#!/usr/bin/env bash
# `make demo`: load the shared official lists into a fresh database, show what was loaded,
# then look up one listed entity. Usage: scripts/demo.sh [SHARED_DIR]
set -euo pipefail
shared=${1:-../shared}
cp=.venv/bin/chokepoint
db=$(mktemp -d)/demo.db
trap 'rm -rf "$(dirname "$db")"' EXIT

step() { printf '\n$ %s\n' "$*"; "$@"; }

step $cp lists load "$shared/lists" --db "$db"
step $cp lists status --db "$db"
step $cp entity us_ofac_sdn-16868 --db "$db"
