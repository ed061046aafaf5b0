"""RFC 6532 cases: UTF-8 in header fields (internationalized email) and message/global."""
from corpus_engine import DATE, Case, Message, addr, disposition_header, leaf, message, msgpart, multi, text


def utf8_message(name, lines, fields, root=None):
    msg = Message(lines + ["Date: " + DATE, f"Message-ID: <{name}@example.test>", "MIME-Version: 1.0"],
                  root or text(b"Hello.\r\n"),
                  fields=dict(fields, date=DATE, message_id=f"<{name}@example.test>"))
    return msg


def global_inner():
    return Message(["From: Jörg Müller <jörg@example.test>", "To: Zoë <zoë@example.net>",
                    "Subject: Grüße aus dem Inneren", "Date: " + DATE, "MIME-Version: 1.0"],
                   text("Innerer Text.\r\n".encode(), charset="utf-8", cte="8bit"),
                   fields={"from": [addr("Jörg Müller", "jörg", "example.test")],
                           "to": [addr("Zoë", "zoë", "example.net")],
                           "subject": "Grüße aus dem Inneren", "date": DATE})


CASES = [
    Case("rfc6532-3.2-utf8-subject", "rfc", ["6532 3.2"], "A Subject in raw UTF-8 is that text, undecoded.",
         utf8_message("eai1", ["From: alice@example.test", "Subject: Grüße – 東京 ✓"],
                      {"subject": "Grüße – 東京 ✓"})),
    Case("rfc6532-3.2-utf8-display-name", "rfc", ["6532 3.2", "5322 3.4"],
         "UTF-8 may appear in the atoms of a display name.",
         utf8_message("eai2", ["From: Jörg Müller <joerg@example.test>"],
                      {"from": [addr("Jörg Müller", "joerg", "example.test")]})),
    Case("rfc6532-3.2-utf8-quoted-display-name", "rfc", ["6532 3.2", "5322 3.2.4"],
         "UTF-8 may appear inside a quoted display name.",
         utf8_message("eai3", ['From: "Müller, Jörg" <joerg@example.test>'],
                      {"from": [addr("Müller, Jörg", "joerg", "example.test")]})),
    Case("rfc6532-3.2-utf8-local-part-and-domain", "rfc", ["6532 3.2", "5322 3.4.1"],
         "An addr-spec may hold UTF-8 in its local part and its domain; both are reported as written.",
         utf8_message("eai4", ["From: alice@example.test", "To: jörg@bücher.example.test"],
                      {"to": [addr(None, "jörg", "bücher.example.test")]})),
    Case("rfc6532-3.2-utf8-group-name", "rfc", ["6532 3.2", "5322 3.4"],
         "A group's display name may be UTF-8.",
         utf8_message("eai5", ["From: alice@example.test", "To: Équipe: bob@example.net, zoë@example.net;"],
                      {"to": [{"group": "Équipe", "members": [addr(None, "bob", "example.net"),
                                                              addr(None, "zoë", "example.net")]}]})),
    Case("rfc6532-3.6-utf8-beside-encoded-word", "rfc", ["6532 3.6", "2047 6.2"],
         "Raw UTF-8 and an encoded-word may share a field; both read as the same text.",
         utf8_message("eai6", ["From: alice@example.test", "Subject: Straße =?utf-8?q?caf=C3=A9?="],
                      {"subject": "Straße café"})),
    Case("rfc6532-3.7-message-global", "rfc", ["6532 3.7", "2046 5.2.1"],
         "message/global holds a message with UTF-8 header fields and is parsed like message/rfc822.",
         message("eai7", multi("mixed", [text(b"Forwarded below."), msgpart(global_inner(), subtype="global")],
                               "global-b"))),
    Case("rfc6532-3.2-utf8-content-description", "rfc", ["6532 3.2", "2045 8"],
         "Content-Description may be raw UTF-8.",
         message("eai8", text(b"Slides.\r\n", headers=["Content-Description: Präsentation für Zoë"],
                              fields={"description": "Präsentation für Zoë"}))),
    Case("rfc6532-3.2-utf8-filename-parameter", "robust", ["6532 3.2", "2045 5.1"],
         "A quoted filename in raw UTF-8, as internationalized mail writes it, is that UTF-8 text.",
         message("eai9", leaf(b"%PDF-1.4\r\n", ctype=("application", "pdf", {}), cte="8bit",
                              headers=[disposition_header("attachment", {"filename": "résumé.pdf"})[0]],
                              fields={"disposition": {"type": "attachment", "params": {"filename": "résumé.pdf"}},
                                      "filename": "résumé.pdf"}))),
]
