"""Malformed messages, and the tree a robust reader should make of them. Each is built as the reader is
expected to see it (e.g. a boundary line inside a body becomes a delimiter that starts a part), so the
figures still follow from the construction; where that view is not the sender's, the note says so."""
from corpus_engine import (ALICE, BOB, CRLF, DATE, Case, Leaf, Message, Multi, MsgPart, addr, addr_text, b64,
                           ctype_header, leaf, message, msgpart, multi, text)
from corpus_rfc2045 import BIN, UTF8
from corpus_rfc2046 import DIGEST_DEFAULT, inner

DEFAULTED = {"type": "text", "subtype": "plain", "type_defaulted": True, "params": {"charset": "us-ascii"}}
LF = b"\n"


def case(name, note, entity, rfc, level=None, basis="robust", **kw):
    return Case(name, basis, rfc, note, message(name, entity, **kw), level=level)


def headed(name, lines, root, fields):
    """A message with hand-written header lines (From and Date added) and the fields they mean."""
    return Message(["From: alice@example.test", "Date: " + DATE] + lines, root,
                   fields=dict(fields, date=DATE, **{"from": [addr(None, "alice", "example.test")]}))


def bare_lf_message():
    def t(content, **kw):
        return text(content, eol=LF, **kw)
    root = Multi([t(b"Line one\nline two"), t(b"<p>Second</p>\n", subtype="html")], "lf-boundary",
                 headers=[b"Content-Type: multipart/alternative; boundary=lf-boundary"], eol=LF,
                 fields={"type": "multipart", "subtype": "alternative", "type_defaulted": False,
                         "params": {"boundary": "lf-boundary"}}, epilogue=b"")
    return Message(["From: " + addr_text(ALICE), "To: " + addr_text(BOB), "Subject: Bare LF line ends",
                    "Date: " + DATE, "MIME-Version: 1.0"], root,
                   fields={"from": [addr(*ALICE)], "to": [addr(*BOB)], "subject": "Bare LF line ends",
                           "date": DATE})


def no_delimiters():
    pre = b"The boundary never appears.\r\nSo there is no part at all."
    return Multi([], "never-b", preamble=pre, close=False,
                 headers=[ctype_header("multipart", "mixed", {"boundary": "never-b"})[0]],
                 fields={"type": "multipart", "subtype": "mixed", "type_defaulted": False,
                         "params": {"boundary": "never-b"}},
                 extra={"preamble_octets": len(pre) + 2})


def outer_prefix_of_inner():
    """The sender nested multipart/alternative (boundary frontier-inner) in multipart/mixed (boundary
    frontier); every inner delimiter line starts with --frontier, so it is an outer delimiter."""
    alt = Leaf(b"", headers=[b'Content-Type: multipart/alternative; boundary="frontier-inner"'], sep=False,
               fields={"type": "multipart", "subtype": "alternative", "type_defaulted": False,
                       "params": {"boundary": "frontier-inner"}},
               drop=("encoding", "decoded_octets", "decoded_sha256"))
    parts = [text(b"Outer text."), alt, text(b"Inner plain."), text(b"<p>Inner html</p>", subtype="html"),
             leaf(b"", ctype=None, sep=False)]
    return multi("mixed", parts, "frontier", pads=[b"", b"", b"-inner", b"-inner", b"-inner--"])


def truncated_in_header():
    last = Leaf(b"", raw_header=b"Content-Type: text/pl",
                fields={"type": "text", "subtype": "pl", "type_defaulted": False})
    return Multi([text(b"Complete part."), last], "trunc-b", close=False,
                 headers=[b"Content-Type: multipart/mixed; boundary=trunc-b"],
                 fields={"type": "multipart", "subtype": "mixed", "type_defaulted": False,
                         "params": {"boundary": "trunc-b"}})


CASES = [
    case("malformed-missing-close-delimiter", "Without a close delimiter the last part runs to the end of the message.",
         multi("mixed", [text(b"First part."), text(b"Second part, never closed.\r\n")], "open-b", close=False),
         ["2046 5.1.1"]),
    case("malformed-missing-close-delimiter-nested",
         "An inner multipart without its close delimiter ends where the outer delimiter line begins.",
         multi("mixed", [
             text(b"Outer first."),
             multi("alternative", [text(b"Inner plain."), text(b"<p>Inner html</p>", subtype="html")], "inner-open",
                   close=False),
             text(b"Outer last.")], "outer-closed"), ["2046 5.1.1"]),
    case("malformed-boundary-line-inside-body",
         "A line that is the delimiter inside what the sender meant as text starts a new part with no header.",
         multi("mixed", [text(b"Text before the line."),
                         leaf(b"text after the line, which the sender meant as part one", ctype=None, sep=False),
                         text(b"The real second part.")], "inside-b"), ["2046 5.1.1"]),
    case("malformed-nested-reused-boundary",
         "An inner multipart reusing the outer boundary is read innermost first, which keeps both well formed.",
         multi("mixed", [text(b"Outer text."),
                         multi("alternative", [text(b"Inner plain."), text(b"<p>Inner</p>", subtype="html")], "same"),
                         text(b"Outer last.")], "same"), ["2046 5.1.1"], level="MAY"),
    case("malformed-outer-boundary-prefix-of-inner",
         "Inner delimiter lines that begin with the outer dash-boundary are outer delimiters, giving five outer parts.",
         outer_prefix_of_inner(), ["2046 5.1.1"], basis="rfc"),
    case("malformed-base64-truncated-quantum", "A final group of two base64 characters still yields its one octet.",
         leaf(b"", ctype=("application", "octet-stream", {}), cte="base64", body=b"QUJDRA\r\n", decoded=b"ABCD"),
         ["2045 6.8"], level="MAY"),
    case("malformed-base64-no-alphabet-characters", "A body with no base64 character decodes to nothing.",
         leaf(b"", ctype=("application", "octet-stream", {}), cte="base64", body=b"!!!! #### ****\r\n", decoded=b""),
         ["2045 6.8"], basis="rfc"),
    case("malformed-base64-nul-and-controls", "NUL and control characters in base64 are outside the alphabet and ignored.",
         text(b"", cte="base64", body=b"SGVs\x00bG8s\x01IHdv\x7fcmxk\r\n", decoded=b"Hello, world"),
         ["2045 6.8"], basis="rfc"),
    case("malformed-overlong-body-line", "A 2000-octet line breaks the line limit but is counted as one line.",
         text(b"x" * 2000 + b"\r\nshort\r\n"), ["5322 2.1.1"]),
    case("malformed-overlong-header-line", "A 1200-character Subject on one line is still the whole Subject.",
         text(b"Body.\r\n"), ["5322 2.1.1"], subject="long " * 240, subject_expect=("long " * 240).strip()),
    case("malformed-nul-in-body", "NUL octets in a 7bit body are content: sizes and lines count them as octets.",
         text(b"before\x00after\r\n\x00\x00\r\n"), ["5322 2.3", "2045 2.7"]),
    Case("malformed-nul-in-header", "robust", ["5322 4.1"],
         "A NUL in the Subject does not stop the header; the fields after it and the body are found.",
         headed("nulhdr", [b"Subject: before\x00after", "Content-Type: text/html; charset=us-ascii"],
                leaf(b"<p>Body</p>\r\n", ctype=None, fields={"type": "text", "subtype": "html", "type_defaulted": False,
                                                             "params": {"charset": "us-ascii"}}), {})),
    Case("malformed-8bit-in-header", "robust", ["2046 5.1.1", "5322 2.2"],
         "A Latin-1 octet in the Subject does not disturb the other fields or the structure.",
         headed("8bithdr", [b"Subject: caf\xe9 au lait", b"To: bob@example.net"],
                text(b"Body.\r\n"), {"to": [addr(None, "bob", "example.net")]})),
    case("malformed-8bit-in-parameter", "A Latin-1 octet in a filename does not disturb the parts around it.",
         multi("mixed", [text(b"Before."),
                         leaf(BIN[:40], ctype=("application", "octet-stream", {}), cte="base64",
                              headers=[b'Content-Disposition: attachment; filename="caf\xe9.bin"'],
                              fields={"disposition": {"type": "attachment"}}),
                         text(b"After.")], "8bitparam-b"), ["2046 5.1.1", "2045 5.1"]),
    Case("malformed-bare-lf-line-ends", "robust", ["5322 2.3", "2046 5.1.1"],
         "A message written with LF alone is read with LF as the line end throughout.",
         bare_lf_message()),
    case("malformed-bare-lf-in-body", "Bare LFs in a CRLF body each end a line.",
         text(b"one\ntwo\r\nthree\n"), ["5322 2.3"]),
    case("malformed-bare-cr-in-body", "A bare CR does not end a line.", text(b"one\rtwo\r\n"), ["5322 2.3"]),
    case("malformed-delimiter-not-preceded-by-crlf",
         "A close delimiter glued to the end of a text line is not a delimiter, so the multipart is not closed.",
         multi("mixed", [text(b"First."), text(b"Last part text--glued-b--\r\n")], "glued-b", close=False),
         ["2046 5.1.1"]),
    case("malformed-delimiter-preceded-by-bare-lf", "A delimiter after a bare LF is read as a delimiter; the LF is not content.",
         multi("mixed", [text(b"First part."), text(b"Second part.")], "lfdelim-b", joins=[LF, CRLF]), ["2046 5.1.1"]),
    case("malformed-multipart-no-parts", "A close delimiter with no part before it gives a multipart of no parts.",
         multi("mixed", [], "none-b"), ["2046 5.1.1"]),
    case("malformed-multipart-no-delimiters",
         "A multipart body where the boundary never occurs has no parts; all of it is preamble.",
         no_delimiters(), ["2046 5.1.1"], level="MAY"),
    case("malformed-multipart-missing-boundary", "A multipart without a boundary cannot be split and reads as text/plain.",
         leaf(b"--b\r\nContent-Type: text/plain\r\n\r\nNot a part.\r\n--b--\r\n", ctype=None,
              headers=["Content-Type: multipart/mixed"], fields={"type_defaulted": True}, drop=("params",)),
         ["2045 5.2", "2046 5.1.1"], level="MAY"),
    case("malformed-content-type-without-subtype", "A Content-Type without subtype is invalid, so text/plain is assumed.",
         leaf(b"Body.\r\n", ctype=None, headers=["Content-Type: text"]), ["2045 5.1", "2045 5.2"],
         level="SHOULD", basis="rfc"),
    case("malformed-content-type-garbage", "A Content-Type that is not a type at all means text/plain is assumed.",
         leaf(b"Body.\r\n", ctype=None, headers=["Content-Type: ;;; @@@ not a type"]), ["2045 5.2"],
         level="SHOULD", basis="rfc"),
    case("malformed-content-type-empty", "An empty Content-Type is invalid, so text/plain is assumed.",
         leaf(b"Body.\r\n", ctype=None, headers=["Content-Type:"]), ["2045 5.2"], level="SHOULD", basis="rfc"),
    case("malformed-multipart-without-subtype",
         "'multipart' with no subtype is an invalid Content-Type, so the body is text/plain, not split.",
         leaf(b"--b\r\nContent-Type: text/plain\r\n\r\nLooks like a part.\r\n--b--\r\n", ctype=None,
              headers=["Content-Type: multipart; boundary=b"], drop=("params",)),
         ["2045 5.1", "2045 5.2"], level="SHOULD", basis="rfc"),
    case("malformed-duplicate-content-type", "Of two Content-Type fields the first one is used.",
         text(b"Body.\r\n", headers=["Content-Type: text/html; charset=utf-8"]), ["2045 5"], level="MAY"),
    case("malformed-duplicate-content-type-multipart", "Of two Content-Type fields the first, a multipart, is used.",
         multi("mixed", [text(b"One."), text(b"Two.")], "dup-b", headers=["Content-Type: text/plain"]),
         ["2045 5"], level="MAY"),
    case("malformed-transfer-encoding-typo", "'base-64' is not base64: an unknown encoding, reported as written.",
         text(b"", cte="base-64", body=b64(b"Not decoded.\r\n", final_eol=True),
              drop=("decoded_octets", "decoded_sha256")), ["2045 6.4"], basis="rfc"),
    Case("malformed-header-line-without-colon", "robust", ["5322 2.2", "5322 3.5"],
         "The header ends at a line that is not a field; that line and the rest are the body, untyped.",
         Message([], leaf(b"This line has no colon\r\nContent-Type: text/html\r\n\r\n<p>Hi</p>\r\n", ctype=None),
                 raw_header=b"From: alice@example.test\r\nDate: " + DATE.encode() + b"\r\n",
                 fields={"from": [addr(None, "alice", "example.test")], "date": DATE}), level="MAY"),
    Case("malformed-missing-header-body-separator", "robust", ["5322 3.5"],
         "Without an empty line, the first line that is not a field starts the body.",
         Message([], leaf(b"This is the body, with no empty line before it.\r\n", ctype=None),
                 raw_header=b"From: alice@example.test\r\nSubject: No separator\r\n",
                 fields={"from": [addr(None, "alice", "example.test")], "subject": "No separator"})),
    case("malformed-part-header-without-empty-line",
         "A part whose first line is not a field has no header; the line is its body.",
         multi("mixed", [leaf(b"hello world", ctype=None, sep=False), text(b"Typed.")], "nosep-b"), ["2046 5.1.1"]),
    case("malformed-truncated-in-part-header", "A message cut inside a part's header leaves that part all header and unclosed.",
         truncated_in_header(), ["2046 5.1.1"], level="MAY"),
    case("malformed-qp-raw-8bit-octet", "An unencoded octet over 126 in quoted-printable is dropped by a robust decoder.",
         text(b"", charset="iso-8859-1", cte="quoted-printable", body=b"caf\xe9 au lait\r\n", decoded=b"caf au lait\r\n"),
         ["2045 6.7"], level="MAY"),
    case("malformed-qp-equals-at-end", "An '=' as the last character of the data cannot be an escape and is kept.",
         multi("mixed", [text(b"", cte="quoted-printable", body=b"ends with=", decoded=b"ends with="), text(b"Next.")],
               "qpend-b"), ["2045 6.7"], level="MAY"),
    case("malformed-qp-overlong-line", "An encoded line over 76 characters is decoded anyway.",
         text(b"", cte="quoted-printable", body=b"=41" * 100 + b" end\r\n", decoded=b"A" * 100 + b" end\r\n"),
         ["2045 6.7"]),
    case("malformed-boundary-longer-than-70", "A 100-character boundary breaks the limit but still delimits the parts.",
         multi("mixed", [text(b"One."), text(b"Two.")], "L" * 100), ["2046 5.1.1"]),
    case("malformed-base64-on-multipart", "A multipart labelled base64 but written plainly is split into its parts.",
         multi("mixed", [text(b"One."), text(b"Two.")], "b64mp-b", headers=["Content-Transfer-Encoding: base64"]),
         ["2045 6.4"], level="MAY"),
    case("malformed-message-rfc822-empty", "An empty message/rfc822 body is a message with no header and an empty body.",
         multi("mixed", [text(b"Before."),
                         MsgPart(Message([], leaf(b"", ctype=None, sep=False), raw_header=b""),
                                 headers=[b"Content-Type: message/rfc822"],
                                 fields={"type": "message", "subtype": "rfc822", "type_defaulted": False})],
               "emptymsg-b"), ["2046 5.2.1"], level="MAY"),
    case("rfc5322-3.5-encapsulated-header-only", "An encapsulated message may be all header, with no empty line.",
         multi("mixed", [text(b"Before."),
                         msgpart(Message(["Subject: Header only", "From: carol@example.net"],
                                         leaf(b"", ctype=None, sep=False),
                                         fields={"subject": "Header only",
                                                 "from": [addr(None, "carol", "example.net")]}))],
               "hdronly-b"), ["5322 3.5", "2046 5.2.1"], basis="rfc"),
    case("rfc5322-4.5.8-white-space-before-colon-in-content-type",
         "Obsolete syntax allows white space before the colon, so 'Content-Type :' is Content-Type.",
         leaf(b"<p>Body</p>\r\n", ctype=None, headers=["Content-Type : text/html; charset=us-ascii"],
              fields={"type": "text", "subtype": "html", "type_defaulted": False, "params": {"charset": "us-ascii"}}),
         ["5322 4.5.8", "5322 4.5"], basis="rfc"),
    case("malformed-digest-part-not-a-message",
         "A digest part without Content-Type is message/rfc822 even when it holds bare text: a header-less message.",
         multi("digest", [MsgPart(Message([], leaf(b"Just some text.", ctype=None), raw_header=b""),
                                  fields=DIGEST_DEFAULT),
                          msgpart(inner("dgn", text(b"A real message.\r\n")), ctype=False, fields=DIGEST_DEFAULT)],
               "dgn-b"), ["2046 5.1.5"], level="MAY"),
    case("malformed-close-delimiter-trailing-text", "Text after the close delimiter on its line does not stop it closing.",
         multi("mixed", [text(b"Only part.")], "trail-b", close_pad=b" and some trailing words"),
         ["2046 5.1.1"], level="MAY"),
    case("malformed-8bit-body-labelled-7bit", "8-bit octets in a body labelled 7bit are kept as they are.",
         text(UTF8, charset="utf-8"), ["2045 2.7", "2045 6.2"]),
]
