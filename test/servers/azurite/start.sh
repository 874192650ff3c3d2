#!/usr/bin/env bash
# Azurite (npm `azurite`, Blob service only), on 127.0.0.1: the Azure Blob Storage
# stand-in of the integration and e2e tests (bench/azure.ts starts Azurites of its own).
# Idempotent: does nothing when it already answers. Runs the repo's own
# node_modules/.bin/azurite-blob (a devDependency). Data lives under
# .dev/servers/azurite/data (emptied on a fresh start); the PID goes to .dev/servers/azurite.pid (down.sh stops it);
# connection details to .dev/servers/azurite.json:
#   { "blobEndpoint", "accountName", "accountKey", "connectionString" }
set -euo pipefail
cd "$(dirname "$0")/../../.."
PROJECT="$(pwd)"
SERVERS="$PROJECT/.dev/servers"
DIR="$SERVERS/azurite"
PIDFILE="$SERVERS/azurite.pid"
JSON="$SERVERS/azurite.json"
BIN="$PROJECT/node_modules/.bin/azurite-blob"
# Azurite's well-known development account (public, documented by Microsoft).
ACCOUNT=devstoreaccount1
KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
log() { echo "[azurite] $*" >&2; }

answers() { # any HTTP answer (403 without credentials) means the blob service is up
	local code
	code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$1/?comp=list" 2>/dev/null || true)
	[ -n "$code" ] && [ "$code" != "000" ]
}

if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null && [ -f "$JSON" ]; then
	endpoint=$(node -e "process.stdout.write(require('$JSON').blobEndpoint)")
	if answers "$endpoint"; then
		log "already running: $endpoint"
		exit 0
	fi
	kill "$(cat "$PIDFILE")" 2>/dev/null || true
	rm -f "$PIDFILE"
fi

[ -x "$BIN" ] || { log "missing $BIN: run npm install (azurite is a devDependency)"; exit 1; }

port_free() {
	node -e "const s=require('net').createServer();s.once('error',()=>process.exit(1));s.listen($1,'127.0.0.1',()=>s.close(()=>process.exit(0)))"
}
PORT="${AZURITE_BLOB_PORT:-10000}"
if ! port_free "$PORT"; then
	PORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{const p=s.address().port;s.close(()=>process.stdout.write(String(p)))})")
	log "port ${AZURITE_BLOB_PORT:-10000} is taken; using $PORT"
fi

# A fresh start begins empty: tests use their own containers and need nothing kept.
rm -rf "$DIR/data"
mkdir -p "$DIR/data"
nohup "$BIN" --blobHost 127.0.0.1 --blobPort "$PORT" --skipApiVersionCheck --loose --disableTelemetry \
	--location "$DIR/data" --silent >"$DIR/azurite.log" 2>&1 &
echo $! >"$PIDFILE"

ENDPOINT="http://127.0.0.1:$PORT/$ACCOUNT"
for _ in $(seq 1 100); do
	if answers "$ENDPOINT"; then
		cat >"$JSON" <<JSON
{
  "blobEndpoint": "$ENDPOINT",
  "accountName": "$ACCOUNT",
  "accountKey": "$KEY",
  "connectionString": "DefaultEndpointsProtocol=http;AccountName=$ACCOUNT;AccountKey=$KEY;BlobEndpoint=$ENDPOINT;"
}
JSON
		log "ready: $ENDPOINT (pid $(cat "$PIDFILE"))"
		exit 0
	fi
	kill -0 "$(cat "$PIDFILE")" 2>/dev/null || { log "exited:"; cat "$DIR/azurite.log" >&2; rm -f "$PIDFILE"; exit 1; }
	sleep 0.2
done
log "did not answer within 20 s"; cat "$DIR/azurite.log" >&2
exit 1
