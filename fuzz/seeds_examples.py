#!/usr/bin/env python3
"""Hand-written fuzz seeds: RFC examples and known deviations, and the cases of suites/ for the script target.

    fuzz/seeds_examples.py [--corpus DIR]

Writes corpus/<target>/ex-<name> (the 2-octet header of fuzz/fuzz_driver.hpp first where the target has
one) and corpus/script/suite-<case id> (one case of suites/ each, a stable sample of --max-script). Existing files are overwritten, other
files (run-*, regress-*) are left alone. Seeds from real runs: fuzz/seeds_from_reports.py.
"""
import argparse
import hashlib
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
STRICT, LENIENT = 0, 1


def literal(text):
    return b"{%d}\r\n" % len(text) + text


FIELDS = b"Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\r\nFrom: Terry Gray <gray@cac.washington.edu>\r\n\r\n"
ENVELOPE = (b'("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)" "IMAP4rev2 WG mtg summary and minutes" '
            b'(("Terry Gray" NIL "gray" "cac.washington.edu")) (("Terry Gray" NIL "gray" "cac.washington.edu")) '
            b'(("Terry Gray" NIL "gray" "cac.washington.edu")) ((NIL NIL "imap" "cac.washington.edu")) '
            b'((NIL NIL "minutes" "CNRI.Reston.VA.US")("John Klensin" NIL "KLENSIN" "MIT.EDU")) NIL NIL '
            b'"<B27397-0100000@cac.washington.edu>")')

# target -> [(name, options, body)]; options as in the target's comment (bit 0: lenient).
STREAMS = {
    "smtp_reply": [
        ("greeting", STRICT, b"220 foo.com Simple Mail Transfer Service Ready\r\n"),
        ("ehlo", STRICT, b"250-foo.com greets bar.com\r\n250-8BITMIME\r\n250-SIZE\r\n250-DSN\r\n250 HELP\r\n"),
        ("multiline-4.2", STRICT, b"123-First line\r\n123-Second line\r\n123-234 text beginning with numbers\r\n"
                                  b"123 The last line\r\n"),
        ("pipelined", STRICT, b"250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 End data with <CR><LF>.<CR><LF>\r\n"),
        ("enhanced", STRICT, b"550 5.1.1 <nobody@foo.com>: Recipient address rejected\r\n"),
        ("forward", STRICT, b"251 User not local; will forward to <Jones@XYZ.COM>\r\n"),
        ("closing", STRICT, b"221 2.0.0 foo.com Service closing transmission channel\r\n"),
        ("auth-challenge", STRICT, b"334 VXNlcm5hbWU6\r\n334 UGFzc3dvcmQ6\r\n235 2.7.0 Authentication successful\r\n"),
        ("utf8-text", 2, "250 Grüße aus Köln\r\n".encode()),
        ("bare-lf", LENIENT, b"250-first\n250 last\n"),
        ("no-text", LENIENT, b"250\r\n354 \r\n"),
        ("code-mismatch", LENIENT, b"250-a\r\n251-b\r\n250 c\r\n"),
        ("no-separator", LENIENT, b"250ok\r\n"),
        ("code-range", LENIENT, b"199 x\r\n699 y\r\n"),
        ("bare-cr-nul", LENIENT, b"250 a\rb\x00c\x7f\r\n"),
        ("long-line", STRICT, b"250 " + b"x" * 600 + b"\r\n"),
        ("tiny-limits", 4, b"250-a\r\n250-bb\r\n250 ccccccccc\r\n"),
    ],
    "smtp_command": [
        ("session", STRICT, b"EHLO bar.com\r\nMAIL FROM:<Smith@bar.com>\r\nRCPT TO:<Jones@foo.com>\r\n"
                            b"RCPT TO:<Green@foo.com>\r\nDATA\r\n"),
        ("verbs", STRICT, b"HELO x\r\nRSET\r\nVRFY Smith\r\nEXPN Example-People\r\nNOOP\r\nHELP\r\n"
                          b"STARTTLS\r\nQUIT\r\n"),
        ("mail-params", STRICT, b"MAIL FROM:<userx@y.foo.org> SIZE=1000 BODY=8BITMIME RET=HDRS ENVID=QQ314159\r\n"),
        ("rcpt-dsn", STRICT, b"RCPT TO:<a@b.example> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;Bob@Y.ORG\r\n"),
        ("null-path", STRICT, b"MAIL FROM:<>\r\n"),
        ("postmaster", STRICT, b"RCPT TO:<Postmaster>\r\n"),
        ("source-route", STRICT, b"RCPT TO:<@hosta.int,@jkl.org:userc@d.bar.org>\r\n"),
        ("quoted-local", STRICT, b'RCPT TO:<"john \\"jr\\" smith"@example.com>\r\n'),
        ("ipv4-literal", STRICT, b"MAIL FROM:<a@[192.0.2.1]>\r\n"),
        ("ipv6-literal", STRICT, b"MAIL FROM:<a@[IPv6:2001:db8::1]>\r\nRCPT TO:<b@[IPv6:::ffff:192.0.2.1]>\r\n"
                                 b"RCPT TO:<c@[IPv6:2001:db8:0:0:0:0:0:1]>\r\n"),
        ("general-literal", STRICT, b"RCPT TO:<a@[x-tag:content]>\r\n"),
        ("auth-ir", STRICT, b"AUTH PLAIN AHRpbQB0YW5zdGFhZnRhbnN0YWFm\r\nBDAT 86 LAST\r\n"),
        ("space-before-path", LENIENT, b"MAIL FROM: <a@b.example>  SIZE=1 \r\n"),
        ("bare-lf", LENIENT, b"MAIL FROM:<a@b.example>\nRCPT TO:<c@d.example>\r\n"),
        ("bad-verb", LENIENT, b"1AB x\r\n\x00\r\nMA\rIL y\r\n"),
        ("vrfy-path", 2, b"VRFY <smith@bar.com>\r\n"),
        ("tiny-limits", 4, b"RCPT TO:<a@b.c>\r\nMAIL FROM:<>\r\n"),
        ("long-local", STRICT, b"RCPT TO:<" + b"a" * 65 + b"@b.example>\r\n"),
        ("long-line", STRICT, b"EHLO " + b"h" * 600 + b"\r\nNOOP\r\n"),
        ("bare-cr", STRICT, b"EHLO a\rb\r\n"),
        ("pipelined", STRICT, b"MAIL FROM:<a@b.test>\r\nRCPT TO:<c@d.test>\r\nRCPT TO:<e@f.test>\r\nDATA\r\n"
                              b"RSET\r\nMAIL FROM:<> SMTPUTF8\r\nRCPT TO:<\xc3\xa9@d.test>\r\nBDAT 0 LAST\r\nQUIT\r\n"),
        ("auth-rounds", STRICT, b"AUTH LOGIN\r\nYWxpY2U=\r\nYWxpY2UtcGFzc3dvcmQ=\r\nAUTH CRAM-MD5\r\n*\r\n"),
    ],
    "smtp_bdat": [
        ("rfc3030-4.2", STRICT, b"MAIL FROM:<Sam@Random.com>\r\nRCPT TO:<Susan@Random.com>\r\nBDAT 86\r\n"
                                + b"x" * 84 + b"\r\nBDAT 14 LAST\r\nHi Susan!\r\n..\r\nQUIT\r\n"),
        ("empty-last", STRICT, b"BDAT 0 LAST\r\nRSET\r\nBDAT 0 last\r\n"),
        ("binary", STRICT, b"MAIL FROM:<a@b.test> BODY=BINARYMIME\r\nBDAT 8 LAST\r\n\x00\xff\r\n.\r\n\n\rQUIT\r\n"),
        ("pipelined", STRICT, b"EHLO c\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<c@d.test>\r\nRCPT TO:<e@f.test>\r\n"
                              b"BDAT 3\r\nabcBDAT 3\r\ndefBDAT 2 LAST\r\ng\nQUIT\r\n"),
        ("bad-args", LENIENT, b"BDAT\r\nBDAT -1\r\nBDAT 5 FIRST\r\nBDAT 99999999999999999999\r\nBDAT 1  LAST\r\nx"),
        ("short-chunk", STRICT, b"BDAT 100 LAST\r\nonly this"),
        ("huge-size", STRICT, b"BDAT 9223372036854775807 LAST\r\nabc"),
        ("tiny-limits", 4, b"BDAT 10\r\n0123456789BDAT 0 LAST\r\n"),
    ],
    "smtp_data": [
        ("message", STRICT, b"Subject: test\r\n\r\nHello\r\n.\r\n"),
        ("stuffed", STRICT, b"..leading dot\r\n...two\r\n.\r\n"),
        ("empty", STRICT, b".\r\n"),
        ("smuggle-lf-lf", STRICT, b"a\n.\nMAIL FROM:<x@y.example>\r\n.\r\n"),
        ("smuggle-crlf-lf", STRICT, b"a\r\n.\nb\r\n.\r\n"),
        ("smuggle-lf-crlf", STRICT, b"a\n.\r\nb\r\n.\r\n"),
        ("smuggle-cr-cr", STRICT, b"a\r.\rb\r\n.\r\n"),
        ("smuggle-dot-cr", STRICT, b"a\r\n.\rX\r\n.\r\n"),
        ("next-command", STRICT, b"text\r\n.\r\nMAIL FROM:<x@y.example>\r\n"),
        ("unterminated", STRICT, b"no end\r\n"),
        ("nul-long-line", STRICT, b"a\x00b\r\n" + b"x" * 1200 + b"\r\n.\r\n"),
    ],
    "pop3_response": [
        ("greeting", STRICT, b"+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n"),
        ("list", 2, b"+OK 2 messages (320 octets)\r\n1 120\r\n2 200\r\n.\r\n"),
        ("list-one", STRICT, b"+OK 2 200\r\n"),
        ("err", STRICT, b"-ERR no such message, only 2 messages in maildrop\r\n"),
        ("retr", 2, b"+OK 120 octets\r\nSubject: x\r\n\r\n..stuffed\r\n.\r\n"),
        ("uidl", 2, b"+OK\r\n1 whqtswO00WBw418f9t5JxYwZ\r\n2 QhdPYR:00WBw1Ph7x7\r\n.\r\n"),
        ("capa", 2, b"+OK Capability list follows\r\nTOP\r\nUSER\r\nSASL CRAM-MD5 KERBEROS_V4\r\nRESP-CODES\r\n"
                    b"LOGIN-DELAY 900\r\nPIPELINING\r\nEXPIRE 60\r\nUIDL\r\nIMPLEMENTATION Shlemazle-Plotz-v302\r\n.\r\n"),
        ("resp-codes", STRICT, b"-ERR [IN-USE] Do you have another POP session running?\r\n-ERR [SYS/TEMP] x\r\n"),
        ("pipelined", 0b1010, b"+OK\r\n+OK 1 messages\r\n1 10\r\n.\r\n-ERR x\r\n+OK\r\nbody\r\n.\r\n"),
        ("sasl-continuation", STRICT, b"+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n"),
        ("lower-case", LENIENT, b"+ok hi\n-err\r\n"),
        ("no-space", LENIENT, b"+OKhi\r\n"),
        ("bare-lf-body", 3, b"+OK\r\nline\n..x\n.\n"),
        ("bare-cr-body", 3, b"+OK\r\na\rb\r\n.\rc\r\n.\r\n"),
        ("tiny-limits", 0x82, b"+OK 3 messages\r\n1 120\r\n2 200\r\n3 30000\r\n.\r\n"),
    ],
    "pop3_command": [
        ("session", STRICT, b"USER mrose\r\nPASS secret\r\nSTAT\r\nLIST\r\nLIST 2\r\nRETR 1\r\nDELE 1\r\n"
                            b"NOOP\r\nRSET\r\nQUIT\r\n"),
        ("apop", STRICT, b"APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n"),
        ("extensions", STRICT, b"TOP 1 10\r\nUIDL\r\nCAPA\r\nSTLS\r\nAUTH PLAIN\r\n"),
        ("auth-ir", STRICT, b"AUTH SCRAM-SHA-256 biwsbj11c2VyLHI9ck9wck5HZndFYmVSV2diTkVrcU8=\r\n"),
        ("spaces", LENIENT, b"user  x \r\nLIST\n"),
        ("tiny-limits", 4, b"TOP 12345 1\r\nUSER abcdefghijklmnop\r\n"),
        ("long-arg", LENIENT, b"USER " + b"a" * 41 + b"\r\nPASS a\x01b\r\nSTATX\r\n"),
        ("pipelined", STRICT, b"CAPA\r\nUSER alice\r\nPASS alice-password\r\nSTAT\r\nLIST\r\nUIDL\r\nRETR 1\r\n"
                              b"TOP 1 0\r\nQUIT\r\n"),
        ("bare-cr-nul", LENIENT, b"USER a\rb\r\nPASS x\x00y\r\nQUIT\n"),
        ("auth-rounds", STRICT, b"AUTH PLAIN\r\nAGFsaWNlAGFsaWNlLXBhc3N3b3Jk\r\nAUTH LOGIN\r\n*\r\n"),
        ("long-line", STRICT, b"USER " + b"u" * 600 + b"\r\nNOOP\r\n"),
    ],
    "imap_response": [
        ("greeting", STRICT, b"* OK IMAP4rev2 Service Ready\r\n"),
        ("preauth-bye", STRICT, b"* PREAUTH IMAP4rev2 server logged in as Smith\r\n* BYE Autologout; idle for too long\r\n"),
        ("capability", STRICT, b"* CAPABILITY IMAP4rev2 STARTTLS AUTH=GSSAPI LOGINDISABLED\r\n"
                               b"abcd OK CAPABILITY completed\r\n"),
        ("select", STRICT, b"* 172 EXISTS\r\n* OK [UIDVALIDITY 3857529045] UIDs valid\r\n"
                           b"* OK [UIDNEXT 4392] Predicted next UID\r\n"
                           b"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
                           b"* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n"
                           b'* LIST () "/" INBOX\r\nA142 OK [READ-WRITE] SELECT completed\r\n'),
        ("fetch-envelope", STRICT, b'* 12 FETCH (FLAGS (\\Seen) INTERNALDATE "17-Jul-1996 02:44:25 -0700" '
                                   b"RFC822.SIZE 4286 ENVELOPE " + ENVELOPE +
                                   b' BODY ("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 3028 92))\r\n'),
        ("fetch-literal", STRICT, b"* 12 FETCH (BODY[HEADER] " + literal(FIELDS) + b")\r\na003 OK done\r\n"),
        ("fetch-section", STRICT, b"* 2 FETCH (BODY[HEADER.FIELDS (DATE FROM)]<0> " + literal(b"0123456789") +
                                  b" UID 7)\r\n"),
        ("literal8", STRICT, b"* 1 FETCH (BINARY[1] ~{5}\r\nab\x00cd)\r\n"),
        ("multipart", STRICT, b'* 3 FETCH (BODYSTRUCTURE (("TEXT" "PLAIN" NIL NIL NIL "7BIT" 10 1)'
                              b'("TEXT" "HTML" NIL NIL NIL "7BIT" 20 2) "MIXED"))\r\n'),
        ("continuation", STRICT, b"+ Ready for additional command text\r\n+ \r\n"
                                 b"+ YGgGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzBeBiVHeceP2CWY0SR0fAQAgAAQEBAQ=\r\n"),
        ("codes", STRICT, b"* NO [ALERT] System shutdown in 10 minutes\r\n"
                          b"A001 NO [AUTHENTICATIONFAILED] Authentication failed\r\n"
                          b"a BAD [BADCHARSET (UTF-8)] x\r\n"),
        ("esearch", STRICT, b'* ESEARCH (TAG "A285") UID MIN 7 MAX 3800\r\n* VANISHED (EARLIER) 300:310,405,411\r\n'
                            b"* 5 EXPUNGE\r\n* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)\r\n"),
        ("namespace", STRICT, b'* NAMESPACE (("" "/")) NIL NIL\r\n* ENABLED CONDSTORE\r\n* 2 FETCH (MODSEQ (12))\r\n'),
        ("quoted-escapes", STRICT, b'* LIST (\\Noselect) "\\\\" "a \\"b\\""\r\n'),
        ("bare-lf", LENIENT, b"* OK hi\n* 1 EXISTS\n"),
        ("non-sync-literal", LENIENT, b"* 1 FETCH (BODY[] {3+}\r\nabc)\r\n"),
        ("extra-spaces", LENIENT, b"* FLAGS  (a  b )\r\na OK\r\n* OK [ALERT]x\r\n"),
        ("number-too-large", LENIENT, b"* 1 FETCH (UID 99999999999999999999)\r\n"),
        ("bad-escape", LENIENT, b'* LIST () "\\x" a\x00b\r\n'),
        ("tiny-limits", 4, b"* 1 FETCH (FLAGS ((a)) BODY[] {20}\r\n01234567890123456789)\r\n"),
    ],
    "imap_command": [
        ("session", STRICT, b"a001 CAPABILITY\r\na002 STARTTLS\r\na003 LOGIN SMITH SESAME\r\nA142 SELECT INBOX\r\n"
                            b"A932 EXAMINE blurdybloop\r\na002 NOOP\r\nA341 CLOSE\r\nA342 UNSELECT\r\nA023 LOGOUT\r\n"),
        ("login-literals", STRICT, b"A001 LOGIN {11}\r\nFRED FOOBAR {7}\r\nfat man\r\nb LOGIN \"fred\" \"f\\\"o\\\\o\"\r\n"),
        ("authenticate-ir", STRICT, b"A03 AUTHENTICATE PLAIN dGVzdAB0ZXN0AHRlc3Q=\r\nA01 AUTHENTICATE EXTERNAL =\r\n"),
        ("authenticate-sasl", 0x28 | 0x40, b"A01 AUTHENTICATE PLAIN\r\ndGVzdAB0ZXN0AHRlc3Q=\r\n*\r\n"),
        ("idle-done", 0x20, b"A002 IDLE\r\nDONE\r\nA003 FETCH 4 ALL\r\nA004 NOOP\r\nA005 IDLE\r\ndone\r\n"),
        ("mailboxes", STRICT, b"A004 CREATE owatagusiam/blurdybloop\r\nA683 DELETE blurdybloop\r\n"
                              b"A683 RENAME blurdybloop sarasoop\r\nA002 SUBSCRIBE #news.comp.mail.mime\r\n"
                              b"A002 UNSUBSCRIBE #news.comp.mail.mime\r\nA001 NAMESPACE\r\nt2 ENABLE CONDSTORE\r\n"
                              b"A042 STATUS blurdybloop (UIDNEXT MESSAGES)\r\nA002 CREATE \"INBOX.Sent Mail\"\r\n"),
        ("list", STRICT, b'A682 LIST "" *\r\nA86 LIST "" %\r\nA202 LIST ~/Mail/ %\r\na3.1 LIST "" (% music/rock)\r\n'
                         b'A02 LIST (SUBSCRIBED RECURSIVEMATCH) "" % RETURN (STATUS (MESSAGES UNSEEN))\r\n'),
        ("append", STRICT, b"A003 APPEND saved-messages (\\Seen) " + literal(FIELDS) + b"\r\n"
                           b'A004 APPEND INBOX (\\Seen $Forwarded) "7-Feb-1994 21:52:25 -0800" {5}\r\nHello\r\n'),
        ("append-nonsync", STRICT, b"A003 APPEND saved-messages (\\Seen) {%d+}\r\n" % len(FIELDS) + FIELDS + b"\r\n"),
        ("append-binary", STRICT, b"A5 APPEND INBOX ~{5}\r\nab\x00cd\r\nA6 APPEND INBOX ~{2+}\r\n\x00\x01\r\n"),
        ("search", STRICT, b"A282 SEARCH RETURN (MIN COUNT) FLAGGED\r\nA285 SEARCH CHARSET UTF-8 TEXT {12}\r\n"
                           + "отпуск".encode() + b"\r\nP283 SEARCH CHARSET UTF-8 (OR $ 1,3000:3021) TEXT {8+}\r\n"
                           + "мать".encode() + b'\r\nA1 SEARCH NOT (OR FROM "Smith" (TO x)) SINCE 1-Feb-1994 LARGER 4096\r\n'),
        ("fetch", STRICT, b"A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])\r\n"
                          b"A283 FETCH $ (UID INTERNALDATE FLAGS BODY.PEEK[HEADER])\r\na003 fetch 12 full\r\n"
                          b"A1 FETCH 1:*,5 (ENVELOPE RFC822.SIZE BODY BODYSTRUCTURE BODY[] BODY[1.MIME] "
                          b'BODY.PEEK[1.2.TEXT]<0.100> BODY[HEADER.FIELDS.NOT (A "B]")]<5.10> BINARY[1] '
                          b"BINARY.PEEK[1.2]<10.20> BINARY.SIZE[1])\r\n"),
        ("section-literal", STRICT, b"A1 FETCH 1 (BODY[HEADER.FIELDS ({4}\r\nDATE {2+}\r\nTO)]<0.9> UID)\r\n"),
        ("store-copy-move", STRICT, b"A003 STORE 2:4 +FLAGS (\\Deleted)\r\nF284 STORE $ +FLAGS.Silent (\\Deleted)\r\n"
                                    b"a005 store 12 +flags \\deleted\r\nA003 COPY 2:4 MEETING\r\na MOVE 42:69 foo\r\n"
                                    b"A202 EXPUNGE\r\n"),
        ("uid", STRICT, b"A005 UID COPY 305:310 meeting\r\na UID MOVE 42:69 foo\r\nA999 UID FETCH 4827313:4828442 FLAGS\r\n"
                        b"A285 UID SEARCH RETURN (MIN MAX) 1:5000\r\nA003 UID EXPUNGE 3000:3002\r\nn1 uid copy 1:* oldmail\r\n"),
        ("rejected-literal", STRICT, b"A044 BLURDYBLOOP {102856}\r\n"),
        ("literal-2-to-63", STRICT, b"A1 APPEND INBOX {9223372036854775808}\r\n"),
        ("spaces", LENIENT, b"A1  LOGIN a  b \r\nA2 X ( a )(b)\"c\"\r\n\r\nA3 NOOP\n"),
        ("bad-chars", LENIENT, b'A+1 SELECT caf\xc3\xa9\r\nA2 LOGIN "a\\b" "x\x00y"\r\nA3 FETCH 99999999999999999999 BODY[]<5>\r\n'),
        ("not-done", LENIENT | 0x20, b"A1 IDLE\r\nA2 NOOP\r\nA3 NOOP\r\n"),
        ("nonsync-too-large", 4, b"A1 APPEND x {9+}\r\n123456789\r\nA2 LOGIN {3}\r\nabc {2}\r\nde\r\n"),
        ("tiny-limits", 4, b"A1 X ((a)) (b c d e f g h)\r\nA2 APPEND x {17}\r\n"),
    ],
    "base64": [
        ("rfc4648-vectors", STRICT, b"Zm9vYmFy"),
        ("rfc4648-pad1", STRICT, b"Zm9vYmE="),
        ("rfc4648-pad2", STRICT, b"Zm9vYg=="),
        ("plain", STRICT, b"AHRpbQB0YW5zdGFhZnRhbnN0YWFm"),
        ("mime-lines", 75 << 1, b"TWFueSBoYW5kcyBtYWtlIGxpZ2h0IHdvcmsuTWFueSBoYW5kcyBtYWtlIGxpZ2h0IHdvcmsuTWFu\r\n"
                                b"eSBoYW5kcyBtYWtlIGxpZ2h0IHdvcmsu\r\n"),
        ("missing-padding", LENIENT, b"Zm9vYg"),
        ("whitespace", LENIENT, b"Zm9v\r\n YmFy\t"),
        ("bad-chars", LENIENT, b"Zm9v*YmFy!"),
        ("after-padding", LENIENT, b"Zg==Zg=="),
        ("long-line", STRICT, b"QUFB" * 20),
    ],
    "quoted_printable": [
        ("rfc2045", STRICT, b"Now's the time =\r\nfor all folk to come=\r\n to the aid of their country."),
        ("escapes", STRICT, b"caf=C3=A9 =3D 100%\r\n"),
        ("binary", 2, b"=00=0D=0A=FF"),
        ("soft-break-padding", STRICT, b"a= \t\r\nb"),
        ("lower-hex", LENIENT, b"caf=c3=a9"),
        ("bad-equals", LENIENT, b"=4 =xy =\r"),
        ("bare-lf", LENIENT, b"a\nb\rc"),
        ("trailing-space", LENIENT, b"a \t\r\nb  "),
        ("long-line", LENIENT, b"x" * 80 + b"\r\n"),
        ("equals-at-end", LENIENT, b"abc="),
    ],
}


def crlf(text):
    return text.replace(b"\n", b"\r\n")


# The mime_parser target: options bit 0 keep octets (round trip), bit 1 structure only, bit 2 tiny limits.
KEEP, STRUCTURE, TINY = 1, 2, 4
MULTIPART = crlf(b"From: Nathaniel Borenstein <nsb@bellcore.com>\nSubject: Sample message\n"
                 b"Content-type: multipart/mixed; boundary=\"simple boundary\"\n\nThis is the preamble.\n\n"
                 b"--simple boundary\n\nimplicitly typed\n--simple boundary\nContent-type: text/plain; charset=us-ascii\n\n"
                 b"explicitly typed\n\n--simple boundary--\n\nThis is the epilogue.\n")
MIME_SEEDS = [
    ("rfc2046-5.1.1", KEEP, MULTIPART),
    ("rfc2046-5.1.1-structure", STRUCTURE, MULTIPART),
    ("rfc2046-digest", KEEP, crlf(
        b"Content-Type: multipart/mixed; boundary=\"---- main boundary ----\"\n\n------ main boundary ----\n\nintro\n"
        b"------ main boundary ----\nContent-Type: multipart/digest; boundary=\"---- next message ----\"\n\n"
        b"------ next message ----\n\nFrom: someone-else\nSubject: my opinion\n\nbody\n"
        b"------ next message ------\n\n------ main boundary ------\n")),
    ("rfc2049-nested", 0, crlf(
        b"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=unique-boundary-1\n\npreamble\n--unique-boundary-1\n"
        b"Content-Type: multipart/parallel; boundary=unique-boundary-2\n\n--unique-boundary-2\n"
        b"Content-Type: audio/basic\nContent-Transfer-Encoding: base64\n\nZm9vYmFy\n--unique-boundary-2--\n\n"
        b"--unique-boundary-1\nContent-Type: message/rfc822\n\nSubject: (subject in US-ASCII)\n"
        b"Content-Type: Text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: Quoted-printable\n\n"
        b"Now's the time =\nfor all folk =E9\n--unique-boundary-1--\n")),
    ("headers-2047-2231", KEEP, crlf(
        b"From: =?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>\nTo: A Group:Ed Jones <c@a.test>,joe@where.test;\n"
        b"Cc: Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>, <@node.test:mary@example.net>, ,\n"
        b"Subject: =?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?=\n =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=\n"
        b"Content-Type: application/x-stuff;\n title*0*=us-ascii'en'This%20is%20even%20more%20;\n"
        b" title*1*=%2A%2A%2Afun%2A%2A%2A%20;\n title*2=\"isn't it!\"\n"
        b"Content-Disposition: attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf\n\nbody\n")),
    ("bare-lf", KEEP, b"Content-Type: multipart/mixed; boundary=b\n\npre\n--b\n\nx\n--b--\nepi\n"),
    ("missing-close", 0, crlf(b"Content-Type: multipart/mixed; boundary=b\n\n--b\n\nlast part\n")),
    ("near-miss", KEEP, crlf(b"Content-Type: multipart/mixed; boundary=b\n\n--b\n\n--bx\n--b y\n--b-- \t\n--b\n")),
    ("broken-header", KEEP, crlf(b"From alice Mon Jan  1 00:00:00 2024\n folded\nFrom  : x@y.test\nno colon here\n\nbody")),
    ("outer-ends-inner", KEEP, crlf(
        b"Content-Type: multipart/mixed; boundary=abc\n\n--abc\nContent-Type: multipart/mixed; boundary=ab\n\n"
        b"--ab\n\nx\n--abc\nContent-Type: message/rfc822\n\nSubject: inner\n\n--abc--")),
    ("tiny-limits-depth", KEEP | TINY, crlf(b"".join(
        b"Content-Type: multipart/mixed; boundary=b%d\n\n--b%d\n" % (i, i) for i in range(8)) + b"\nleaf\n")),
    ("tiny-limits-parts", KEEP | TINY, crlf(b"Content-Type: multipart/mixed; boundary=b\n\n" + b"--b\n\nx\n" * 12 + b"--b--\n")),
    ("long-header-line", KEEP | TINY, b"X-Long: " + b"x" * 300 + b"\r\nSubject: s\r\n\r\nbody"),
]
MIME_SEEDS += [("data-" + path.stem, KEEP, path.read_bytes())
               for path in sorted((ROOT / "tests" / "codec" / "mime_data").glob("*.eml"))]
STREAMS["mime_parser"] = MIME_SEEDS

# The sasl target: one octet (client nonce length), then the decoded message.
SASL = [
    ("plain-rfc4616", 0, b"\x00tim\x00tanstaaftanstaaf"),
    ("plain-authzid", 0, b"Ursel\x00Kurt\x00xipj3plmq"),
    ("plain-empty", 0, b"\x00\x00pw"),
    ("cram-rfc2195", 0, b"<1896.697170952@postoffice.reston.mci.net>"),
    ("scram-sha1-first", 24, b"r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096"),
    ("scram-sha256-first", 24, b"r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"),
    ("scram-extension", 2, b"r=abcd,s=QSXCR+Q6sek8bf92,i=1,x=ext"),
    ("scram-mandatory", 0, b"m=ext,r=abc,s=QQ==,i=1"),
    ("scram-sha1-final", 0, b"v=rmF9pqV8S7suAoZWja4dJRkFsKQ="),
    ("scram-sha256-final", 0, b"v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="),
    ("scram-error", 0, b"e=invalid-proof,x=y"),
    ("cram-response-rfc2195", 0, b"tim b913a602c7eda7a495b4e6e7334d3890"),
    ("cram-response-upper", 1, b"tim B913A602C7EDA7A495B4E6E7334D3890"),
    ("scram-client-first", 0, b"n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL"),
    ("scram-client-first-authzid", 0, b"y,a=ad=3Dmin,n=us=2Cer,r=abc,x=ext"),
    ("scram-client-first-cbind", 0, b"p=tls-server-end-point,,n=user,r=abc"),
    ("scram-client-final", 0, b"c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="),
    ("scram-client-final-ext", 0, b"c=eSws,r=abc,x=1,p=AAAA"),
]

SCRIPT = [
    ("syntax", b'case smtp.x.y\ntitle "t"\nrfc 5321 4.1.1 MUST\ntags a b\nrequires ext SIZE\ntimeout 2s\nconnect\n'
               b'expect reply 220|2xx text /ESMTP/i within 500ms\nsend "EHLO a" + "x" * 3 + "\\r\\n\\x41"\n'
               b'capture v /250-(\\S+)/\nexpect MUST reply 25x enhanced\nsleep 10ms\nclose\nend\n'),
    ("pop3", b'suite pop3\ncase pop3.a\ntitle "t"\nrfc 1939 3 SHOULD\nconnect\nexpect ok multiline\n'
             b'command "LIST"\nexpect body /^1 /\napop user "u" password "p"\nexpect err code IN-USE\nend\n'),
    ("imap", b'suite imap\ncase imap.a\ntitle "t"\nrfc 9051 7.1 MAY\nserial\nconnect c2\nuse c2\n'
             b'send-raw "a LOGIN x y\\r\\n"\nexpect tagged OK|NO code AUTHENTICATIONFAILED\n'
             b'expect untagged EXISTS 3 /x/\nauth SCRAM-SHA-256 user "u" password "p" no-ir\nend\n'),
    ("errors", b'case smtp.e\nbogus\nsend "unterminated\nsend "\\q"\nexpect reply 999\nexpect line /(/\n'
               b'sleep forever\nsend "x" * 99999999999\nend\ncase\nend\nsuite\n'),
]

# The serve_session target: [protocol] [case] then the client's octets (fuzz/serve_session_fuzzer.cpp).
# Each seed names its case by id; its index is looked up in suites/<suite>/ (file order), so regenerate
# the seeds when cases are added before it.
SESSION_SUITES = ["smtp-client", "pop3-client", "imap-client"]
SMTP_MAIL = (b"MAIL FROM:<alice@example.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n"
             b"From: alice@example.test\r\nSubject: hello\r\n\r\nHello Bob,\r\n..a dot\r\n.\r\n")
POP3_LOGIN = b"USER alice\r\nPASS alice-password\r\n"
IMAP_REST = b"a3 SELECT INBOX\r\na4 FETCH 1 (FLAGS RFC822.SIZE)\r\na5 LOGOUT\r\n"
SESSIONS = [
    ("smtp-quit-last", "smtp-client", "smtp-client.rfc5321.4.1.4.quit-last",
     b"EHLO client.example.test\r\n" + SMTP_MAIL + b"QUIT\r\n"),
    ("smtp-ehlo-first", "smtp-client", "smtp-client.rfc5321.4.1.1.1.ehlo-first",
     b"EHLO client.example.test\r\n" + SMTP_MAIL + b"QUIT\r\n"),
    ("smtp-helo", "smtp-client", "smtp-client.rfc5321.4.1.1.1.ehlo-first",
     b"HELO client.example.test\r\n" + SMTP_MAIL + b"QUIT\r\n"),
    ("smtp-pipelined", "smtp-client", "smtp-client.rfc5321.4.1.4.quit-last",
     b"EHLO c\r\nMAIL FROM:<a@b.test> SIZE=120 BODY=8BITMIME\r\nRCPT TO:<c@d.test> NOTIFY=NEVER\r\nDATA\r\n"
     b"x\r\n.\r\nRSET\r\nNOOP\r\nQUIT\r\n"),
    ("smtp-auth", "smtp-client", "smtp-client.rfc5321.4.1.4.quit-last",
     b"EHLO c\r\nAUTH PLAIN AGFsaWNlAGFsaWNlLXBhc3N3b3Jk\r\n" + SMTP_MAIL + b"QUIT\r\n"),
    ("smtp-bare-lf", "smtp-client", "smtp-client.rfc5321.4.1.4.quit-last",
     b"EHLO c\nMAIL FROM:<a@b.test>\r\nRCPT TO:<c@d.test>\r\nDATA\r\nx\n.\nMAIL FROM:<e@f.test>\r\n.\r\nQUIT\r\n"),
    ("smtp-nul-long", "smtp-client", "smtp-client.rfc5321.4.1.4.quit-last",
     b"EHLO c\x00d\r\nMAIL FROM:<" + b"a" * 600 + b"@b.test>\r\nQUIT\r\n"),
    ("smtp-bdat", "smtp-client", "smtp-client.rfc5321.4.1.4.quit-last",
     b"EHLO c\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<c@d.test>\r\nBDAT 5\r\nHelloBDAT 0 LAST\r\nQUIT\r\n"),
    ("smtp-starttls", "smtp-client", "smtp-client.rfc3207.4.2.ehlo-after-starttls",
     b"EHLO c\r\nSTARTTLS\r\n\x16\x03\x01\x00\x05\x01\x00\x00\x01\x00"),
    ("pop3-session", "pop3-client", "pop3-client.rfc1939.3.commands-are-crlf-lines",
     POP3_LOGIN + b"STAT\r\nRETR 1\r\nQUIT\r\n"),
    ("pop3-capa", "pop3-client", "pop3-client.rfc1939.3.commands-are-crlf-lines",
     b"CAPA\r\n" + POP3_LOGIN + b"STAT\r\nRETR 1\r\nQUIT\r\n"),
    ("pop3-bare-lf", "pop3-client", "pop3-client.rfc1939.3.commands-are-crlf-lines",
     b"USER alice\nPASS alice-password\r\nSTAT\r\nRETR 1\r\nQUIT\r"),
    ("pop3-auth", "pop3-client", "pop3-client.rfc1939.3.commands-are-crlf-lines",
     b"CAPA\r\nAUTH PLAIN AGFsaWNlAGFsaWNlLXBhc3N3b3Jk\r\nUSER alice\r\nPASS x\r\nQUIT\r\n"),
    ("imap-session", "imap-client", "imap-client.rfc9051.6.2.3.login-select-fetch",
     b"a1 CAPABILITY\r\na2 LOGIN alice alice-password\r\n" + IMAP_REST),
    ("imap-literals", "imap-client", "imap-client.rfc9051.6.2.3.login-select-fetch",
     b"a2 LOGIN {5}\r\nalice {14+}\r\nalice-password\r\na3 SELECT {5}\r\nINBOX\r\n"
     b"a4 UID FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (FROM)])\r\na5 LOGOUT\r\n"),
    ("imap-literal8", "imap-client", "imap-client.rfc9051.6.2.3.login-select-fetch",
     b"a2 LOGIN alice \"alice-password\"\r\na3 APPEND INBOX ~{4}\r\na\x00b\r\n" + IMAP_REST),
    ("imap-authenticate", "imap-client", "imap-client.rfc9051.6.2.3.login-select-fetch",
     b"a1 AUTHENTICATE PLAIN AGFsaWNlAGFsaWNlLXBhc3N3b3Jk\r\na2 LOGIN alice x\r\n" + IMAP_REST),
]


def session_cases(suite):
    """The case ids of suites/<suite>/ in the order the registry loads them."""
    ids = []
    for path in sorted((ROOT / "suites" / suite).glob("*.mspec")):
        ids += re.findall(rb"^case (\S+)", path.read_bytes(), re.M)
    return [i.decode() for i in ids]


def header(options, body):
    return bytes([options, hashlib.sha1(body).digest()[0]])


def suite_cases():
    """(case id, text): each case of suites/*/*.mspec, with a suite line for non-SMTP suites."""
    for path in sorted((ROOT / "suites").glob("*/*.mspec")):
        prefix = b"" if path.parent.name == "smtp" else b"suite " + path.parent.name.encode() + b"\n"
        for block in re.split(rb"\n(?=case )", path.read_bytes()):
            if not block.startswith(b"case "):
                continue
            text = prefix + block.split(b"\nend\n")[0] + b"\nend\n"
            case_id = block.split(None, 2)[1].decode("ascii", "replace")
            if len(text) <= 4096 and re.fullmatch(r"[A-Za-z0-9._-]+", case_id):
                yield case_id, text


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=pathlib.Path, default=ROOT / "corpus")
    parser.add_argument("--max-script", type=int, default=150, help="cases of suites/ to keep (default 150)")
    args = parser.parse_args()

    def write(target, name, data):
        directory = args.corpus / target
        directory.mkdir(parents=True, exist_ok=True)
        (directory / name).write_bytes(data)

    for target, examples in STREAMS.items():
        for name, options, body in examples:
            write(target, "ex-" + name, header(options, body) + body)
    for name, nonce, body in SASL:
        write("sasl", "ex-" + name, bytes([nonce]) + body)
    for name, text in SCRIPT:
        write("script", "ex-" + name, text)
    for name, suite, case_id, body in SESSIONS:
        ids = session_cases(suite)
        if case_id in ids:
            write("serve_session", "ex-" + name, bytes([SESSION_SUITES.index(suite), ids.index(case_id)]) + body)
        else:
            print(f"seeds_examples: {case_id} is not in suites/{suite}: no seed ex-{name}")
    for stale in (args.corpus / "script").glob("suite-*"):
        stale.unlink()
    # A stable sample: the cases whose ids hash lowest, so that new cases in suites/ displace few seeds.
    cases = sorted(suite_cases(), key=lambda c: hashlib.sha1(c[0].encode()).digest())
    for case_id, text in cases[:args.max_script]:
        write("script", "suite-" + case_id, text)

if __name__ == "__main__":
    main()
