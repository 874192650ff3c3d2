#!/usr/bin/env bash
# The Google Cloud Storage stand-in of the integration, e2e and benchmark runs: the
# firebase-tools Storage emulator (a pinned devDependency), started by emulator.js with its
# rules runtime replaced by an allow-all stub, on 127.0.0.1 (its CLI refuses to start offline:
# it wants Java 21 and downloads a rules jar; bucket create/delete and chunked resumable uploads
# are missing, and bodies are capped at 130 MB: test/fakes/gcs covers those).
# Idempotent: does nothing when it already answers. Data lives under .dev/servers/gcs/;
# the PID goes to .dev/servers/gcs.pid (down.sh stops it); connection details to
# .dev/servers/gcs.json:
#   { "emulatorHost", "projectId", "bucket", "buckets" }
# The emulator cannot create buckets through the API; emulator.js pre-creates these.
set -euo pipefail
cd "$(dirname "$0")/../../.."
PROJECT="$(pwd)"
SERVERS="$PROJECT/.dev/servers"
DIR="$SERVERS/gcs"
PIDFILE="$SERVERS/gcs.pid"
JSON="$SERVERS/gcs.json"
PROJECT_ID=cloud-pack-test
BUCKETS="cloud-pack-test,cloud-pack-e2e,cloud-pack-e2e-copy,cloud-pack-it,cloud-pack-it-copy"
log() { echo "[gcs] $*" >&2; }

answers() { curl -fsS -o /dev/null --max-time 3 "$1/b" 2>/dev/null; }

if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null && [ -f "$JSON" ]; then
	host=$(node -e "process.stdout.write(require('$JSON').emulatorHost)")
	if answers "$host"; then
		log "already running: $host"
		exit 0
	fi
	kill "$(cat "$PIDFILE")" 2>/dev/null || true
	rm -f "$PIDFILE"
fi

[ -d "$PROJECT/node_modules/firebase-tools" ] || { log "missing firebase-tools: run npm install (a pinned devDependency)"; exit 1; }

port_free() {
	node -e "const s=require('net').createServer();s.once('error',()=>process.exit(1));s.listen($1,'127.0.0.1',()=>s.close(()=>process.exit(0)))"
}
PORT="${GCS_EMULATOR_PORT:-19199}"
if ! port_free "$PORT"; then
	PORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{const p=s.address().port;s.close(()=>process.stdout.write(String(p)))})")
	log "port ${GCS_EMULATOR_PORT:-19199} is taken; using $PORT"
fi

rm -rf "$DIR" && mkdir -p "$DIR"
nohup node "$PROJECT/test/servers/gcs/emulator.js" --port "$PORT" --project "$PROJECT_ID" --buckets "$BUCKETS" --dir "$DIR" \
	>"$DIR/emulator.log" 2>&1 &
echo $! >"$PIDFILE"

HOST="http://127.0.0.1:$PORT"
for _ in $(seq 1 300); do
	if answers "$HOST"; then
		node -e "
const buckets = process.argv[2].split(',');
require('fs').writeFileSync(process.argv[1], JSON.stringify({ emulatorHost: '$HOST', projectId: '$PROJECT_ID', bucket: buckets[0], buckets }, null, 2) + '\n');
" "$JSON" "$BUCKETS"
		log "ready: $HOST (pid $(cat "$PIDFILE"))"
		exit 0
	fi
	kill -0 "$(cat "$PIDFILE")" 2>/dev/null || { log "exited:"; cat "$DIR/emulator.log" >&2; rm -f "$PIDFILE"; exit 1; }
	sleep 0.2
done
log "did not answer within 60 s:"; cat "$DIR/emulator.log" >&2
exit 1
