"""RFC 2046 cases: multipart syntax and subtypes, message/rfc822 and the other message subtypes."""
from corpus_engine import (Case, Message, disposition_header, leaf, message,
                           msgpart, multi, text)
from corpus_rfc2045 import BIN, UTF8, blob

DIGEST_DEFAULT = {"type": "message", "subtype": "rfc822", "type_defaulted": True}


def inner(mid, root, subject="Inner message", **kw):
    """An encapsulated message with the usual fields."""
    return message(mid, root, subject=subject, from_=("Carol Example", "carol", "example.net"),
                   to=("Dave Example", "dave", "example.test"), **kw)


def attachment(data, type_, subtype, filename):
    dline, dfields = disposition_header("attachment", {"filename": filename})
    return leaf(data, ctype=(type_, subtype, {"name": filename}), cte="base64", headers=[dline], fields=dfields)


def three_deep():
    level3 = inner("deep3", text(b"The innermost text.\r\n"), subject="Level 3")
    level2 = inner("deep2", multi("mixed", [text(b"Level 2 text."), msgpart(level3)], "deep-b2"),
                   subject="Level 2")
    level1 = inner("deep1", multi("mixed", [text(b"Level 1 text."), msgpart(level2)], "deep-b1"),
                   subject="Level 1")
    return message("deep0", multi("mixed", [text(b"Top text."), msgpart(level1)], "deep-b0"),
                   subject="Three messages deep")


def four_levels():
    related = multi("related", [text(b"<p>Level four</p>", subtype="html"),
                                leaf(BIN[:30], ctype=("image", "gif", {}), cte="base64")], "lvl-4")
    alternative = multi("alternative", [text(b"Level three plain."), related], "lvl-3")
    mixed2 = multi("mixed", [text(b"Level two."), alternative], "lvl-2")
    return message("lvl", multi("mixed", [text(b"Level one."), mixed2], "lvl-1"), subject="Four levels")


def rfc2049_example():
    """The shape of the complex example of RFC 2049 Appendix A, with content written here."""
    parallel = multi("parallel", [leaf(blob(180, "audio"), ctype=("audio", "basic", {}), cte="base64"),
                                  leaf(blob(120, "image"), ctype=("image", "jpeg", {}), cte="base64")],
                     "unique-boundary-2")
    enclosed = inner("a-enclosed", text("Grüße aus dem Beispiel.\r\n".encode("latin-1"), charset="iso-8859-1",
                                        cte="quoted-printable"), subject="Enclosed message")
    return message("a-example", multi("mixed", [
        leaf(b"A part with no header fields, so text/plain by default.", ctype=None),
        text(b"A part that names text/plain itself.\r\n"),
        parallel,
        text(b"<bold>Enriched</bold> text with <italic>two</italic> commands.\r\n<smaller>Written for this corpus.</smaller>",
             subtype="enriched"),
        msgpart(enclosed)], "unique-boundary-1", preamble=b"A preamble for readers without MIME.",
        epilogue=b""), subject="A multipart example")


CASES = [
    Case("rfc2046-5.1.1-preamble-and-epilogue", "rfc", ["2046 5.1.1"],
         "Text before the first delimiter and after the close delimiter line is preamble and epilogue, not parts.",
         message("mp1", multi("mixed", [
             leaf(b"No Content-Type in this part.\r\nNo line break after this line.", ctype=None),
             text(b"This part names its type.\r\nA line break ends it.\r\n")], "simple boundary",
             preamble=b"Readers without MIME see this note.\r\nMIME readers skip it.",
             epilogue=b"Words after the end.\r\n"))),
    Case("rfc2046-5.1.1-crlf-belongs-to-delimiter", "rfc", ["2046 5.1.1"],
         "The CRLF before a delimiter line belongs to the delimiter, so a part ends before it.",
         message("mp2", multi("mixed", [text(b"abc"), text(b"abc\r\n"), text(b"\r\n"), text(b"")], "crlf-b"))),
    Case("rfc2046-5.1.1-transport-padding", "rfc", ["2046 5.1.1"],
         "Spaces and tabs after a delimiter or the close delimiter are transport padding, not part content.",
         message("mp3", multi("mixed", [text(b"One."), text(b"Two.")], "pad-b", pads=[b"  ", b"\t \t"],
                              close_pad=b" \t"))),
    Case("rfc2046-5.1.1-quoted-boundary-with-colon", "rfc", ["2046 5.1.1"],
         "A boundary with a colon must be quoted in the parameter; the delimiter uses it unquoted.",
         message("mp4", multi("mixed", [text(b"Colon boundary.")], "gc0pJq0M:08jU534c0p"))),
    Case("rfc2046-5.1.1-boundary-every-bchar", "rfc", ["2046 5.1.1"],
         "A boundary may use every bchar, an inner space included.",
         message("mp5", multi("mixed", [text(b"One."), text(b"Two.")], "'()+_,-./:=? end"))),
    Case("rfc2046-5.1.1-boundary-70-characters", "rfc", ["2046 5.1.1"],
         "A boundary may be 70 characters long.",
         message("mp6", multi("mixed", [text(b"One."), text(b"Two.")], "b" * 35 + "0123456789" * 3 + "abcde"))),
    Case("rfc2046-5.1.1-boundary-case-sensitive", "rfc", ["2046 5.1.1", "2045 5.1"],
         "Boundaries are case-sensitive: a line with the boundary in other case is content.",
         message("mp7", multi("mixed", [text(b"Before\r\n--caseboundary\r\n--CASEBOUNDARY--\r\nafter"),
                                        text(b"Second.")], "CaseBoundary"))),
    Case("rfc2046-5.1.1-part-without-header-fields", "rfc", ["2046 5.1.1"],
         "A part may have no header fields: its header is the empty line, and it is text/plain.",
         message("mp8", multi("mixed", [leaf(b"No fields at all.", ctype=None), text(b"Typed.")], "nohdr-b"))),
    Case("rfc2046-5.1.1-single-part", "rfc", ["2046 5.1.1"], "A multipart with one part is allowed.",
         message("mp9", multi("mixed", [leaf(BIN[:60], ctype=("application", "octet-stream", {}), cte="base64")],
                              "single-b", preamble=b"Decode the part below."))),
    Case("rfc2046-5.1.1-delimiter-line-prefix-match", "rfc", ["2046 5.1.1"],
         "A line that starts with the whole dash-boundary is a delimiter, whatever follows it on the line.",
         message("mp10", multi("mixed", [text(b"First part."), text(b"Second part.")], "frontier",
                               pads=[b"", b"-and more on the line"]))),
    Case("rfc2046-5.1.1-boundary-inside-line-not-delimiter", "rfc", ["2046 5.1.1"],
         "The boundary string inside a line, not at its start, is content.",
         message("mp11", multi("mixed", [text(b"see --frontier here\r\nx--frontier\r\n --frontier"),
                                         text(b"Second.")], "frontier"))),
    Case("rfc2046-5.1.1-dash-lines-in-body", "rfc", ["2046 5.1.1"],
         "Lines starting with two hyphens but not the boundary are content.",
         message("mp12", multi("mixed", [text(b"Text.\r\n-- \r\nA signature\r\n----\r\n--other-boundary"),
                                         text(b"More.")], "real-boundary"))),
    Case("rfc2046-5.1.1-nested-multipart", "rfc", ["2046 5.1.1", "2046 5.1.4"],
         "A multipart inside a multipart is numbered below its parent: 1.1, 1.2, then 2.",
         message("mp13", multi("mixed", [
             multi("alternative", [text(b"Plain version."), text(b"<p>HTML version.</p>", subtype="html")],
                   "inner-alt"),
             attachment(BIN[:90], "application", "pdf", "report.pdf")], "outer-mixed"))),
    Case("rfc2046-5.1.1-inner-boundary-prefix-of-outer", "rfc", ["2046 5.1.1"],
         "An inner boundary that is a prefix of the outer one still gives each multipart its own parts.",
         message("mp14", multi("mixed", [
             text(b"Outer first."),
             multi("alternative", [text(b"Inner plain."), text(b"<p>Inner html</p>", subtype="html")], "ab"),
             text(b"Outer last.")], "ab12"))),
    Case("rfc2046-5.1.1-four-levels-deep", "rfc", ["2046 5.1.1"],
         "Four nested multiparts number their parts 1, 2.1, 2.2.1 and 2.2.2.1.",
         four_levels()),
    Case("rfc2046-5.1.1-empty-part", "rfc", ["2046 5.1.1"],
         "A delimiter line followed at once by the next delimiter's CRLF encloses a part of 0 header and 0 body octets.",
         message("mp15", multi("mixed", [text(b"Before."), leaf(b"", ctype=None, sep=False), text(b"After.")],
                               "empty-b"))),
    Case("rfc2046-5.1.1-epilogue-starting-with-blank-line", "rfc", ["2046 5.1.1"],
         "After the close delimiter's CRLF everything is epilogue, an empty line included.",
         message("mp16", multi("mixed", [text(b"Only part.")], "epi-b",
                               epilogue=b"\r\nTrailing words after an empty line.\r\n"))),
    Case("rfc2046-5.1.1-body-starts-with-crlf", "rfc", ["2046 5.1.1"],
         "An empty preamble line before the first delimiter is allowed; the preamble has 0 octets.",
         message("mp17", multi("mixed", [text(b"Only part.")], "pre-b", preamble=b""))),
    Case("rfc2046-5.1.1-delimiters-in-epilogue", "rfc", ["2046 5.1.1"],
         "Lines after the close delimiter are epilogue, even when they look like delimiters and parts.",
         message("mp18", multi("mixed", [text(b"The only part.")], "epi2-b",
                               epilogue=b"--epi2-b\r\nContent-Type: text/plain\r\n\r\nNot a part.\r\n--epi2-b--\r\n"))),
    Case("rfc2046-5.1.3-mixed-with-attachment", "rfc", ["2046 5.1.3", "2045 6.8"],
         "A mixed message with a text and a base64 attachment: two parts, the second decoding to its data.",
         message("mx1", multi("mixed", [text("Please find the report attached.\r\n".encode()),
                                        attachment(BIN, "application", "pdf", "report.pdf")], "mixed-b"))),
    Case("rfc2046-5.1.4-alternative", "rfc", ["2046 5.1.4"],
         "The alternatives of multipart/alternative are ordinary parts in order.",
         message("alt1", multi("alternative", [text(b"Plain text."), text(UTF8, subtype="html", charset="utf-8",
                                                                            cte="quoted-printable")], "alt-b"))),
    Case("rfc2046-5.1.5-digest-default-type", "rfc", ["2046 5.1.5"],
         "In a digest a part without Content-Type is message/rfc822.",
         message("dg1", multi("digest", [
             msgpart(inner("dg1a", text(b"First digested message.\r\n"), subject="First"), ctype=False,
                     fields=DIGEST_DEFAULT),
             msgpart(inner("dg1b", text(b"Second digested message.\r\n"), subject="Second"), ctype=False,
                     fields=DIGEST_DEFAULT)], "digest-b"))),
    Case("rfc2046-5.1.5-digest-explicit-text-part", "rfc", ["2046 5.1.5"],
         "A digest part with an explicit text/plain type is text; the others still default to message/rfc822.",
         message("dg2", multi("digest", [
             text(b"Table of contents."),
             msgpart(inner("dg2a", text(b"A digested message.\r\n")), ctype=False, fields=DIGEST_DEFAULT)],
             "digest2-b"))),
    Case("rfc2046-5.1.5-digest-inside-mixed", "rfc", ["2046 5.1.5"],
         "A digest nested in a mixed multipart keeps its default for its own parts only.",
         message("dg3", multi("mixed", [
             leaf(b"Introductory text.", ctype=None),
             multi("digest", [
                 msgpart(inner("dg3a", text(b"Opinion one.\r\n")), ctype=False, fields=DIGEST_DEFAULT),
                 msgpart(inner("dg3b", text(b"Opinion two.\r\n")), ctype=False, fields=DIGEST_DEFAULT)],
                 "---- next message ----")], "---- main boundary ----"))),
    Case("rfc2046-5.1.6-parallel", "rfc", ["2046 5.1.6"], "multipart/parallel has the common multipart syntax.",
         message("par1", multi("parallel", [leaf(blob(90, "p1"), ctype=("audio", "basic", {}), cte="base64"),
                                            leaf(blob(70, "p2"), ctype=("image", "png", {}), cte="base64")],
                               "par-b"))),
    Case("rfc2046-5.1.7-unknown-multipart-subtype", "rfc", ["2046 5.1.7"],
         "An unknown multipart subtype is read like multipart/mixed: its parts are found.",
         message("unkmp", multi("x-unknown", [text(b"One."), text(b"Two.")], "unk-b"))),
    Case("rfc2046-5.2.1-message-rfc822", "rfc", ["2046 5.2.1"],
         "An encapsulated message is parsed: its header, and its body as section 2.1.",
         message("fw1", multi("mixed", [text(b"Forwarded below."),
                                        msgpart(inner("fw1i", text(b"The original text.\r\n")))], "fw-b"))),
    Case("rfc2046-5.2.1-message-rfc822-with-multipart", "rfc", ["2046 5.2.1", "2046 5.1.1"],
         "The parts of a multipart inside message/rfc822 part 2 are 2.1 and 2.2.",
         message("fw2", multi("mixed", [
             text(b"Forwarded below."),
             msgpart(inner("fw2i", multi("alternative", [text(b"Plain."), text(b"<p>HTML</p>", subtype="html")],
                                         "fw2-inner")))], "fw2-outer"))),
    Case("rfc2046-5.2.1-message-rfc822-three-deep", "rfc", ["2046 5.2.1"],
         "Three nested message/rfc822 parts are each parsed; the innermost text is section 2.2.2.1.",
         three_deep()),
    Case("rfc2046-5.2.1-message-rfc822-subject-only", "rfc", ["2046 5.2.1"],
         "An encapsulated message needs only one of From, Subject or Date.",
         message("fw3", multi("mixed", [
             text(b"See below."),
             msgpart(Message(["Subject: Only a subject"], text(b"Inner body.\r\n"),
                             fields={"subject": "Only a subject"}))], "fw3-b"))),
    Case("rfc2046-5.2.1-message-rfc822-as-body", "rfc", ["2046 5.2.1"],
         "A message whose body is message/rfc822 has that as part 1 and the inner body as 1.1.",
         message("fw4", msgpart(inner("fw4i", text(b"Inner text.\r\n"))))),
    Case("rfc2046-5.2.2-message-partial", "rfc", ["2046 5.2.2"],
         "message/partial is a fragment: its parameters are reported and its body is not parsed as a message.",
         message("part1", leaf(b"Content-Type: text/plain\r\n\r\nFirst third of a larger message.\r\n",
                               ctype=("message", "partial", {"id": "fragment-42@example.test", "number": "1",
                                                             "total": "3"})))),
    Case("rfc2046-5.2.3-message-external-body", "rfc", ["2046 5.2.3"],
         "message/external-body is reported with its access parameters; its body is not a message.",
         message("ext1", multi("mixed", [
             text(b"The file is elsewhere."),
             leaf(b"Content-Type: application/octet-stream\r\nContent-ID: <big@example.test>\r\n\r\n",
                  ctype=("message", "external-body", {"access-type": "URL",
                                                      "URL": "https://www.example.test/big.bin"}))], "ext-b"))),
    Case("rfc2049-appendix-a-complex-example", "rfc", ["2049 A", "2046 5.1.6", "2046 5.2.1"],
         "A message with the shape of RFC 2049's example: nested parallel parts and an enclosed message.",
         rfc2049_example()),
]
