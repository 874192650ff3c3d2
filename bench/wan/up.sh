#!/usr/bin/env bash
# Sets up the emulated wide-area link (see README "Over a wide-area link"): a network namespace
# cpk-wan, two TUN devices joined by bench/wan/link.py (20 ms each way, 0.01 % loss, 1 Gbit/s),
# and relays in the namespace to the shared local servers. Prints nothing on success; writes the
# PIDs it started to $CPK_WAN_STATE (default .dev/wan). Undo with bench/wan/down.sh.
set -euo pipefail
cd "$(dirname "$0")"
STATE=${CPK_WAN_STATE:-../../.dev/wan}
mkdir -p "$STATE"
NS=cpk-wan
ip netns add "$NS"
ip netns exec "$NS" ip link set lo up
rm -f "$STATE/link.ready"
python3 link.py --netns "$NS" --delay-ms "${CPK_WAN_DELAY_MS:-20}" --loss "${CPK_WAN_LOSS:-0.0001}" \
	--rate "${CPK_WAN_RATE:-1e9}" --ready "$STATE/link.ready" 2>"$STATE/link.log" &
echo $! >"$STATE/link.pid"
for _ in $(seq 100); do [ -s "$STATE/link.ready" ] && break; sleep 0.05; done
[ -s "$STATE/link.ready" ] || { echo "link.py did not start: $(cat "$STATE/link.log")" >&2; exit 1; }
MTU=${CPK_WAN_MTU:-1500}
ip addr add 10.77.0.1/30 dev cpk-wan0
ip link set cpk-wan0 mtu "$MTU" up
ip netns exec "$NS" ip addr add 10.77.0.2/30 dev cpk-wan1
ip netns exec "$NS" ip link set cpk-wan1 mtu "$MTU" up
python3 relay.py --netns "$NS" --address 10.77.0.2 ${CPK_WAN_PORTS:---forward 18080 --forward 10000} \
	2>"$STATE/relay.log" &
echo $! >"$STATE/relay.pid"
for _ in $(seq 100); do ip netns exec "$NS" ss -ltn | grep -q 10.77.0.2: && break; sleep 0.05; done
