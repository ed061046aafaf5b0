"""RFC 2045 and 2049 cases: Content-Type syntax and defaults, transfer encodings, Content-ID and friends."""
import hashlib

from corpus_engine import Case, b64, leaf, message, multi, text


def blob(n, seed):
    """n deterministic octets of every value (a SHA-256 chain), for binary content."""
    out, h = b"", seed.encode()
    while len(out) < n:
        h = hashlib.sha256(h).digest()
        out += h
    return out[:n]


def raw_ct(line, type_, subtype, params=None, content=b"Body.\r\n", **kw):
    """A leaf whose Content-Type line is written by hand, with what it means."""
    f = {"type": type_, "subtype": subtype, "type_defaulted": False}
    if params is not None:
        f["params"] = params
    f.update(kw.pop("fields", {}))
    entity = leaf(content, ctype=None, headers=[line] + list(kw.pop("headers", [])), fields=f, **kw)
    if params is None:
        del entity.fields["params"]
    return entity


LONG = ("This line is long enough that a quoted-printable encoder has to break it with soft line breaks, "
        "because an encoded line may not be longer than seventy-six characters.\r\n")
UTF8 = "Café crème, naïve façade – “quoted” € 10\r\n".encode("utf-8")
BIN = blob(300, "rfc2045-binary")
ALL_OCTETS = bytes(range(256))

CASES = [
    Case("rfc2045-5.2-no-content-type", "rfc", ["2045 5.2"],
         "With MIME-Version and no Content-Type the body is text/plain in US-ASCII, by default.",
         message("ct0", leaf(b"No Content-Type here.\r\n", ctype=None))),
    Case("rfc2045-5.1-type-and-parameter-names-case-insensitive", "rfc", ["2045 5.1"],
         "Type, subtype and parameter names compare without case; the parameter value keeps its case.",
         message("ct1", raw_ct("Content-Type: TEXT/HTML; CHARSET=UTF-8", "text", "html", {"charset": "UTF-8"},
                               content=b"<p>Hello</p>\r\n"))),
    Case("rfc2045-5.1-quoted-parameter-value", "rfc", ["2045 5.1"],
         "The quotes of a quoted-string parameter value are not part of the value.",
         message("ct2", raw_ct('Content-Type: text/plain; charset="utf-8"', "text", "plain", {"charset": "utf-8"}))),
    Case("rfc2045-5.1-quoted-value-with-tspecials", "rfc", ["2045 5.1", "2046 4.5.1"],
         "A quoted value may hold tspecials such as ';', '=' and parentheses; they are part of the value.",
         message("ct3", raw_ct('Content-Type: application/octet-stream; name="report; final=1 (v2).pdf"',
                               "application", "octet-stream", {"name": "report; final=1 (v2).pdf"},
                               content=BIN[:40], headers=["Content-Transfer-Encoding: base64"],
                               fields={"encoding": "base64", "filename": "report; final=1 (v2).pdf"},
                               body=b64(BIN[:40], final_eol=True), decoded=BIN[:40]))),
    Case("rfc2045-5.1-quoted-pair-in-value", "rfc", ["2045 5.1", "5322 3.2.4"],
         "A backslash-quoted character in a parameter value stands for itself, without the backslash.",
         message("ct4", raw_ct('Content-Type: text/plain; charset=us-ascii; name="say \\"hi\\".txt"',
                               "text", "plain", {"charset": "us-ascii", "name": 'say "hi".txt'},
                               fields={"filename": 'say "hi".txt'}))),
    Case("rfc2045-5.1-comments-in-content-type", "rfc", ["2045 5.1", "2045 1"],
         "Comments in Content-Type are ignored: this is text/plain with charset us-ascii.",
         message("ct5", raw_ct("Content-Type: text/plain (Plain text); charset=us-ascii (really)",
                               "text", "plain", {"charset": "us-ascii"}))),
    Case("rfc2045-5.1-folded-content-type", "rfc", ["2045 5.1", "5322 2.2.3"],
         "Parameters on folded continuation lines belong to the field.",
         message("ct6", raw_ct("Content-Type: text/plain;\r\n\tcharset=utf-8;\r\n format=flowed", "text", "plain",
                               {"charset": "utf-8", "format": "flowed"}, content=UTF8))),
    Case("rfc2045-5.1-white-space-around-tokens", "rfc", ["2045 5.1", "5322 3.2.2"],
         "Content-Type is a structured field, so white space may surround the '/', ';' and '='.",
         message("ct7", raw_ct('Content-Type: text / plain ; charset = "us-ascii"', "text", "plain",
                               {"charset": "us-ascii"}))),
    Case("rfc2045-5-unknown-parameter", "rfc", ["2045 5"],
         "A parameter a reader does not know is still a parameter, and changes nothing else.",
         message("ct8", raw_ct("Content-Type: text/plain; charset=us-ascii; x-custom=yes", "text", "plain",
                               {"charset": "us-ascii", "x-custom": "yes"}))),
    Case("rfc2045-5.1-parameter-name-case", "rfc", ["2045 5.1"],
         "Parameter names are reported in lower case whatever case they are written in.",
         message("ct9", raw_ct("Content-Type: text/plain; Charset=us-ascii; FORMAT=flowed; DelSp=yes",
                               "text", "plain", {"charset": "us-ascii", "format": "flowed", "delsp": "yes"}))),
    Case("rfc2045-6.1-encoding-case-insensitive", "rfc", ["2045 6.1"],
         "Transfer-encoding names compare without case: BASE64 is base64.",
         message("cte1", leaf(UTF8, ctype=("text", "plain", {"charset": "utf-8"}), cte="BASE64",
                              body=b64(UTF8, final_eol=True), decoded=UTF8))),
    Case("rfc2045-6.1-encoding-with-comment", "rfc", ["2045 6.1", "2045 1"],
         "A comment after the encoding name is ignored.",
         message("cte2", leaf(UTF8, ctype=("text", "plain", {"charset": "utf-8"}),
                              headers=["Content-Transfer-Encoding: base64 (by hand)"],
                              fields={"encoding": "base64"}, body=b64(UTF8, final_eol=True), decoded=UTF8)),
         level="SHOULD"),
    Case("rfc2045-6.2-8bit-text", "rfc", ["2045 6.2", "2045 2.8"],
         "An 8bit body is not encoded: the decoded octets are the body's octets.",
         message("cte3", text(UTF8, charset="utf-8", cte="8bit"))),
    Case("rfc2045-6.2-binary", "rfc", ["2045 6.2", "2045 2.9"],
         "A binary body holds any octets, NUL, bare CR and bare LF included, unencoded.",
         message("cte4", leaf(ALL_OCTETS, ctype=("application", "octet-stream", {}), cte="binary"))),
    Case("rfc2045-6.7-qp-soft-line-breaks", "rfc", ["2045 6.7"],
         "An '=' at the end of an encoded line is a soft line break: it and the CRLF are removed.",
         message("qp1", text(LONG, cte="quoted-printable"))),
    Case("rfc2045-6.7-qp-hex-octets", "rfc", ["2045 6.7"],
         "=XX stands for the octet of hexadecimal value XX, here the UTF-8 of accented letters.",
         message("qp2", text(UTF8, charset="utf-8", cte="quoted-printable"))),
    Case("rfc2045-6.7-qp-trailing-white-space-deleted", "rfc", ["2045 6.7"],
         "A decoder deletes white space at the end of an encoded line, as transports may add it.",
         message("qp3", text(b"", cte="quoted-printable", body=b"line one   \r\nline two\t\r\nline three\r\n",
                             decoded=b"line one\r\nline two\r\nline three\r\n"))),
    Case("rfc2045-6.7-qp-white-space-before-soft-break", "rfc", ["2045 6.7"],
         "White space before a soft line break is encoded data and stays in the decoded text.",
         message("qp4", text(b"", cte="quoted-printable", body=b"keep this space =\r\nand this tab\t=\r\nend\r\n",
                             decoded=b"keep this space and this tab\tend\r\n"))),
    Case("rfc2045-6.7-qp-lowercase-hex", "robust", ["2045 6.7"],
         "Lower-case hex digits are illegal, but a robust decoder reads them as upper case.",
         message("qp5", text(b"", charset="utf-8", cte="quoted-printable", body=b"caf=c3=a9 cr=C3=a8me\r\n",
                             decoded="café crème\r\n".encode())), level="MAY"),
    Case("rfc2045-6.7-qp-invalid-escape", "robust", ["2045 6.7"],
         "An '=' not followed by two hex digits is kept with the character after it, undecoded.",
         message("qp6", text(b"", cte="quoted-printable", body=b"100=% sure, a=ZZ b, x=4y\r\n",
                             decoded=b"100=% sure, a=ZZ b, x=4y\r\n")), level="MAY"),
    Case("rfc2045-6.7-qp-encoded-crlf-in-binary", "rfc", ["2045 6.7"],
         "In binary data CR and LF are encoded as =0D and =0A and decode to those octets.",
         message("qp7", leaf(b"", ctype=("application", "octet-stream", {}), cte="quoted-printable",
                             body=b"=00=01=0D=0A=FF=3D=\r\nend=0A\r\n", decoded=b"\x00\x01\r\n\xff=end\n\r\n"))),
    Case("rfc2045-6.8-base64", "rfc", ["2045 6.8"], "A base64 body in 76-character lines decodes to its data.",
         message("b641", leaf(BIN, ctype=("application", "octet-stream", {}), cte="base64",
                              body=b64(BIN, final_eol=True), decoded=BIN))),
    Case("rfc2045-6.8-base64-ignores-other-characters", "rfc", ["2045 6.8"],
         "A decoder ignores every character outside the base64 alphabet, not only line breaks.",
         message("b642", text(b"", cte="base64", body=b"SGVs bG8s\tIHdv!cmxk*IQ0K\r\n",
                              decoded=b"Hello, world!\r\n"))),
    Case("rfc2045-6.8-base64-one-long-line", "rfc", ["2045 6.8"],
         "Lines over 76 characters break an encoder rule but decode the same.",
         message("b643", leaf(BIN, ctype=("application", "octet-stream", {}), cte="base64",
                              body=b64(BIN, width=10000, final_eol=True), decoded=BIN))),
    Case("rfc2045-6.8-base64-padding", "rfc", ["2045 6.8"],
         "Data of 3n+1 and 3n+2 octets ends in '==' and '=' and decodes to exactly those octets.",
         message("b644", multi("mixed", [
             leaf(BIN[:31], ctype=("application", "octet-stream", {}), cte="base64"),
             leaf(BIN[:32], ctype=("application", "octet-stream", {}), cte="base64")], "pad-boundary"))),
    Case("rfc2045-6.8-base64-data-after-padding", "rfc", ["2045 6.8"],
         "An '=' may be taken as the end of the data, so what follows it is not decoded.",
         message("b645", leaf(b"", ctype=("application", "octet-stream", {}), cte="base64",
                              body=b"QQ==QkM=\r\n", decoded=b"A")), level="MAY"),
    Case("rfc2045-6.8-base64-empty", "rfc", ["2045 6.8"], "An empty base64 body decodes to nothing.",
         message("b646", leaf(b"", ctype=("application", "octet-stream", {}), cte="base64", body=b"",
                              decoded=b""))),
    Case("rfc2045-7-content-id", "rfc", ["2045 7", "5322 2.2.3"],
         "Content-ID is reported unfolded and trimmed, angle brackets included.",
         message("cid1", multi("related", [
             text(b"See the picture.", headers=["Content-ID: <text.1@example.test>"],
                  fields={"id": "<text.1@example.test>"}),
             leaf(BIN[:64], ctype=("image", "png", {}), cte="base64",
                  headers=["Content-ID:\r\n <image.2@example.test>"], fields={"id": "<image.2@example.test>"})],
             "rel-boundary", params={"type": "text/plain"}))),
    Case("rfc2045-8-content-description", "rfc", ["2045 8"],
         "Content-Description is reported as its unfolded text.",
         message("cdesc1", text(b"Figures.\r\n", headers=["Content-Description: Quarterly\r\n figures, draft"],
                                fields={"description": "Quarterly figures, draft"}))),
    Case("rfc2045-6.4-unknown-encoding", "rfc", ["2045 6.4", "2045 6.3"],
         "An unknown encoding is reported by its name, in lower case; the body cannot be decoded.",
         message("cte5", text(b"begin 644 data\r\n`\r\nend\r\n", cte="X-Custom-Encoding",
                              drop=("decoded_octets", "decoded_sha256")))),
    Case("rfc2045-9-additional-content-fields", "rfc", ["2045 9"],
         "Content-Language, Content-Location and Content-MD5 are reported unfolded and trimmed.",
         message("cadd1", text(b"Hello.\r\n", headers=["Content-Language: en, de",
                                                      "Content-Location:  https://www.example.test/hello.txt ",
                                                      "Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ=="],
                               fields={"language": "en, de", "location": "https://www.example.test/hello.txt",
                                       "md5": "Q2hlY2sgSW50ZWdyaXR5IQ=="}))),
    Case("rfc2045-6.4-multipart-8bit-encoding", "rfc", ["2045 6.4"],
         "A multipart may be labelled 8bit; its parts are found as usual.",
         message("cte6", multi("mixed", [text(UTF8, charset="utf-8", cte="8bit"), text(b"ASCII part.")],
                               "8bit-boundary", headers=["Content-Transfer-Encoding: 8bit"]))),
    Case("rfc2049-2-identity-encodings", "rfc", ["2049 2", "2045 6.2"],
         "7bit, 8bit and binary are identity encodings: each part's decoded octets are its body.",
         message("ident1", multi("mixed", [
             text(b"Seven bit.", cte="7bit"),
             text(UTF8, charset="utf-8", cte="8bit"),
             leaf(BIN[:50], ctype=("application", "octet-stream", {}), cte="binary")], "id-boundary"))),
    Case("rfc2049-2-unrecognized-media-type", "rfc", ["2049 2", "2045 5.1"],
         "An unknown type is reported as written; a reader treats it as opaque data.",
         message("unk1", raw_ct("Content-Type: x-world/x-unknown; level=3", "x-world", "x-unknown",
                                {"level": "3"}, content=b"opaque\r\n"))),
    Case("rfc2046-4.1.4-unrecognized-text-subtype", "rfc", ["2046 4.1.4"],
         "An unknown text subtype is still text, reported as written, with its line count.",
         message("unk2", text(b"Some text\r\nin two lines\r\n", subtype="x-unknown"))),
    Case("rfc2046-4.1.2-charset-value-case", "rfc", ["2046 4.1.2", "2045 5.1"],
         "A charset value is reported as written; it compares without case, but is not rewritten.",
         message("cs1", multi("mixed", [text(UTF8, charset="UTF-8", cte="8bit"),
                                        text(UTF8, charset="Utf-8", cte="8bit")], "cs-boundary"))),
    Case("rfc2046-4.5.1-octet-stream-parameters", "rfc", ["2046 4.5.1"],
         "application/octet-stream may carry type and padding parameters; they are parameters like others.",
         message("oct1", leaf(BIN[:20], ctype=("application", "octet-stream",
                                               {"type": "tar", "padding": "0", "name": "data.tar"}),
                              cte="base64", fields={"filename": "data.tar"}))),
]
