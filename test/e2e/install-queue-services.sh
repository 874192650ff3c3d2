#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis (Debian's packages) are installed for the queue-mode e2e
# suite and bench, which start their own copies on free ports of 127.0.0.1 (harness/queue.ts).
# Prints PostgreSQL's bin folder on its last line.
#
# The packages must not start their services (those would take the default ports and run
# outside the test's control): a policy-rc.d that forbids every start is put in place for the
# install when none is there. Installs take turns on dpkg's lock (other test scripts install too).
set -euo pipefail
log() { echo "[queue-services] $*" >&2; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ -z "$(pg_bin)" ] || ! command -v redis-server >/dev/null; then
	[ "$(id -u)" = 0 ] || { log "FAILED: PostgreSQL or Redis missing, and installing them needs root"; exit 1; }
	apt="apt-get -o DPkg::Lock::Timeout=600 -q"
	policy_added=""
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
		chmod +x /usr/sbin/policy-rc.d
		policy_added=1
	fi
	status=0
	log "installing postgresql and redis-server"
	{
		DEBIAN_FRONTEND=noninteractive $apt install -y --no-install-recommends postgresql redis-server ||
			{ $apt update && DEBIAN_FRONTEND=noninteractive $apt install -y --no-install-recommends postgresql redis-server; }
	} >&2 || status=$?
	[ -z "$policy_added" ] || rm -f /usr/sbin/policy-rc.d
	[ "$status" = 0 ] || { log "FAILED: apt-get install (status $status)"; exit 1; }
fi
dir=$(pg_bin)
[ -x "$dir/postgres" ] && [ -x "$dir/initdb" ] || { log "FAILED: no postgres/initdb in $dir"; exit 1; }
echo "$dir"
