// SMTP CHUNKING (RFC 3030 §2): BDAT arguments, and chunks read between command lines. Stream runs go
// through grind(): every split point and one octet at a time must read the same commands and chunks.
#include "codec/smtp/bdat.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "codec/smtp/command.hpp"
#include "grind.hpp"

namespace {

namespace smtp = mailspec::codec::smtp;

TEST(SmtpBdatArgs, SizeAndLast) {
  std::error_code ec;
  EXPECT_EQ(smtp::parse_bdat("86", ec), (smtp::bdat_args{86, false}));
  EXPECT_FALSE(ec);
  EXPECT_EQ(smtp::parse_bdat("0 LAST", ec), (smtp::bdat_args{0, true}));
  EXPECT_EQ(smtp::parse_bdat("007 last", ec), (smtp::bdat_args{7, true}));  // ABNF strings: any case
  EXPECT_EQ(smtp::parse_bdat("9223372036854775807", ec), (smtp::bdat_args{9223372036854775807u, false}));
}

TEST(SmtpBdatArgs, Rejected) {
  for (std::string_view bad : {"", " 5", "5 ", "5  LAST", "5 LAS", "5 LASTX", "5 LAST ", "-1", "+5", "5x", "LAST",
                               "9223372036854775808", "99999999999999999999999", "5\tLAST", "5 FIRST"}) {
    std::error_code ec;
    EXPECT_FALSE(smtp::parse_bdat(bad, ec)) << bad;
    EXPECT_EQ(ec, smtp::error::bad_bdat) << bad;
  }
}

TEST(SmtpBdatArgs, SerializeParsesBack) {
  for (smtp::bdat_args a : {smtp::bdat_args{0, true}, smtp::bdat_args{12, false}, smtp::bdat_args{1u << 20, true}}) {
    std::string const line = smtp::serialize(a);
    ASSERT_TRUE(line.starts_with("BDAT ") && line.ends_with("\r\n"));
    std::error_code ec;
    EXPECT_EQ(smtp::parse_bdat(std::string_view(line).substr(5, line.size() - 7), ec), a);
  }
}

/// Reads commands; after a BDAT command, its chunk. Describes each: "CMD <verb> <args>", "CHUNK <size>
/// [LAST] @<offset>-<end> <content>", then the error, if any.
std::string session(std::vector<std::string_view> const& chunks, std::size_t max_content = 1024) {
  smtp::command_parser commands;
  smtp::bdat_reader reader({.max_content = max_content});
  bool in_chunk = false;
  std::size_t stream = 0;  // octets consumed by either reader
  std::string out;
  std::error_code ec;
  for (std::string_view piece : chunks) {
    while (true) {
      std::size_t const n = in_chunk ? reader.put(piece, ec) : commands.put(piece, ec);
      piece.remove_prefix(n);
      stream += n;
      if (ec == smtp::error::need_more) break;
      if (ec) return out + "ERROR " + ec.message();
      if (in_chunk) {
        auto const c = reader.take();
        out += "CHUNK " + std::to_string(c.size) + (c.last ? " LAST" : "") + " " + c.content + "|";
        in_chunk = false;
        continue;
      }
      auto const cmd = commands.take();
      out += "CMD " + cmd.verb + " " + cmd.args + "|";
      if (cmd.verb != "BDAT") continue;
      auto const args = smtp::parse_bdat(cmd.args, ec);
      if (!args) return out + "ERROR " + ec.message();
      reader.start(*args);
      in_chunk = true;
      if (reader.done()) {  // a 0-octet chunk needs no input
        auto const c = reader.take();
        out += "CHUNK 0" + std::string(c.last ? " LAST" : "") + "|";
        in_chunk = false;
      }
    }
  }
  (in_chunk ? reader.put_eof(ec) : commands.put_eof(ec));
  out += "EOF " + (ec ? ec.message() : std::string("ok")) + " at " + std::to_string(stream);
  return out;
}

TEST(SmtpBdatReader, Rfc3030Example) {
  // RFC 3030 §4.2's pipelined transaction: two chunks, the second one LAST.
  std::string const in = "MAIL FROM:<Sam@Random.com>\r\nRCPT TO:<Susan@Random.com>\r\nBDAT 86\r\n"
                         + std::string(86, 'a') + "BDAT 10 LAST\r\n0123456789QUIT\r\n";
  EXPECT_EQ(mailspec::testing::grind(in, [](auto const& c) { return session(c); }),
            "CMD MAIL FROM:<Sam@Random.com>|CMD RCPT TO:<Susan@Random.com>|CMD BDAT 86|CHUNK 86 " + std::string(86, 'a') +
                "|CMD BDAT 10 LAST|CHUNK 10 LAST 0123456789|CMD QUIT |EOF ok at " + std::to_string(in.size()));
}

TEST(SmtpBdatReader, AnyOctetIsData) {
  // CR, LF, NUL, a lone "." line and what looks like a command are all chunk octets (no transparency).
  std::string const data("a\r\n.\r\n\0QUIT\r\nb\n", 15);
  std::string const in = "BDAT 15 LAST\r\n" + data + "RSET\r\n";
  EXPECT_EQ(mailspec::testing::grind(in, [](auto const& c) { return session(c); }),
            "CMD BDAT 15 LAST|CHUNK 15 LAST " + data + "|CMD RSET |EOF ok at " + std::to_string(in.size()));
}

TEST(SmtpBdatReader, EmptyChunkAndShortInput) {
  EXPECT_EQ(mailspec::testing::grind("BDAT 0 LAST\r\nQUIT\r\n", [](auto const& c) { return session(c); }),
            "CMD BDAT 0 LAST|CHUNK 0 LAST|CMD QUIT |EOF ok at 19");
  // The input ends 3 octets into a 10-octet chunk.
  EXPECT_EQ(mailspec::testing::grind("BDAT 10\r\nabc", [](auto const& c) { return session(c); }),
            "CMD BDAT 10|EOF end of input inside a unit at 12");
}

TEST(SmtpBdatReader, ContentLimitCountsEverything) {
  std::string const in = "BDAT 12\r\n0123456789ab";
  EXPECT_EQ(mailspec::testing::grind(in, [](auto const& c) { return session(c, 5); }), "CMD BDAT 12|CHUNK 12 01234|EOF ok at 21");
  smtp::bdat_reader r({.max_content = 5});
  r.start({12, false});
  std::error_code ec;
  EXPECT_EQ(r.put("0123456789abQUIT", ec), 12u);
  ASSERT_TRUE(r.done());
  auto const c = r.take();
  EXPECT_EQ(c.content, "01234");
  EXPECT_EQ(c.size, 12u);
  EXPECT_EQ(c.offset, 0u);
  EXPECT_EQ(c.end_offset, 12u);
}

TEST(SmtpBdatReader, BadArgumentsAndMisuse) {
  EXPECT_EQ(mailspec::testing::grind("BDAT 5 FIRST\r\nhello", [](auto const& c) { return session(c); }),
            "CMD BDAT 5 FIRST|ERROR bad BDAT arguments");
  smtp::bdat_reader r;
  std::error_code ec;
  EXPECT_EQ(r.put("x", ec), 0u);  // no BDAT command started
  EXPECT_EQ(ec, smtp::error::bad_command);
  r.put_eof(ec);
  EXPECT_FALSE(ec);
  r.start({3, true});
  EXPECT_EQ(r.put("ab", ec), 2u);
  EXPECT_EQ(ec, smtp::error::need_more);
  r.put_eof(ec);
  EXPECT_EQ(ec, smtp::error::unexpected_eof);
  EXPECT_EQ(r.error_offset(), 2u);
  r.reset();
  EXPECT_EQ(r.offset(), 0u);
}

}  // namespace
