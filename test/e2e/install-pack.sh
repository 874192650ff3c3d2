#!/usr/bin/env bash
# Installs this package into an n8n user folder exactly as n8n installs a community
# package: `npm pack`, then the tarball into <folder>/.n8n/nodes with its runtime
# dependencies only (n8n provides n8n-workflow). Usage: install-pack.sh USER_FOLDER
set -euo pipefail
TARGET="$1"
PROJECT="$(cd "$(dirname "$0")/../.." && pwd)"
[ -d "$PROJECT/dist/nodes" ] || { echo "build first: npm run build" >&2; exit 1; }
PACK_DIR="$(mktemp -d)"
trap 'rm -rf "$PACK_DIR"' EXIT
(cd "$PROJECT" && npm pack --silent --pack-destination "$PACK_DIR" >/dev/null)
NODES="$TARGET/.n8n/nodes"
mkdir -p "$NODES"
[ -f "$NODES/package.json" ] || echo '{"private":true}' > "$NODES/package.json"
(cd "$NODES" && npm install --silent --omit=dev --omit=peer --ignore-scripts --no-audit --no-fund "$PACK_DIR"/*.tgz)
