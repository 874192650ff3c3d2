#!/usr/bin/env python3
"""A wide-area link emulated in user space between two TUN devices.

The kernel here has no netem qdisc (CONFIG_NET_SCH_NETEM is not built), so this program plays
the link: it owns cpk-wan0 (in the namespace named by --near) and cpk-wan1 (in the one named by
--far), and forwards each IP packet from one to the other after a fixed one-way delay,
dropping a packet at random with probability --loss and serialising packets at --rate bits per
second behind a tail-drop queue of --queue-ms. Both devices vanish when this process ends.
"""
import argparse
import ctypes
import collections
import fcntl
import os
import random
import select
import signal
import struct
import sys
import time

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000
CLONE_NEWNET = 0x40000000

libc = ctypes.CDLL(None, use_errno=True)


def setns(fd):
    if libc.setns(fd, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), "setns failed")


def open_tun(name):
    fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
    return fd


class Direction:
    """One way of the link: a serialising queue followed by a fixed delay."""

    def __init__(self, src, dst, args):
        self.src, self.dst = src, dst
        self.delay = args.delay_ms / 1000
        self.loss = args.loss
        self.byte_time = 8 / args.rate
        self.queue_limit = args.queue_ms / 1000
        self.free_at = 0.0
        self.pending = collections.deque()
        self.stats = collections.Counter()

    def receive(self, now):
        while True:
            try:
                packet = os.read(self.src, 65536)
            except BlockingIOError:
                return
            self.stats["packets"] += 1
            if random.random() < self.loss:
                self.stats["lost"] += 1
                continue
            start = max(now, self.free_at)
            if start - now > self.queue_limit:
                self.stats["queue_drops"] += 1
                continue
            self.free_at = start + len(packet) * self.byte_time
            self.pending.append((self.free_at + self.delay, packet))

    def release(self, now):
        pending = self.pending
        while pending and pending[0][0] <= now:
            try:
                os.write(self.dst, pending.popleft()[1])
            except OSError:
                self.stats["write_errors"] += 1

    def next_due(self):
        return self.pending[0][0] if self.pending else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--near", required=True)
    parser.add_argument("--far", required=True)
    parser.add_argument("--delay-ms", type=float, default=20)
    parser.add_argument("--loss", type=float, default=0.0001)
    parser.add_argument("--rate", type=float, default=1e9)
    parser.add_argument("--queue-ms", type=float, default=50)
    parser.add_argument("--ready", help="file written once both devices exist")
    args = parser.parse_args()

    home = os.open("/proc/self/ns/net", os.O_RDONLY)
    setns(os.open(f"/var/run/netns/{args.near}", os.O_RDONLY))
    near = open_tun("cpk-wan0")
    setns(os.open(f"/var/run/netns/{args.far}", os.O_RDONLY))
    far = open_tun("cpk-wan1")
    setns(home)
    if args.ready:
        with open(args.ready, "w") as ready:
            ready.write(str(os.getpid()))

    ways = [Direction(near, far, args), Direction(far, near, args)]
    by_fd = {near: ways[0], far: ways[1]}
    poller = select.epoll()
    poller.register(near, select.EPOLLIN)
    poller.register(far, select.EPOLLIN)

    def report(*_):
        for name, way in zip(("out", "back"), ways):
            print(f"link {name}: {dict(way.stats)}", file=sys.stderr, flush=True)
        sys.exit(0)

    signal.signal(signal.SIGTERM, report)
    signal.signal(signal.SIGINT, report)
    while True:
        now = time.monotonic()
        dues = [d for d in (way.next_due() for way in ways) if d is not None]
        timeout = max(0.0, min(dues) - now) if dues else 1.0
        for fd, _ in poller.poll(timeout):
            by_fd[fd].receive(time.monotonic())
        now = time.monotonic()
        for way in ways:
            way.release(now)


if __name__ == "__main__":
    main()
