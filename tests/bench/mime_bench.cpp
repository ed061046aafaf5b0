// Throughput of the MIME parser beside GMime 3 on the same generated corpus, in the same run, and the
// peak RSS of a 1 GiB message streamed through the parser (generated on the fly, never on disk).
//
//   mime_bench [Google Benchmark flags]   the four benchmarks below
//   mime_bench --stream-1gib=structure|full   one 1 GiB message in 64 KiB pieces; prints MB/s and peak RSS
//
// "structure": the tree (types, parameters, sections, octets, lines, decoded subject and addresses), bodies
// not decoded. "full": also every leaf's transfer encoding undone and its decoded octets hashed (SHA-256).
// GMime does the same work: g_mime_parser_construct_message on a zero-copy memory stream, then the tree
// walked (structure), or also each leaf's content decoded (g_mime_data_wrapper_write_to_stream) and hashed
// with the same SHA-256, its filename and the subject and addresses read (full). ci/bench/mime-bench.sh
// runs both and prints the table.
#include <benchmark/benchmark.h>
#include <gmime/gmime.h>
#include <sys/resource.h>
#include <time.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "codec/common/sha256.hpp"
#include "codec/mime/tree.hpp"
#include "mime_corpus.hpp"

namespace {

namespace mm = mailspec::codec::mime;
using mailspec::codec::sha256;

constexpr std::size_t corpus_octets = 64u << 20;

std::vector<std::string> const& messages() {
  static auto const c = mailspec::bench::corpus(corpus_octets);
  return c;
}

std::size_t total_octets() {
  std::size_t n = 0;
  for (auto const& m : messages()) n += m.size();
  return n;
}

void mailspec_parse(benchmark::State& state, bool decode) {
  mm::build_options o;
  o.decode = decode;
  for (auto _ : state) {
    for (auto const& m : messages()) {
      auto const t = mm::parse(m, o);
      benchmark::DoNotOptimize(t.octets);
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total_octets()));
}

// GMime: the decoded content of a leaf, hashed like the tree's decoded_sha256.
std::size_t gmime_leaf(GMimePart* part) {
  benchmark::DoNotOptimize(g_mime_part_get_filename(part));
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (!content) return 0;
  GMimeStream* out = g_mime_stream_mem_new();
  g_mime_data_wrapper_write_to_stream(content, out);
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out));
  sha256 h;
  h.update(std::string_view(reinterpret_cast<char const*>(bytes->data), bytes->len));
  auto const d = h.finish();
  benchmark::DoNotOptimize(d);
  std::size_t const n = bytes->len;
  g_object_unref(out);
  return n;
}

void gmime_addresses(InternetAddressList* list) {
  for (int i = 0; list && i < internet_address_list_length(list); ++i) {
    InternetAddress* a = internet_address_list_get_address(list, i);
    benchmark::DoNotOptimize(internet_address_get_name(a));
    if (INTERNET_ADDRESS_IS_MAILBOX(a)) benchmark::DoNotOptimize(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a)));
  }
}

std::size_t gmime_walk(GMimeObject* o, bool decode);

std::size_t gmime_message(GMimeMessage* msg, bool decode) {
  benchmark::DoNotOptimize(g_mime_message_get_subject(msg));
  gmime_addresses(g_mime_message_get_from(msg));
  gmime_addresses(g_mime_message_get_addresses(msg, GMIME_ADDRESS_TYPE_TO));
  gmime_addresses(g_mime_message_get_addresses(msg, GMIME_ADDRESS_TYPE_CC));
  return gmime_walk(g_mime_message_get_mime_part(msg), decode);
}

std::size_t gmime_walk(GMimeObject* o, bool decode) {
  if (!o) return 0;
  benchmark::DoNotOptimize(g_mime_content_type_get_parameter(g_mime_object_get_content_type(o), "charset"));
  if (GMIME_IS_MULTIPART(o)) {
    std::size_t n = 0;
    auto* mp = GMIME_MULTIPART(o);
    for (int i = 0; i < g_mime_multipart_get_count(mp); ++i) n += gmime_walk(g_mime_multipart_get_part(mp, i), decode);
    return n;
  }
  if (GMIME_IS_MESSAGE_PART(o)) {
    GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(o));
    return inner ? gmime_message(inner, decode) : 0;
  }
  if (GMIME_IS_PART(o)) return decode ? gmime_leaf(GMIME_PART(o)) : 1;
  return 0;
}

void gmime_parse(benchmark::State& state, bool decode) {
  for (auto _ : state) {
    for (auto const& m : messages()) {
      // Zero copy: the stream reads the corpus' own buffer (it does not own it).
      GByteArray* array = g_byte_array_new_take(reinterpret_cast<guint8*>(const_cast<char*>(m.data())), m.size());
      GMimeStream* stream = g_mime_stream_mem_new_with_byte_array(array);
      g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(stream), FALSE);
      GMimeParser* parser = g_mime_parser_new_with_stream(stream);
      GMimeMessage* msg = g_mime_parser_construct_message(parser, nullptr);
      if (msg) benchmark::DoNotOptimize(gmime_message(msg, decode));
      if (msg) g_object_unref(msg);
      g_object_unref(parser);
      g_object_unref(stream);
      g_byte_array_free(array, FALSE);
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total_octets()));
}

BENCHMARK_CAPTURE(mailspec_parse, structure, false)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK_CAPTURE(gmime_parse, structure, false)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK_CAPTURE(mailspec_parse, full, true)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK_CAPTURE(gmime_parse, full, true)->Unit(benchmark::kMillisecond)->MinTime(2);

/// A 1 GiB multipart/mixed message made on the fly: blocks of a quoted-printable text part and a 4 MiB
/// base64 attachment, computed once and repeated with fresh delimiters, fed in 64 KiB pieces.
int stream_1gib(bool decode) {
  constexpr std::size_t target = std::size_t{1} << 30, piece = 64 * 1024;
  mailspec::bench::rng r(42);
  std::string const text = mailspec::bench::qp_part(r, "plain", 50000);
  std::string const attachment = mailspec::bench::attachment(r, 4u << 20);
  mm::build_options o;
  o.decode = decode;
  mm::parser p(o);
  std::error_code ec;
  double parsing = 0;  // CPU seconds inside the parser (other processes on the machine do not count)
  auto const cpu = [] {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  };
  std::size_t fed = 0, parts = 0;
  auto const feed = [&](std::string_view s) {
    for (std::size_t at = 0; at < s.size(); at += piece) {
      auto const chunk = s.substr(at, piece);
      double const start = cpu();
      p.put(chunk, ec);
      parsing += cpu() - start;
      fed += chunk.size();
    }
  };
  feed(mailspec::bench::envelope(r, 0) + "Content-Type: multipart/mixed; boundary=\"big\"\r\n\r\n");
  while (fed < target) {
    feed("--big\r\n");
    feed(parts % 2 == 0 ? text : attachment);
    feed("\r\n");
    ++parts;
  }
  feed("--big--\r\n");
  double const start = cpu();
  p.put_eof(ec);
  parsing += cpu() - start;
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("stream-1gib %s: %zu octets, %zu parts, %.1f MB/s, peak RSS %.1f MiB\n", decode ? "full" : "structure",
              fed, p.result().root.parts.size(), fed / parsing / 1e6, ru.ru_maxrss / 1024.0);
  return p.result().root.parts.size() == parts ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::strncmp(argv[1], "--stream-1gib=", 14) == 0) return stream_1gib(std::strcmp(argv[1] + 14, "full") == 0);
  g_mime_init();
  std::printf("corpus: %zu messages, %zu octets; SHA-256 %s\n", messages().size(), total_octets(),
              sha256::hardware() ? "with the CPU's SHA extensions" : "portable");
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  g_mime_shutdown();
  return 0;
}
