"""What the reference servers of run_defects.py share: their TLS context and their accept loop."""
import os
import socket
import ssl
import sys
import threading


def tls_context(cert, key):
    """A TLS server context for the test certificate (TLS 1.2 and later)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(cert, key)
    return ctx


def serve_forever(port, lifeline, serve):
    """Listens on 127.0.0.1:port (0: any free port), prints "PORT n" once listening, and runs serve(conn)
    on a thread of its own per connection. With lifeline, the process exits when its stdin closes (the
    test runner's end), so no server outlives the run."""
    lsock = socket.socket()
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind(("127.0.0.1", port))
    lsock.listen(128)
    print(f"PORT {lsock.getsockname()[1]}", flush=True)
    if lifeline:
        def watch():
            try:
                sys.stdin.buffer.read()
            finally:
                os._exit(0)
        threading.Thread(target=watch, daemon=True).start()
    while True:
        conn, _ = lsock.accept()
        threading.Thread(target=serve, args=(conn,), daemon=True).start()
