#!/usr/bin/env bash
# npm run bench: compiles bench/*.ts and runs each benchmark (or those named: npm run bench -- local s3).
# Benchmarks that need a local server expect test/servers/up.sh to have started it (done here).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=.dev/bench-build
rm -rf "$OUT"
npx tsc -p tsconfig.json --outDir "$OUT" --noEmit false
cp bench/lib/*.js "$OUT/bench/lib/"
# the compiled test helpers look for the servers' descriptions two or three folders above
# themselves (.dev/servers): the same folder, seen from the build
mkdir -p "$OUT/.dev" .dev/servers
ln -sfn "$(pwd)/.dev/servers" "$OUT/.dev/servers"
# BENCH_SERVERS=running: use the servers already started (by test/servers/up.sh) and leave them up.
if [ "${BENCH_SERVERS:-}" != running ]; then
	bash test/servers/up.sh
	trap 'bash test/servers/down.sh' EXIT
fi
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
	names=(startup)
	for f in bench/*.ts; do n=$(basename "$f" .ts); [ "$n" = startup ] || names+=("$n"); done
fi
for name in "${names[@]}"; do
	echo "================ bench: $name"
	node "$OUT/bench/$name.js"
done
