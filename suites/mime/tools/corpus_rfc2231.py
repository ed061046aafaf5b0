"""RFC 2231 cases: parameter value continuations, charset and language, and their malformed forms."""
from corpus_engine import Case, Multi, leaf, message, text

PDF = b"%PDF-1.4\r\n%\xe2\xe3\xcf\xd3\r\n1 0 obj\r\n<<>>\r\nendobj\r\n"


def disposed(line, filename, params=None, kind="attachment", ctype=("application", "octet-stream", {})):
    """A leaf with the Content-Disposition line written by hand; filename (and disposition params) are what it
    means."""
    disp = {"type": kind}
    if params is not None:
        disp["params"] = params
    return leaf(PDF, ctype=ctype, cte="base64", headers=[line], fields={"disposition": disp, "filename": filename})


def case(name, basis, rfc, note, entity, level=None):
    return Case(name, basis, rfc, note, message(name, entity), level=level)


CASES = [
    case("rfc2231-3-continuations", "rfc", ["2231 3"],
         "Numbered sections of a parameter are joined into one value.",
         leaf(PDF, ctype=None, cte="base64",
              headers=['Content-Type: application/octet-stream;\r\n name*0="long-file-name-";\r\n'
                       ' name*1="continued.bin"'],
              fields={"type": "application", "subtype": "octet-stream", "type_defaulted": False,
                      "params": {"name": "long-file-name-continued.bin"}, "filename": "long-file-name-continued.bin"})),
    case("rfc2231-3-continuations-quoted-and-unquoted", "rfc", ["2231 3"],
         "Sections may mix quoted and unquoted values; the quotes are not part of the value.",
         disposed('Content-Disposition: attachment; filename*0=part-one;\r\n filename*1="-part two.txt"',
                  "part-one-part two.txt", {"filename": "part-one-part two.txt"})),
    case("rfc2231-3-continuations-out-of-order", "rfc", ["2231 3"],
         "Sections are joined by their numbers, not by the order they are written in.",
         disposed('Content-Disposition: attachment; filename*1="second.txt";\r\n filename*0="first-"',
                  "first-second.txt", {"filename": "first-second.txt"})),
    case("rfc2231-4-charset-and-language", "rfc", ["2231 4"],
         "A value with charset and language is percent-decoded in that charset; the language is not part of it.",
         leaf(b"Hello.\r\n", ctype=None,
              headers=["Content-Type: text/plain; charset=us-ascii;\r\n title*=us-ascii'en'A%20title%20with%20%2A%2Astars%2A%2A"],
              fields={"type": "text", "subtype": "plain", "type_defaulted": False,
                      "params": {"charset": "us-ascii", "title": "A title with **stars**"}})),
    case("rfc2231-4-utf8-filename", "rfc", ["2231 4"],
         "A UTF-8 filename in percent encoding decodes to the UTF-8 text.",
         disposed("Content-Disposition: attachment; filename*=utf-8''%E2%82%AC%20rates.txt",
                  "€ rates.txt", {"filename": "€ rates.txt"})),
    case("rfc2231-4-empty-charset-and-language", "rfc", ["2231 4"],
         "Charset and language may both be empty, with their two quotes still present.",
         disposed("Content-Disposition: attachment; filename*=''plain%20name.txt", "plain name.txt",
                  {"filename": "plain name.txt"})),
    case("rfc2231-4-iso-8859-1-filename", "rfc", ["2231 4"],
         "An ISO-8859-1 value decodes to the same characters in UTF-8.",
         disposed("Content-Disposition: inline; filename*=iso-8859-1''caf%E9.txt", "café.txt",
                  {"filename": "café.txt"}, kind="inline")),
    case("rfc2231-4.1-continuations-with-encoding", "rfc", ["2231 4.1"],
         "Encoded and plain sections combine; only the first carries charset and language.",
         leaf(b"Hello.\r\n", ctype=None,
              headers=["Content-Type: text/plain; charset=us-ascii;\r\n title*0*=us-ascii'en'Part%20one%20;\r\n"
                       " title*1*=%2A%2Apart%20two%2A%2A%20;\r\n title*2=\"and three\""],
              fields={"type": "text", "subtype": "plain", "type_defaulted": False,
                      "params": {"charset": "us-ascii", "title": "Part one **part two** and three"}})),
    case("rfc2231-4.1-encoded-sections-out-of-order", "rfc", ["2231 3", "2231 4.1"],
         "Encoded sections written out of order are joined by number before the UTF-8 is read.",
         disposed("Content-Disposition: attachment; filename*1*=%A9.txt;\r\n filename*0*=utf-8''caf%C3",
                  "café.txt", {"filename": "café.txt"})),
    case("rfc2231-3-boundary-continuation", "rfc", ["2231 3", "2046 5.1.1"],
         "A boundary given in sections is the joined value, and the parts are found with it.",
         Multi([text(b"One."), text(b"Two.")], "first-half-second-half",
               headers=['Content-Type: multipart/mixed;\r\n boundary*0="first-half-";\r\n boundary*1="second-half"'],
               fields={"type": "multipart", "subtype": "mixed", "type_defaulted": False,
                       "params": {"boundary": "first-half-second-half"}})),
    case("malformed-rfc2231-missing-section", "robust", ["2231 3"],
         "Section 1 is missing; a robust reader joins the sections it has in order.",
         disposed('Content-Disposition: attachment; filename*0="a-";\r\n filename*2="c.txt"', "a-c.txt",
                  {"filename": "a-c.txt"}), level="MAY"),
    case("malformed-rfc2231-plain-and-extended", "robust", ["2231 4"],
         "A plain and an extended filename are both given; a reader prefers the extended one.",
         disposed("Content-Disposition: attachment; filename=\"fallback.txt\";\r\n filename*=utf-8''r%C3%A9al.txt",
                  "réal.txt"), level="MAY"),
    case("malformed-rfc2231-bad-percent-escape", "robust", ["2231 4"],
         "A '%' not followed by two hex digits is kept as written.",
         disposed("Content-Disposition: attachment; filename*=utf-8''a%ZZb.txt", "a%ZZb.txt"), level="MAY"),
]

