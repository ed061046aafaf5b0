#!/usr/bin/python3
"""mailspec's aiosmtpd 1.4 target: an SMTP server on 127.0.0.1 with STARTTLS and SIZE.

Accepts every recipient. A message's copy for alice|bob|carol at example.test|localhost is
written into that user's private Dovecot Maildir (new/, so IMAP/POP3 can read it back); copies
for any other recipient are discarded (sink). Run with /usr/bin/python3 (Debian's aiosmtpd),
from a working directory that holds no folder named "aiosmtpd".
"""
import argparse
import asyncio
import logging
import os
import signal
import socket
import ssl
import sys
import time

from aiosmtpd.smtp import SMTP


class MaildirHandler:
    def __init__(self, mail_root, users, domains, uid, gid):
        self.mail_root = mail_root
        self.users = set(users)
        self.domains = {d.lower() for d in domains}
        self.uid, self.gid = uid, gid
        self.counter = 0
        self.host = socket.gethostname().replace("/", "_").replace(":", "_")

    def _user_for(self, rcpt):
        local, _, domain = rcpt.rpartition("@")
        local = local.lower()
        if local in self.users and domain.lower() in self.domains:
            return local
        return None

    def _mkdirs(self, user):
        home = os.path.join(self.mail_root, user)
        maildir = os.path.join(home, "Maildir")
        for d in (home, maildir, *(os.path.join(maildir, s) for s in ("cur", "new", "tmp"))):
            if not os.path.isdir(d):
                os.makedirs(d, exist_ok=True)
                os.chown(d, self.uid, self.gid)
        return maildir

    def _deliver(self, user, data):
        maildir = self._mkdirs(user)
        self.counter += 1
        now = time.time()
        name = "%d.M%06dP%dQ%d.%s" % (int(now), int((now % 1) * 1e6), os.getpid(), self.counter, self.host)
        tmp = os.path.join(maildir, "tmp", name)
        with open(tmp, "wb") as f:
            f.write(data)
        os.chown(tmp, self.uid, self.gid)
        os.chmod(tmp, 0o600)
        os.rename(tmp, os.path.join(maildir, "new", name))

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8", "surrogateescape")
        body = content.replace(b"\r\n", b"\n")
        sender = envelope.mail_from or ""
        for rcpt in envelope.rcpt_tos:
            user = self._user_for(rcpt)
            if user is None:
                continue  # sink
            header = b"Return-Path: <%s>\nDelivered-To: %s\n" % (
                sender.encode("utf-8", "surrogateescape"),
                rcpt.encode("utf-8", "surrogateescape"))
            try:
                self._deliver(user, header + body)
            except OSError as e:
                logging.error("delivery to %s failed: %s", rcpt, e)
                return "451 4.3.0 Local delivery failed"
        return "250 OK"


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=10026)
    p.add_argument("--hostname", default="localhost", help="name in the greeting and EHLO reply")
    p.add_argument("--size", type=int, default=10240000, help="SIZE limit advertised (0: none)")
    p.add_argument("--tlscert")
    p.add_argument("--tlskey")
    p.add_argument("--smtputf8", action="store_true")
    p.add_argument("--mail-root", required=True)
    p.add_argument("--users", default="alice,bob,carol")
    p.add_argument("--domains", default="example.test,localhost")
    p.add_argument("--uid", type=int, default=os.getuid())
    p.add_argument("--gid", type=int, default=os.getgid())
    p.add_argument("--pidfile")
    a = p.parse_args()

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    tls = None
    if a.tlscert:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.check_hostname = False
        tls.load_cert_chain(a.tlscert, a.tlskey)
    handler = MaildirHandler(a.mail_root, a.users.split(","), a.domains.split(","), a.uid, a.gid)

    def factory():
        return SMTP(handler, hostname=a.hostname, data_size_limit=a.size or None,
                    enable_SMTPUTF8=a.smtputf8, tls_context=tls, require_starttls=False)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(loop.create_server(factory, host=a.host, port=a.port))
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, loop.stop)
    if a.pidfile:
        with open(a.pidfile + ".tmp", "w") as f:
            f.write("%d\n" % os.getpid())
        os.rename(a.pidfile + ".tmp", a.pidfile)
    logging.info("listening on %s:%d (pid %d)", a.host, a.port, os.getpid())
    try:
        loop.run_forever()
    finally:
        server.close()
        loop.run_until_complete(server.wait_closed())
        loop.close()
        if a.pidfile:
            try:
                os.unlink(a.pidfile)
            except FileNotFoundError:
                pass
        logging.info("stopped")


if __name__ == "__main__":
    sys.exit(main())
