#!/usr/bin/env bash
# `make demo`: load the shared official lists into a fresh database, show what was loaded,
# screen a few names (one in Cyrillic, one that must not alarm) with their explanations,
# look up one listed entity, screen two shipments, and take a case from record to approval.
# Usage: scripts/demo.sh [SHARED_DIR]
set -euo pipefail
shared=${1:-../shared}
cp=.venv/bin/chokepoint
db=$(mktemp -d)/demo.db
trap 'rm -rf "$(dirname "$db")"' EXIT

# Print each command as it can be pasted back into a shell: arguments with spaces or shell
# characters quoted (printing "$*" lost the quotes, and the README copied the broken form).
show() {
  local out="" arg
  for arg in "$@"; do
    if [[ $arg =~ ^[A-Za-z0-9_./:=@,+%-]+$ ]]; then out+=" $arg"; else out+=" '${arg//\'/\'\\\'\'}'"; fi
  done
  printf '\n$%s\n' "${out/ $cp/ chokepoint}"
}
step() { show "$@"; "$@"; }

step $cp lists load "$shared/lists" --db "$db"
step $cp lists status --db "$db"
step $cp screen "Concern Radio-Electronic Technologies JSC" --limit 3 --db "$db"
step $cp screen "ООО Молот-Оружие" --schema Company --limit 2 --db "$db"
step $cp screen "Muhammad Husain" --schema Person --limit 3 --db "$db"
step $cp screen "Maria Lopez Garcia" --schema Person --limit 2 --db "$db"
step $cp screen "Unknown name" --id "IMO 9187629" --schema Vessel --limit 1 --db "$db"
step $cp entity us-ofac-sdn-16868 --db "$db"
step $cp shipment screen examples/shipment-blocked.json --db "$db"
step $cp shipment screen examples/shipment-clear.json --db "$db"
step $cp screen "Eric Badege" --schema Person --limit 2 --record --user alice --db "$db"
step $cp cases decide 1 --disposition false_positive --reason "customer born 1990; listed man 1971" --user alice --db "$db"
step $cp cases approve 1 --user bob --db "$db"
step $cp audit verify --db "$db"
