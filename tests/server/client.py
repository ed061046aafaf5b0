#!/usr/bin/python3
"""A scripted SMTP client for tests/server/serve_engine_test.py (stdlib only): logs in with AUTH PLAIN
and runs one of a few flows against `mailspec serve`, printing every reply it got (one per line).

    client.py PORT FLOW [USER]

FLOW: session (MAIL, two RCPT, DATA with a User-Agent header, QUIT), quit (QUIT after login), starttls
(EHLO, STARTTLS, EHLO and QUIT over TLS),
crash (closes after the greeting, before any command), vanish (closes right after EHLO), hang (connects and sends nothing), tls (a TLS handshake, implicit).
"""
import base64
import socket
import ssl
import sys
import time

PORT, FLOW = int(sys.argv[1]), sys.argv[2]
USER = sys.argv[3] if len(sys.argv) > 3 else "alice"
PASSWORD = "alice-password"


def main():
    if FLOW == "tls":
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        raw = socket.create_connection(("127.0.0.1", PORT), timeout=10)
        try:
            ctx.wrap_socket(raw).close()
            print("handshake ok")
        except (ssl.SSLError, OSError) as e:
            print("handshake failed:", type(e).__name__)
        return
    s = socket.create_connection(("127.0.0.1", PORT), timeout=10)
    f = s.makefile("rb")

    def reply():
        lines = []
        while True:
            line = f.readline()
            if not line:
                print("closed")
                return "closed"
            lines.append(line.decode().rstrip("\r\n"))
            if len(line) < 4 or line[3:4] != b"-":
                break
        print(lines[-1][:3])
        return lines[-1]

    def cmd(text):
        s.sendall(text.encode() + b"\r\n")
        return reply()

    if FLOW == "hang":
        reply()
        time.sleep(4)
        return
    reply()
    if FLOW == "crash":  # gone before it sent anything
        s.close()
        return
    cmd("EHLO client.example.test")
    if FLOW == "starttls":
        cmd("STARTTLS")
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        try:
            t = ctx.wrap_socket(s)
            print("handshake ok")
            f = t.makefile("rb")
            s = t
        except (ssl.SSLError, OSError) as e:
            print("handshake failed:", type(e).__name__)
            return
        cmd("EHLO client.example.test")
        cmd("QUIT")
        return
    if FLOW == "vanish":
        s.close()
        return
    blob = base64.b64encode(b"\0" + USER.encode() + b"\0" + PASSWORD.encode()).decode()
    if not cmd("AUTH PLAIN " + blob).startswith("235"):
        return
    if FLOW == "session":
        cmd("MAIL FROM:<a@example.test>")
        cmd("RCPT TO:<b@example.test>")
        cmd("RCPT TO:<c@example.test>")  # answered 452 under --fault RCPT=452@2: one recipient left
        if cmd("DATA").startswith("354"):
            s.sendall(b"From: a@example.test\r\nUser-Agent: scripted-client/1.0\r\nSubject: t\r\n\r\nhello\r\n.\r\n")
            reply()
    cmd("QUIT")
    s.close()


main()
