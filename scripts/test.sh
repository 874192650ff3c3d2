#!/usr/bin/env bash
# npm test: lint, type-check, build, then unit, integration (against local servers it
# starts and stops itself) and end-to-end tests inside a real n8n. Ends with one line
# "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
RESULTS=.dev/results
rm -rf "$RESULTS" && mkdir -p "$RESULTS"

echo "== lint" && npx eslint .
echo "== type-check" && npx tsc -p tsconfig.json --noEmit
echo "== build" && npm run --silent build
echo "== n8n runtime (installed once, cached outside git)" && bash test/e2e/install-n8n.sh

bash test/servers/up.sh
trap 'bash test/servers/down.sh' EXIT

status=0
run_project() {
	local project=$1; shift
	echo "== $project tests"
	npx jest --selectProjects "$project" --json --outputFile="$RESULTS/$project.json" "$@" || status=1
}
run_project unit
run_project integration
run_project e2e --runInBand
node scripts/test-summary.js "$RESULTS" || status=1
exit $status
