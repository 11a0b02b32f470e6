#!/usr/bin/env bash
# The full check, as the README gives it (`npm test`): static checks with Deno, the generated code against
# a fresh run of the generator, the same test files on Deno, Bun, Node 24 and workerd, every example against
# the fake org, and the fake org's responses validated by Prism.
set -euo pipefail
cd "$(dirname "$0")/.."
B=node_modules/.bin
SPEC="${OKTA_SPEC:-../shared/spec/okta-management.yaml}"
step() { printf '\n=== %s\n' "$*"; }

step "deno fmt --check";   $B/deno fmt --check
step "deno lint";          $B/deno lint
step "deno check";         $B/deno check mod.ts core.ts testing/mod.ts 'tests/**/*.ts' 'examples/**/*.ts' 'bench/**/*.ts' 'codegen/**/*.ts'
step "type-level tests (each @ts-expect-error in tests/types must be an error)"; $B/deno check tests/types/*.ts
step "README examples type-check"; $B/deno check --doc-only README.md
step "deno doc --lint";    $B/deno doc --lint mod.ts core.ts models/mod.ts testing/mod.ts
step "deno publish --dry-run"; $B/deno publish --dry-run --allow-dirty
if [ -f codegen/main.ts ]; then
  step "generated code is up to date with $SPEC"; $B/deno run -A codegen/main.ts "$SPEC" --check
fi
step "examples against the fake org"; bash scripts/run_examples.sh
step "fake org responses conform to the OpenAPI description (Prism)"; bash scripts/prism_conformance.sh
step "npm package: compiled, installed under node_modules, used from JavaScript and TypeScript"; bash scripts/npm_smoke.sh
step "deno test";          $B/deno test -A --quiet tests/
step "bun test";           $B/bun test tests/
step "node --test (Node $($B/node --version))"; $B/node --test 'tests/**/*_test.ts'
step "workerd";            $B/node scripts/workerd_test.mjs
