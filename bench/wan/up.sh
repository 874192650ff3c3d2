#!/usr/bin/env bash
# Sets up the emulated wide-area link (see README "Over a wide-area link"): two network
# namespaces, cpk-wanc (the client's side) and cpk-wan (the servers' side), joined by two TUN
# devices and the link program (20 ms each way, 0.01 % random loss, 1 Gbit/s): bench/wan/link.c,
# built here with cc, or bench/wan/link.py where no C compiler is present (the same model, but it
# tops out near 45 MiB/s). Relays in cpk-wan from 10.77.0.2:<port> to the shared local servers on 127.0.0.1:<port>. Both namespaces
# use Reno: the machine's default, BBR, does not slow down on random loss (and a namespace may
# only choose among net.ipv4.tcp_allowed_congestion_control: reno, bbr). PIDs go to
# $CPK_WAN_STATE (default .dev/wan). Undo with bench/wan/down.sh.
set -euo pipefail
cd "$(dirname "$0")"
STATE=${CPK_WAN_STATE:-../../.dev/wan}
mkdir -p "$STATE"
for ns in cpk-wanc cpk-wan; do
	ip netns add "$ns"
	ip netns exec "$ns" ip link set lo up
	ip netns exec "$ns" sysctl -q -w net.ipv4.tcp_congestion_control="${CPK_WAN_CC:-reno}"
done
rm -f "$STATE/link.ready"
MTU=${CPK_WAN_MTU:-1500}
LINK=(python3 link.py)
if command -v cc >/dev/null; then
	cc -O2 -Wall -o "$STATE/link" link.c
	LINK=("$STATE/link" --mtu "$MTU")
fi
"${LINK[@]}" --near cpk-wanc --far cpk-wan --delay-ms "${CPK_WAN_DELAY_MS:-20}" \
	--loss "${CPK_WAN_LOSS:-0.0001}" --rate "${CPK_WAN_RATE:-1e9}" --ready "$STATE/link.ready" \
	2>"$STATE/link.log" &
echo $! >"$STATE/link.pid"
for _ in $(seq 100); do [ -s "$STATE/link.ready" ] && break; sleep 0.05; done
[ -s "$STATE/link.ready" ] || { echo "the link did not start: $(cat "$STATE/link.log")" >&2; exit 1; }
ip netns exec cpk-wanc ip addr add 10.77.0.1/30 dev cpk-wan0
ip netns exec cpk-wanc ip link set cpk-wan0 mtu "$MTU" up
ip netns exec cpk-wan ip addr add 10.77.0.2/30 dev cpk-wan1
ip netns exec cpk-wan ip link set cpk-wan1 mtu "$MTU" up
python3 relay.py --netns cpk-wan --address 10.77.0.2 ${CPK_WAN_PORTS:---forward 18080 --forward 10000} \
	2>"$STATE/relay.log" &
echo $! >"$STATE/relay.pid"
for _ in $(seq 100); do ip netns exec cpk-wan ss -ltn | grep -q 10.77.0.2: && break; sleep 0.05; done
