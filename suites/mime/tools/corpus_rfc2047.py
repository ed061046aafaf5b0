"""RFC 2047 cases: encoded-words in Subject, display names, group names and Content-Description, and
the places where they must not be decoded."""
import base64

from corpus_engine import DATE, Case, Message, addr, disposition_header, leaf, message, text

def bword(charset, s):
    """An encoded-word in the B encoding of the text s in charset (RFC 2047 §4.1)."""
    return f"=?{charset}?b?{base64.b64encode(s.encode(charset)).decode()}?="


def subject_case(name, basis, rfc, note, raw, decoded, level=None):
    return Case(name, basis, rfc, note, message(name, text(b"Hello.\r\n"), subject=raw, subject_expect=decoded),
                level=level)


def from_case(name, basis, rfc, note, raw_from, expected_from, level=None):
    msg = Message(["From: " + raw_from, "Date: " + DATE, f"Message-ID: <{name}@example.test>"], text(b"Hello.\r\n"),
                  fields={"from": expected_from, "date": DATE, "message_id": f"<{name}@example.test>"})
    return Case(name, basis, rfc, note, msg, level=level)


LONG_WORD = "=?utf-8?q?" + "abcdefghij" * 7 + "?="  # 80 characters: longer than an encoded-word may be

CASES = [
    subject_case("rfc2047-4.2-q-encoding", "rfc", ["2047 4.2", "2047 5"],
                 "Q encoding: =XX is an octet of the charset, '_' is a space.",
                 "=?iso-8859-1?q?caf=E9_cr=E8me?=", "café crème"),
    subject_case("rfc2047-4.1-b-encoding", "rfc", ["2047 4.1", "2047 5"],
                 "B encoding: the encoded text is base64 of the charset's octets.",
                 bword("utf-8", "Grüße aus Köln"), "Grüße aus Köln"),
    subject_case("rfc2047-4.2-q-underscore-is-space", "rfc", ["2047 4.2"],
                 "In Q encoding '_' stands for a space, and =5F for an underscore.",
                 "=?us-ascii?q?a_b=5Fc?=", "a b_c"),
    subject_case("rfc2047-4.2-q-encoded-specials", "rfc", ["2047 4.2"],
                 "=3F, =3D and =5F give '?', '=' and '_' in the decoded text.",
                 "=?utf-8?q?a=3Fb=3Dc=5F?=", "a?b=c_"),
    subject_case("rfc2047-6.2-adjacent-encoded-words", "rfc", ["2047 6.2"],
                 "White space between two adjacent encoded-words is not displayed.",
                 "=?utf-8?q?Hello?= =?utf-8?q?_World?=", "Hello World"),
    subject_case("rfc2047-6.2-adjacent-encoded-words-folded", "rfc", ["2047 6.2", "5322 2.2.3"],
                 "A fold between two encoded-words is white space between them and disappears.",
                 "=?utf-8?q?one?=\r\n =?utf-8?q?two?=\r\n\t=?utf-8?q?three?=", "onetwothree"),
    subject_case("rfc2047-6.2-encoded-word-beside-text", "rfc", ["2047 6.2", "2047 5"],
                 "White space between an encoded-word and ordinary text is kept.",
                 "Price: =?utf-8?q?10_=E2=82=AC?= only", "Price: 10 € only"),
    subject_case("rfc2047-6.2-mixed-charsets", "rfc", ["2047 6.2", "2047 3"],
                 "Adjacent encoded-words may use different charsets; each is decoded with its own.",
                 "=?iso-8859-1?q?caf=E9?= " + bword("utf-8", "€"), "café€"),
    subject_case("rfc2047-2-charset-and-encoding-case-insensitive", "rfc", ["2047 2"],
                 "Charset and encoding names compare without case.",
                 "=?UTF-8?Q?caf=C3=A9?= and =?Utf-8?B?w6k=?=", "café and é"),
    subject_case("rfc2047-5-many-words-folded", "rfc", ["2047 5", "2047 6.2"],
                 "A long subject as several folded B-encoded words decodes to one text.",
                 bword("utf-8", "Ünïcödé ") + "\r\n " + bword("utf-8", "über ") + "\r\n " + bword("utf-8", "alles"),
                 "Ünïcödé über alles"),
    subject_case("rfc2047-6.2-unknown-charset", "rfc", ["2047 6.2"],
                 "A reader that does not know the charset may show the encoded-word as it is written.",
                 "=?x-unknown-charset?q?abc?=", "=?x-unknown-charset?q?abc?=", level="MAY"),
    subject_case("rfc2047-6.3-malformed-b-text", "robust", ["2047 6.3", "2047 5"],
                 "Encoded text that is not base64 cannot be decoded; the word is shown as written.",
                 "=?utf-8?b?#notbase64#?= tail", "=?utf-8?b?#notbase64#?= tail", level="MAY"),
    subject_case("rfc2047-2-encoded-word-longer-than-75", "rfc", ["2047 2", "2047 6.1"],
                 "An 80-character word is too long to be an encoded-word, so it is ordinary text.",
                 LONG_WORD, LONG_WORD, level="SHOULD"),
    subject_case("rfc2047-6.1-encoded-word-not-after-white-space", "rfc", ["2047 6.1"],
                 "An encoded-word is recognised only after white space or at the start of the field.",
                 "abc=?utf-8?q?def?=", "abc=?utf-8?q?def?=", level="SHOULD"),
    subject_case("rfc2231-5-encoded-word-language", "rfc", ["2231 5"],
                 "An encoded-word may name a language after the charset; the text decodes as usual.",
                 "=?utf-8*en?q?Hello?= =?iso-8859-1*fr?q?caf=E9?=", "Hellocafé"),
    from_case("rfc2047-5-display-name", "rfc", ["2047 5"],
              "An encoded-word in a display name is decoded.",
              "=?utf-8?q?J=C3=B6rg_Example?= <joerg@example.test>", [addr("Jörg Example", "joerg", "example.test")]),
    from_case("rfc2047-5-display-name-word-and-encoded-word", "rfc", ["2047 5", "2047 6.2"],
              "A display name may mix an encoded-word and an atom, separated by white space.",
              "=?iso-8859-1?q?J=F6rg?= Example <joerg@example.test>",
              [addr("Jörg Example", "joerg", "example.test")]),
    from_case("rfc2047-5-not-in-quoted-string", "rfc", ["2047 5", "2047 6.1"],
              "Text that looks like an encoded-word inside a quoted string is an ordinary word, not decoded.",
              '"=?utf-8?q?J=C3=B6rg?=" <joerg@example.test>',
              [addr("=?utf-8?q?J=C3=B6rg?=", "joerg", "example.test")], level="SHOULD"),
    from_case("rfc2047-5-not-in-addr-spec", "rfc", ["2047 5", "2047 6.1"],
              "An encoded-word in an addr-spec is not decoded: it is the local part as written.",
              "=?utf-8?q?bob?=@example.net", [addr(None, "=?utf-8?q?bob?=", "example.net")], level="SHOULD"),
    Case("rfc2047-5-group-name", "rfc", ["2047 5", "5322 3.4"], "A group's display name is a phrase and is decoded.",
         Message(["From: alice@example.test", "To: =?utf-8?q?=C3=89quipe?=: bob@example.net;", "Date: " + DATE],
                 text(b"Hello.\r\n"),
                 fields={"to": [{"group": "Équipe", "members": [addr(None, "bob", "example.net")]}],
                         "date": DATE})),
    Case("rfc2047-5-not-in-parameter", "rfc", ["2047 5", "2047 6.1", "2045 5.1"],
         "An encoded-word in a Content-Type parameter is not decoded: the parameter value is as written.",
         message("ew-param", leaf(b"Hello.\r\n", ctype=("text", "plain", {"charset": "us-ascii",
                                                                          "name": "=?utf-8?q?caf=C3=A9.txt?="}),
                                  drop=("filename",))), level="SHOULD"),
    Case("rfc2047-5-content-description", "rfc", ["2047 5", "2045 8"],
         "Content-Description is text, so its encoded-words are decoded.",
         message("ew-desc", text(b"Slides.\r\n", headers=["Content-Description: =?utf-8?q?Pr=C3=A9sentation?= finale"],
                                 fields={"description": "Présentation finale"}))),
    Case("malformed-rfc2047-character-split-across-words", "robust", ["2047 5"],
         "The two octets of one UTF-8 character are split over two words; a robust reader joins them.",
         message("ew-split", text(b"Hello.\r\n"), subject="=?utf-8?q?caf=C3?= =?utf-8?q?=A9?=",
                 subject_expect="café")),
    Case("malformed-rfc2047-filename-in-parameter", "robust", ["2047 5", "2231 4"],
         "A filename sent as an encoded-word inside a quoted parameter is decoded, as readers commonly do.",
         message("ew-fname", leaf(b"%PDF-1.4\r\n", ctype=("application", "pdf", {}),
                                  headers=[disposition_header("attachment",
                                                              {"filename": "=?utf-8?q?r=C3=A9sum=C3=A9.pdf?="})[0]],
                                  fields={"disposition": {"type": "attachment"}, "filename": "résumé.pdf"}))),
]
