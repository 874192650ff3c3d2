#!/usr/bin/env python3
"""TCP relays that listen inside a network namespace and connect from the one they start in.

For each --forward PORT, listens on ADDRESS:PORT inside --netns and relays every connection to
127.0.0.1:PORT in the starting namespace, where the shared local servers run: a client that
connects to ADDRESS:PORT crosses the emulated link (link.py), the relay's own hop is loopback.
"""
import argparse
import ctypes
import os
import socket
import threading

CLONE_NEWNET = 0x40000000
libc = ctypes.CDLL(None, use_errno=True)


def setns(fd):
    if libc.setns(fd, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), "setns failed")


def pump(src, dst):
    buffer = bytearray(1 << 20)
    view = memoryview(buffer)
    try:
        while True:
            n = src.recv_into(buffer)
            if n == 0:
                break
            dst.sendall(view[:n])
        dst.shutdown(socket.SHUT_WR)
    except OSError:
        for s in (src, dst):
            try:
                s.close()
            except OSError:
                pass


def serve(listener, port):
    while True:
        client, _ = listener.accept()
        try:
            server = socket.create_connection(("127.0.0.1", port))
        except OSError:
            client.close()
            continue
        for s in (client, server):
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=pump, args=(client, server), daemon=True).start()
        threading.Thread(target=pump, args=(server, client), daemon=True).start()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--netns", required=True)
    parser.add_argument("--address", required=True)
    parser.add_argument("--forward", type=int, action="append", required=True)
    args = parser.parse_args()
    home = os.open("/proc/self/ns/net", os.O_RDONLY)
    setns(os.open(f"/var/run/netns/{args.netns}", os.O_RDONLY))
    listeners = []
    for port in args.forward:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((args.address, port))
        listener.listen(256)
        listeners.append((listener, port))
    setns(home)
    threads = [threading.Thread(target=serve, args=item, daemon=True) for item in listeners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


if __name__ == "__main__":
    main()
