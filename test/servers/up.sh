#!/usr/bin/env bash
# Starts every local server the integration and e2e tests use, bound to 127.0.0.1, all at
# once (each test/servers/*/start.sh in the background, its lines prefixed with its name).
# Each server script writes its PIDs under .dev/servers; down.sh stops them by PID.
# Exits non-zero when any of them failed. test/servers/openstack/start.sh also calls
# test/servers/swift/start.sh (for Swift's Keystone-backed proxy, once Keystone is up);
# the Swift script serializes its runs with a lock.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p .dev/servers
names=()
pids=()
for script in test/servers/*/start.sh; do
	[ -e "$script" ] || continue
	name=$(basename "$(dirname "$script")")
	echo "== starting $name"
	(
		set -o pipefail
		bash "$script" 2>&1 | sed -u "s/^/$name| /"
	) &
	names+=("$name")
	pids+=($!)
done
status=0
for i in "${!pids[@]}"; do
	if wait "${pids[$i]}"; then
		echo "== ${names[$i]} started"
	else
		echo "== ${names[$i]} FAILED"
		status=1
	fi
done
exit $status
