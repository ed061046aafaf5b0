#include "cli/mime_cmd.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "codec/common/observation.hpp"
#include "codec/mime/charset.hpp"
#include "codec/mime/tree.hpp"
#include "script/mime_tree_json.hpp"

namespace mailspec::cli {
namespace {

namespace mm = codec::mime;

constexpr std::size_t chunk = 64 * 1024;

/// Streams the file through the parser (never the whole file in memory); nullopt if it cannot be read.
std::optional<mm::tree> parse_file(std::string const& path, bool decode) {
  mm::build_options o;
  o.decode = decode;
  mm::parser p(o);
  std::error_code ec;
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) return std::nullopt;
    in = &file;
  }
  std::string buf(chunk, '\0');
  while (*in) {
    in->read(buf.data(), static_cast<std::streamsize>(buf.size()));
    p.put(std::string_view(buf.data(), static_cast<std::size_t>(in->gcount())), ec);
  }
  if (in->bad()) return std::nullopt;
  p.put_eof(ec);
  return p.take();
}

std::string shown(std::string_view s) { return mm::repair_utf8(s); }

std::string address_text(mm::address const& a) {
  std::string s = a.name ? "\"" + shown(*a.name) + "\" " : "";
  return s + "<" + shown(a.mailbox) + (a.host ? "@" + shown(*a.host) : "") + ">";
}

std::string addresses_text(mm::address_list const& list) {
  std::string out;
  for (auto const& e : list) {
    if (!out.empty()) out += ", ";
    if (auto const* a = std::get_if<mm::address>(&e)) {
      out += address_text(*a);
      continue;
    }
    auto const& g = std::get<mm::address_group>(e);
    out += "\"" + shown(g.name) + "\": ";
    for (std::size_t i = 0; i < g.members.size(); ++i) out += (i ? ", " : "") + address_text(g.members[i]);
    out += ";";
  }
  return out;
}

void envelope_text(mm::envelope const& e, std::string const& pad, std::ostream& out) {
  auto const line = [&](char const* name, std::optional<std::string> const& v) {
    if (v) out << pad << name << ": " << shown(*v) << "\n";
  };
  auto const list = [&](char const* name, std::optional<mm::address_list> const& v) {
    if (v) out << pad << name << ": " << addresses_text(*v) << "\n";
  };
  line("subject", e.subject);
  line("date", e.date);
  line("message-id", e.message_id);
  line("in-reply-to", e.in_reply_to);
  list("from", e.from);
  list("sender", e.sender);
  list("reply-to", e.reply_to);
  list("to", e.to);
  list("cc", e.cc);
  list("bcc", e.bcc);
}

std::string figures(mm::part const& p) {
  std::string s = fmt::format("header {}, body {}", p.header_octets, p.body_octets);
  if (p.body_lines) s += fmt::format(", {} line{}", *p.body_lines, *p.body_lines == 1 ? "" : "s");
  if (p.kind == mm::entity_kind::multipart) {
    s += fmt::format(", preamble {}, epilogue {}{}", p.preamble_octets, p.epilogue_octets, p.closed ? "" : ", not closed");
  }
  if (p.decoded_octets) s += fmt::format(", decoded {} sha256 {}", *p.decoded_octets, *p.decoded_sha256);
  return s;
}

void part_text(mm::part const& p, int depth, std::ostream& out) {
  std::string const pad(static_cast<std::size_t>(depth) * 2, ' ');
  out << pad << (p.section ? *p.section : std::string("(root)")) << "  " << shown(p.type) << "/" << shown(p.subtype)
      << (p.type_defaulted ? " (default)" : "");
  for (auto const& x : p.params) out << "; " << shown(x.name) << "=\"" << shown(x.value) << "\"";
  out << "  " << p.encoding << "\n" << pad << "    " << figures(p) << "\n";
  if (p.disposition) out << pad << "    disposition: " << shown(p.disposition->type) << "\n";
  if (p.filename) out << pad << "    filename: " << shown(*p.filename) << "\n";
  if (p.description) out << pad << "    description: " << shown(*p.description) << "\n";
  if (p.id) out << pad << "    id: " << shown(*p.id) << "\n";
  if (p.envelope) envelope_text(*p.envelope, pad + "    ", out);
  for (auto const& d : p.defects) {
    out << pad << "    defect " << d.code << " at octet " << d.offset << (d.detail.empty() ? "" : ": " + shown(d.detail)) << "\n";
  }
  for (auto const& c : p.parts) part_text(c, depth + 1, out);
}

}  // namespace

mime_command::mime_command(CLI::App& app, std::string version) : version_(std::move(version)) {
  mime_ = app.add_subcommand("mime", "Read MIME messages with mailspec's parser, judge another reader over the corpus "
                                     "(--exec), or compare readers (diff); suites/mime/README.md");
  mime_->require_subcommand(0, 1);
  mime_->footer("mailspec mime --exec CMD [PATH...]: runs CMD once per message (the message on stdin; with --batch once,\n"
                "file paths on stdin, one JSON tree per line back), judges each tree against the message's\n"
                "NAME.expected.json, and reports as 'mailspec run' does (case ids mime.message.NAME).\n"
                "Exit codes: as for 'mailspec run' with --exec (0, 1 a verdict of --fail-on or worse than --baseline,\n"
                "2 usage); show: 0 every message was read (defects do not change it), 2 a file that cannot be read;\n"
                "diff: 0 the readers agree, 1 they disagree or one gave no tree, 2 usage.");
  auto& e = exec_args_;
  mime_->add_option("--exec", e.command, "Judge this command's MIME reader over the corpus: run by /bin/sh -c, it reads a message "
                                         "on stdin and prints its tree in the JSON form mailspec-mime-1");
  mime_->add_flag("--batch", e.batch, "With --exec: start the command once; send it file paths, one per line, and read one "
                                      "tree per line (NDJSON, each with \"file\")");
  mime_->add_option("paths", e.paths, "With --exec: messages (*.eml) or directories of them (default: the mime suite's corpus, "
                                      "suites/mime/messages, each message beside its NAME.expected.json)");
  mime_->add_option("--case", e.cases, "With --exec: only ids starting with PATTERN or matching a glob (mime.message.rfc2046-*) (repeatable)");
  mime_->add_option("--timeout", e.timeout, "With --exec: seconds one message may take (default 10); a command that takes longer is killed and the case is an error")
      ->check(CLI::PositiveNumber);
  mime_->add_option("--fail-on", e.fail_on, "With --exec: the verdicts that make the exit code 1 (default fail,error)");
  mime_->add_option("--baseline", e.baseline, "With --exec: exit 1 only for a verdict worse than this baseline's (a JSON report or a TSV of id, verdict, why)")
      ->check(CLI::ExistingFile);
  mime_->add_option("--suites-dir", e.suites_dir, "Where the suites are (the corpus is DIR/mime/messages; default as for run)");
  mime_->add_option("--report-json", e.reports.json, "With --exec: write the JSON report (mode reader-test) to this file (atomically)");
  mime_->add_option("--report-junit", e.reports.junit, "With --exec: write a JUnit XML report to this file (atomically)");
  mime_->add_option("--report-html", e.reports.html, "With --exec: write a self-contained HTML report to this file (atomically)");
  mime_->add_option("--report-ndjson", e.reports.ndjson, "With --exec: stream one JSON line per finished case to this file");
  mime_->add_flag("--no-color", e.no_color, "With --exec: no colours");
  mime_->add_flag("-v,--verbose", e.verbose, "With --exec: list skip and info verdicts too");
  mime_->add_flag("-q,--quiet", e.quiet, "With --exec: print only the summary");
  show_ = mime_->add_subcommand("show", "Print the parser's tree of each message: parts, IMAP section numbers, types, "
                                        "parameters, sizes, lines, decoded sizes and SHA-256, subject and addresses");
  show_->add_option("files", show_args_.files, "Message files (as on the wire, CRLF line ends); - reads standard input")
      ->required();
  show_->add_flag("--json", show_args_.json,
                  "Print the JSON form mailspec-mime-1 (one pretty object; with several files, one object per line, each with \"file\")");
  show_->add_flag("--no-decode", show_args_.no_decode, "Structure only: leave out decoded sizes and SHA-256 (faster)");
  show_->footer("Exit codes: 0 every message was read (defects do not change it); 2 a bad flag or a file that cannot be read.");

  auto& d = diff_args_;
  diff_ = mime_->add_subcommand("diff", "Run several readers over messages and print, message by message, each field on which "
                                        "they disagree, one column per reader");
  diff_->add_option("--reader", d.readers, "A reader (at least two; repeatable): mailspec (the built-in parser), exec:CMD (CMD per "
                                           "message, the message on stdin), batch:CMD (CMD once, paths on stdin), trees:DIR "
                                           "(saved trees DIR/NAME.json, e.g. from the mime suite against an IMAP server)")
      ->required();
  diff_->add_option("paths", d.paths, "Messages (*.eml) or directories of them (default: the mime suite's corpus)");
  diff_->add_option("--timeout", d.timeout, "Seconds one reader may take over one message (default 10)")->check(CLI::PositiveNumber);
  diff_->add_flag("--json", d.json, "Print the differences as one JSON object (readers, messages with their fields, summary)");
  diff_->add_flag("--all", d.all, "Also list fields only some readers report (not a disagreement)");
  diff_->add_option("--suites-dir", d.suites_dir, "Where the suites are (the corpus is DIR/mime/messages)");
  diff_->footer("Exit codes: 0 the readers agree on every field they all report; 1 they disagree, or one gave no tree; 2 usage.");
}

bool mime_command::selected() const { return mime_ && mime_->parsed(); }

int mime_command::run() const {
  if (diff_->parsed()) return cmd_mime_diff(diff_args_, version_);
  if (show_->parsed()) {
    if (!exec_args_.command.empty()) {
      std::cerr << "mailspec: mime show takes no --exec\n";
      return 2;
    }
    return show();
  }
  if (exec_args_.command.empty()) {
    std::cerr << "mailspec: mime: give a subcommand (show, diff) or --exec CMD (see mailspec mime --help)\n";
    return 2;
  }
  return cmd_mime_exec(exec_args_, version_.c_str());
}

int mime_command::show() const {
  auto const& a = show_args_;
  int status = 0;
  for (auto const& file : a.files) {
    auto const t = parse_file(file, !a.no_decode);
    if (!t) {
      std::cerr << "mailspec: " << file << ": cannot read the file\n";
      status = 2;
      continue;
    }
    if (a.json) {
      auto j = script::mime_tree_json(*t, "mailspec " + version_);
      if (a.files.size() > 1) {
        j["file"] = file;
        std::cout << j.dump() << "\n";
      } else {
        std::cout << j.dump(2) << "\n";
      }
      continue;
    }
    std::cout << file << ": " << t->octets << " octets\n";
    part_text(t->root, 1, std::cout);
  }
  return status;
}

}  // namespace mailspec::cli
