#!/usr/bin/env bash
# Runs every examples/*.ts with Deno against the in-memory fake org; stops at the first failure.
# Usage: scripts/run_examples.sh   (from anywhere; quiet unless an example fails)
set -euo pipefail
cd "$(dirname "$0")/.."
deno=node_modules/.bin/deno
passed=0
for file in examples/*.ts; do
  if ! output=$(env -u OKTA_CLIENT_ORGURL -u OKTA_CLIENT_ORG_URL "$deno" run -A "$file" 2>&1); then
    printf '%s\n' "$output"
    echo "examples: $passed passed, 1 failed ($file)"
    exit 1
  fi
  passed=$((passed + 1))
done
echo "examples: $passed passed, 0 failed"
