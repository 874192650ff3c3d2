#!/usr/bin/env bash
# Starts every local server the integration and e2e tests use, bound to 127.0.0.1.
# Each server script writes its PID under .dev/servers; down.sh stops them by PID.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p .dev/servers
for script in test/servers/*/start.sh; do
	[ -e "$script" ] || continue
	echo "== starting $(basename "$(dirname "$script")")"
	bash "$script"
done
