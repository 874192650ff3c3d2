#!/usr/bin/env bash
# Stops the servers up.sh started, by the PIDs they recorded in .dev/servers/*.pid, and
# the children of those PIDs (OpenStack services fork workers). Never by name.
#   down.sh            every server
#   down.sh PREFIX     only the PID files whose name starts with PREFIX (e.g. openstack-)
# Each process tree gets TERM (children first, the recorded PID right after, so that a
# parent that is shutting down does not respawn its workers); whatever is still there
# after 5 s gets KILL (designate's services often need it).
cd "$(dirname "$0")/../.." || exit 0
prefix="${1:-}"

# One snapshot of the process table: "pid ppid state" per line (zombies count as gone).
# From ps when there is one, else from /proc/PID/stat (slim images ship without procps):
# its fields after the command, which is in parentheses and may hold spaces, are state, ppid.
snapshot() {
	if command -v ps >/dev/null 2>&1; then
		ps -e -o pid=,ppid=,stat= 2>/dev/null
		return
	fi
	local stat line rest
	for stat in /proc/[0-9]*/stat; do
		read -r line 2>/dev/null <"$stat" || continue
		rest=${line##*) }
		set -- $rest
		echo "${line%% *} $2 $1"
	done
}

# The recorded PIDs (still running) and all their descendants, children first.
trees() {
	# $1: snapshot; remaining: root PIDs
	local table=$1
	shift
	awk -v roots="$*" '
		{ state[$1] = substr($3, 1, 1); kids[$2] = kids[$2] " " $1 }
		function walk(p,   n, i, list) {
			n = split(kids[p], list, " ")
			for (i = 1; i <= n; i++) walk(list[i])
			if (state[p] != "" && state[p] != "Z") print p
		}
		END { n = split(roots, r, " "); for (i = 1; i <= n; i++) walk(r[i]) }
	' <<<"$table"
}

# Which of the given PIDs still run.
running() {
	local table=$1
	shift
	awk -v pids="$*" '
		BEGIN { n = split(pids, p, " "); for (i = 1; i <= n; i++) want[p[i]] = 1 }
		($1 in want) && substr($3, 1, 1) != "Z" { print $1 }
	' <<<"$table"
}

roots=()
pidfiles=()
for pidfile in .dev/servers/"$prefix"*.pid; do
	[ -e "$pidfile" ] || continue
	pidfiles+=("$pidfile")
	pid=$(cat "$pidfile" 2>/dev/null)
	case "$pid" in '' | *[!0-9]*) continue ;; esac
	roots+=("$pid")
done

if [ ${#roots[@]} -gt 0 ]; then
	# shellcheck disable=SC2207
	pids=($(trees "$(snapshot)" "${roots[@]}"))
	if [ ${#pids[@]} -gt 0 ]; then
		kill -TERM "${pids[@]}" 2>/dev/null
		deadline=$((SECONDS + 5))
		while [ $SECONDS -lt $deadline ] && [ -n "$(running "$(snapshot)" "${pids[@]}")" ]; do
			sleep 0.2
		done
		# Survivors, and any worker a parent started in the meantime.
		table=$(snapshot)
		# shellcheck disable=SC2207
		survivors=($(trees "$table" $(running "$table" "${pids[@]}")))
		[ ${#survivors[@]} -eq 0 ] || kill -KILL "${survivors[@]}" 2>/dev/null
	fi
fi
for pidfile in "${pidfiles[@]}"; do rm -f "$pidfile"; done
exit 0
