#!/usr/bin/env bash
# Stops the servers up.sh started, by the PIDs they recorded in .dev/servers/*.pid, and
# the children of those PIDs (OpenStack services fork workers). Never by name.
#   down.sh            every server
#   down.sh PREFIX     only the PID files whose name starts with PREFIX (e.g. openstack-)
# Each process tree gets TERM (children first, the recorded PID right after, so that a
# parent that is shutting down does not respawn its workers); whatever is still there
# after 10 s gets KILL (designate's services often need it).
cd "$(dirname "$0")/../.." || exit 0
prefix="${1:-}"

descendants() {
	local child
	for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
		descendants "$child"
		echo "$child"
	done
}

running() {
	# Alive and not a zombie.
	local stat
	stat=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
	[ -n "$stat" ] && [ "${stat:0:1}" != "Z" ]
}

pids=()
pidfiles=()
for pidfile in .dev/servers/"$prefix"*.pid; do
	[ -e "$pidfile" ] || continue
	pidfiles+=("$pidfile")
	pid=$(cat "$pidfile" 2>/dev/null)
	case "$pid" in '' | *[!0-9]*) continue ;; esac
	running "$pid" || continue
	# shellcheck disable=SC2207
	pids+=($(descendants "$pid") "$pid")
done

if [ ${#pids[@]} -gt 0 ]; then
	for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
	for _ in $(seq 1 100); do
		left=0
		for pid in "${pids[@]}"; do running "$pid" && { left=1; break; }; done
		[ $left = 0 ] && break
		sleep 0.1
	done
	# Survivors, and any worker a parent started in the meantime.
	survivors=()
	for pid in "${pids[@]}"; do
		if running "$pid"; then
			# shellcheck disable=SC2207
			survivors+=($(descendants "$pid") "$pid")
		fi
	done
	for pid in "${survivors[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
fi
for pidfile in "${pidfiles[@]}"; do rm -f "$pidfile"; done
exit 0
