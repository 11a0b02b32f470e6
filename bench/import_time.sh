#!/usr/bin/env bash
# Import time of each entry point on Deno, Bun and Node 24: the best of five fresh processes each.
set -euo pipefail
cd "$(dirname "$0")"
B=../node_modules/.bin
node="$(bash ../scripts/node.sh --which)" # Node 22+, as for the other Node steps
best() { for _ in 1 2 3 4 5; do "$@" 2>/dev/null | tail -1; done | sort -n | head -1; }
for entry in ../core.ts ../api/user.ts ../mod.ts; do
  printf '%-14s deno %6s ms   bun %6s ms   node %6s ms\n' "$entry" \
    "$(best $B/deno run -A import_time.ts "$entry")" \
    "$(best $B/bun import_time.ts "$entry")" \
    "$(best "$node" --no-warnings import_time.ts "$entry")"
done
