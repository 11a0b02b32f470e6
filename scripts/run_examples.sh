#!/usr/bin/env bash
# Runs every examples/*.ts with Deno against the in-memory fake org, the README's usage guide against the fake
# org served over HTTP, and the Worker recipe (examples/worker/) under workerd; stops at the first failure.
# Usage: scripts/run_examples.sh   (from anywhere; quiet unless an example fails)
set -euo pipefail
cd "$(dirname "$0")/.."
deno=node_modules/.bin/deno
passed=0
for file in examples/*.ts; do
  [ "$file" = examples/serve_fake_org.ts ] && continue # a server: used below
  if ! output=$(env -u OKTA_CLIENT_ORGURL -u OKTA_CLIENT_ORG_URL "$deno" run -A "$file" 2>&1); then
    printf '%s\n' "$output"
    echo "examples: $passed passed, 1 failed ($file)"
    exit 1
  fi
  passed=$((passed + 1))
done

# The quickstart's real-org path, configured from the environment, against the fake org served over HTTP.
port=$((20000 + RANDOM % 20000))
log=$(mktemp)
"$deno" run -A examples/serve_fake_org.ts "$port" > "$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 50); do grep -q "^export OKTA_TESTING" "$log" && break; sleep 0.1; done
eval "$(grep '^export ' "$log")"
if ! output=$("$deno" run -A examples/quickstart.ts 2>&1) || ! grep -q "Reading from your org" <<<"$output"; then
  printf '%s\n' "$output"
  echo "examples: $passed passed, 1 failed (quickstart against the fake org over HTTP)"
  exit 1
fi
passed=$((passed + 1))

# The README's usage guide, as written, against the same fake org over HTTP.
mkdir -p .tmp
awk '/^## Usage guide/{f=1} f&&/^```ts$/{g=1;next} g&&/^```$/{exit} g{print}' README.md > .tmp/readme_usage.ts
if ! output=$("$deno" run -A .tmp/readme_usage.ts 2>&1) || ! grep -q "SUCCESS Example SWA" <<<"$output"; then
  printf '%s\n' "$output"
  echo "examples: $passed passed, 1 failed (the README's usage guide against the fake org over HTTP)"
  exit 1
fi
passed=$((passed + 1))

# The Worker recipe (examples/worker/), bundled and served by workerd.
if ! output=$("$deno" run -A scripts/worker_example.mjs 2>&1); then
  printf '%s\n' "$output"
  echo "examples: $passed passed, 1 failed (the Worker recipe under workerd)"
  exit 1
fi
passed=$((passed + 1))
echo "examples: $passed passed, 0 failed"
