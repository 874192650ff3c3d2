#!/usr/bin/env bash
# Stops the servers up.sh started, by the PIDs they recorded.
cd "$(dirname "$0")/../.." || exit 0
for pidfile in .dev/servers/*.pid; do
	[ -e "$pidfile" ] || continue
	pid=$(cat "$pidfile")
	kill "$pid" 2>/dev/null || true
	for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	kill -9 "$pid" 2>/dev/null || true
	rm -f "$pidfile"
done
exit 0
