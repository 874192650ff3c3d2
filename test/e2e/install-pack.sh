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
(cd "$PROJECT" && npm pack --loglevel=error --pack-destination "$PACK_DIR" >/dev/null)
NODES="$TARGET/.n8n/nodes"
mkdir -p "$NODES"
[ -f "$NODES/package.json" ] || echo '{"private":true}' > "$NODES/package.json"
# npm's errors are printed (not --silent); a failure that may be passing (the registry, npm's
# cache shared with a concurrent install) gets two more tries before the script gives up.
install_pack() {
	(cd "$NODES" && npm install --loglevel=error --omit=dev --omit=peer --ignore-scripts \
		--no-audit --no-fund "$PACK_DIR"/*.tgz >/dev/null)
}
for attempt in 1 2 3; do
	install_pack && exit 0
	echo "install-pack.sh: npm install failed (attempt $attempt of 3)" >&2
	sleep $((attempt * 5))
done
exit 1
