#!/usr/bin/env bash
# Checks that the fake org's answers conform to Okta's OpenAPI description: serves the fake on
# loopback, puts Prism in proxy mode (--errors) in front of it, drives a tour of every endpoint the
# fake implements through Prism, and fails on any request or response violation Prism reports.
#
# Usage: bash scripts/prism_conformance.sh [path/to/okta-management.prism.json]
# Prism is installed into .tmp/prism on first use (it is heavy, so it is not a devDependency).
set -euo pipefail
cd "$(dirname "$0")/.."

SPEC="${1:-../shared/spec/okta-management.prism.json}"
PRISM_VERSION="5.16.0"
PRISM_DIR=".tmp/prism"
PRISM="$PRISM_DIR/node_modules/.bin/prism"

if [ ! -f "$SPEC" ]; then
  echo "prism_conformance: spec not found at $SPEC" >&2
  exit 2
fi
if [ ! -x "$PRISM" ] || ! "$PRISM" --version 2>/dev/null | grep -qx "$PRISM_VERSION"; then
  echo "prism_conformance: installing @stoplight/prism-cli@$PRISM_VERSION into $PRISM_DIR" >&2
  mkdir -p "$PRISM_DIR"
  npm install --prefix "$PRISM_DIR" --no-audit --no-fund --loglevel=error "@stoplight/prism-cli@$PRISM_VERSION" >&2
fi

# Prism runs on Node; the system node may be older, so prefer the project's Node 24.
export PATH="$PWD/node_modules/.bin:$PATH"
exec node_modules/.bin/deno run --allow-net=127.0.0.1 --allow-read --allow-run --allow-env \
  scripts/prism_conformance_tour.ts --spec "$SPEC" --prism "$PRISM"
