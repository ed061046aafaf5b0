#!/usr/bin/python3
"""A client that misbehaves in one way (tests/clients/driver_test.py):

    misbehaving_client.py MODE HOST PORT WORKDIR CAFILE

never-connect: exits 3 at once; crash: reads the greeting, sends half a command line and dies of SIGSEGV;
hang: reads the greeting and sleeps; orphan: reads the greeting, leaves a child holding the connection
(its pid appended to $MAILSPEC_MISBEHAVE_PIDS, else WORKDIR/orphan.pid) and exits 0; polite: reads the greeting and closes;
twice: polite, then connects once more and closes;
tls-polite: the same over implicit TLS, trusting CAFILE."""
import os
import signal
import socket
import ssl
import sys
import time

mode, host, port, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
if mode == "never-connect":
    sys.exit(3)
s = socket.create_connection((host, port), timeout=30)
if mode == "tls-polite":
    s = ssl.create_default_context(cafile=sys.argv[5]).wrap_socket(s, server_hostname=host)
s.recv(4096)
if mode == "crash":
    s.sendall(b"EH")  # half a command line, then gone
    os.kill(os.getpid(), signal.SIGSEGV)
elif mode == "hang":
    time.sleep(1000)
elif mode == "orphan":
    pid = os.fork()
    if pid == 0:
        time.sleep(1000)
        os._exit(0)
    with open(os.environ.get("MAILSPEC_MISBEHAVE_PIDS", os.path.join(work, "orphan.pid")), "a") as f:
        f.write(f"{pid}\n")
    sys.exit(0)
s.close()
if mode == "twice":
    socket.create_connection((host, port), timeout=30).close()
