#!/usr/bin/env bash
# Undoes bench/wan/up.sh: stops the processes it started (by their PIDs) and removes the
# namespaces cpk-wan and cpk-wanc (the TUN devices vanish with link.py).
cd "$(dirname "$0")"
STATE=${CPK_WAN_STATE:-../../.dev/wan}
for name in relay link; do
	if [ -s "$STATE/$name.pid" ]; then
		kill "$(cat "$STATE/$name.pid")" 2>/dev/null || true
		rm -f "$STATE/$name.pid"
	fi
done
sleep 0.2
for ns in cpk-wan cpk-wanc; do ip netns del "$ns" 2>/dev/null || true; done
