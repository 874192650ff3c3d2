#!/usr/bin/env bash
# npm test: format check, lint, type-check, build, then unit, integration (against local servers
# it starts and stops itself) and end-to-end tests inside a real n8n. Ends with one line
# "N passed, N failed" (scripts/test-summary.js), which fails on a missing or empty project too.
set -euo pipefail
cd "$(dirname "$0")/.."
RESULTS="$PWD/.dev/results"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
export CLOUD_PACK_RESULTS="$RESULTS"
started=$(date +%s)
stamp() { echo "== $* ($(($(date +%s) - started)) s)"; }

# n8n (minutes on a fresh machine) installs in the background while everything else runs.
stamp "n8n runtime: installing in the background (log: .dev/results/install-n8n.log)"
bash test/e2e/install-n8n.sh > "$RESULTS/install-n8n.log" 2>&1 &
N8N_INSTALL=$!

status=0
stamp "format check" && npx prettier --check . || status=1
stamp "lint" && npx eslint . || status=1
stamp "type-check" && npx tsc -p tsconfig.json --noEmit || status=1
stamp "build" && npm run --silent build

stamp "local servers"
trap 'bash test/servers/down.sh' EXIT
bash test/servers/up.sh

run_project() {
	local project=$1
	shift
	stamp "$project tests"
	npx jest --selectProjects "$project" --json --outputFile="$RESULTS/$project.json" "$@" || status=1
}
run_project unit
run_project integration

stamp "waiting for the n8n runtime"
if ! wait "$N8N_INSTALL"; then
	tail -n 60 "$RESULTS/install-n8n.log"
	echo "FAILED: n8n could not be installed; the end-to-end tests cannot run"
	status=1
fi
# The package template the e2e harness builds once per build (harness/n8n.ts), from earlier runs.
rm -rf "${TMPDIR:-/tmp}"/cloud-pack-template-*
# Two suites at a time, each with its own n8n (ports picked free, harness/ports.ts): on two
# cores, one suite waits on its servers or fakes while the other runs.
run_project e2e --maxWorkers=2
# The package template is about 100 MB; it is rebuilt on the next run, so it is not left behind.
rm -rf "${TMPDIR:-/tmp}"/cloud-pack-template-*
stamp "done"
node scripts/test-summary.js "$RESULTS" || status=1
exit $status
