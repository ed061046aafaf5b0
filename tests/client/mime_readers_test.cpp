// The MIME readers a corpus run uses: commands bounded in time and output, the batch protocol, saved
// trees; and the judging of one message against its expected file.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "client/mime_check.hpp"
#include "client/mime_readers.hpp"

namespace fs = std::filesystem;
namespace mime = mailspec::client::mime;
using mailspec::script::verdict;
using namespace std::chrono_literals;

namespace {

class MimeReaders : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("mailspec-mime-readers-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    write("a.eml", "Subject: x\r\n\r\nbody\r\n");
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(std::string const& name, std::string const& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return (dir_ / name).string();
  }
  std::string path(std::string const& name) const { return (dir_ / name).string(); }
  static std::unique_ptr<mime::reader> exec(std::string cmd, bool batch = false, std::chrono::milliseconds t = 5000ms,
                                            std::size_t max = 1 << 20) {
    mime::exec_options o;
    o.command = std::move(cmd);
    o.batch = batch;
    o.timeout = t;
    o.max_output = max;
    return mime::make_exec_reader(o);
  }
  fs::path dir_;
};

constexpr char const* tree = R"({"format":"mailspec-mime-1","message":{"subject":"x","root":{"type":"text","subtype":"plain"}}})";

}  // namespace

TEST_F(MimeReaders, ExecGetsTheMessageOnStdinAndReadsTheTree) {
  // The command proves it got the message: it prints the tree only when stdin holds the subject.
  auto r = exec(std::string("grep -q '^Subject: x' && printf '%s' '") + tree + "'");
  auto t = r->read(path("a.eml"));
  ASSERT_TRUE(t.tree) << t.error;
  EXPECT_EQ((*t.tree)["message"]["subject"], "x");
}

TEST_F(MimeReaders, ExecThatHangsEndsWithinTheTimeout) {
  auto r = exec("sleep 30", false, 300ms);
  auto const t0 = std::chrono::steady_clock::now();
  auto t = r->read(path("a.eml"));
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 3s);
  EXPECT_FALSE(t.tree);
  EXPECT_NE(t.error.find("gave no answer within the timeout"), std::string::npos) << t.error;
}

TEST_F(MimeReaders, ExecThatFloodsIsCutAtTheBound) {
  auto r = exec("yes", false, 5000ms, 1 << 16);
  auto t = r->read(path("a.eml"));
  EXPECT_FALSE(t.tree);
  EXPECT_NE(t.error.find("printed more than 65536 octets"), std::string::npos) << t.error;
}

TEST_F(MimeReaders, ExecThatFailsSaysHowAndQuotesItsStderr) {
  auto r = exec(std::string("printf '%s' '") + tree + "'; echo 'no such charset' >&2; exit 3");
  auto t = r->read(path("a.eml"));
  EXPECT_FALSE(t.tree);
  EXPECT_NE(t.error.find("exited with status 3"), std::string::npos) << t.error;
  EXPECT_NE(t.error.find("no such charset"), std::string::npos) << t.error;
}

TEST_F(MimeReaders, OutputThatIsNotATreeIsAnError) {
  EXPECT_NE(exec("cat")->read(path("a.eml")).error.find("not JSON"), std::string::npos);
  EXPECT_NE(exec("echo '{\"format\":\"x\"}'")->read(path("a.eml")).error.find("mailspec-mime-1"), std::string::npos);
  EXPECT_NE(exec("echo '{\"format\":\"mailspec-mime-1\"}'")->read(path("a.eml")).error.find("message"), std::string::npos);
  EXPECT_EQ(exec("echo '{\"format\":\"mailspec-mime-1\",\"error\":\"bad stream\"}'")->read(path("a.eml")).error,
            "the reader could not read it: bad stream");
}

TEST_F(MimeReaders, ExecThatStopsReadingItsInputDoesNotEndTheHarness) {
  // A large message and a command that reads none of it: the write fails (EPIPE), the answer decides.
  write("big.eml", std::string(4 << 20, 'x'));
  auto t = exec(std::string("printf '%s' '") + tree + "'")->read(path("big.eml"));
  EXPECT_TRUE(t.tree) << t.error;
}

TEST_F(MimeReaders, BatchOneProcessForManyMessages) {
  // Each answer carries the process id: one process answers both.
  auto r = exec("while read p; do printf '{\"format\":\"mailspec-mime-1\",\"file\":\"%s\",\"message\":{\"pid\":%s}}\\n' \"$p\" $$; done",
                true);
  write("b.eml", "x");
  auto t1 = r->read(path("a.eml"));
  auto t2 = r->read(path("b.eml"));
  ASSERT_TRUE(t1.tree) << t1.error;
  ASSERT_TRUE(t2.tree) << t2.error;
  EXPECT_EQ((*t1.tree)["file"], path("a.eml"));
  EXPECT_EQ((*t2.tree)["file"], path("b.eml"));
  EXPECT_EQ((*t1.tree)["message"]["pid"], (*t2.tree)["message"]["pid"]);
}

TEST_F(MimeReaders, BatchRestartsAfterAFailure) {
  // The process dies on the first path, so the second message gets a fresh one.
  write("b.eml", "x");
  std::string const marker = path("started");
  auto r = exec("if [ -e " + marker + " ]; then while read p; do printf '{\"format\":\"mailspec-mime-1\",\"file\":\"%s\",\"message\":{}}\\n' \"$p\"; done; else touch " +
                    marker + "; read p; exit 1; fi",
                true);
  auto t1 = r->read(path("a.eml"));
  EXPECT_FALSE(t1.tree);
  EXPECT_NE(t1.error.find("closed its output before answering"), std::string::npos) << t1.error;
  auto t2 = r->read(path("b.eml"));
  EXPECT_TRUE(t2.tree) << t2.error;
}

TEST_F(MimeReaders, BatchAnswerForAnotherFileIsAnError) {
  auto r = exec(R"(while read p; do printf '{"format":"mailspec-mime-1","file":"other","message":{}}\n'; done)", true);
  auto t = r->read(path("a.eml"));
  EXPECT_FALSE(t.tree);
  EXPECT_NE(t.error.find("when asked for"), std::string::npos) << t.error;
}

TEST_F(MimeReaders, SavedTreesByStem) {
  fs::create_directories(dir_ / "trees");
  write("trees/a.json", tree);
  auto r = mime::make_saved_reader(path("trees"));
  EXPECT_TRUE(r->read(path("a.eml")).tree);
  EXPECT_NE(r->read(path("missing.eml")).error.find("no saved tree"), std::string::npos);
}

TEST_F(MimeReaders, JudgeGivesTheBasisVerdictAndNamesTheFields) {
  write("a.expected.json", R"({"format":"mailspec-mime-1","basis":"rfc","rfc":["2045 5.2"],"note":"defaults",
    "message":{"root":{"type":"text","params":{"charset":"us-ascii"}}}})");
  auto const tree_with = [](std::string const& charset) {
    return R"(printf '%s' '{"format":"mailspec-mime-1","message":{"root":{"type":"text","params":{"charset":")" + charset +
           R"("}}}}')";
  };
  auto pass = mime::judge(*exec(tree_with("us-ascii")), path("a.eml"));
  EXPECT_EQ(pass.v, verdict::pass) << pass.reason;
  EXPECT_EQ(pass.id, "mime.message.a");
  auto fail = mime::judge(*exec(tree_with("utf-8")), path("a.eml"));
  EXPECT_EQ(fail.v, verdict::fail);
  EXPECT_NE(fail.reason.find("root.params.charset: expected \"us-ascii\", got \"utf-8\""), std::string::npos) << fail.reason;
  ASSERT_TRUE(fail.evidence && fail.evidence->rfc);
  EXPECT_EQ(fail.evidence->rfc->rfc, 2045);

  write("a.expected.json", R"({"format":"mailspec-mime-1","basis":"robust","message":{"root":{"type":"text","params":{"charset":"us-ascii"}}}})");
  EXPECT_EQ(mime::judge(*exec(tree_with("utf-8")), path("a.eml")).v, verdict::warn);
}

TEST_F(MimeReaders, JudgeIsAnErrorWithoutAnExpectedTreeOrATree) {
  auto none = mime::judge(*exec(std::string("printf '%s' '") + tree + "'"), path("a.eml"));
  EXPECT_EQ(none.v, verdict::error);
  EXPECT_NE(none.reason.find("no expected tree"), std::string::npos);
  write("a.expected.json", R"({"format":"mailspec-mime-1","basis":"rfc","message":{}})");
  auto silent = mime::judge(*exec("true"), path("a.eml"));
  EXPECT_EQ(silent.v, verdict::error);
}

TEST_F(MimeReaders, CorpusFilesFindsMessagesSorted) {
  write("b.eml", "x");
  write("notes.txt", "x");
  auto files = mime::corpus_files({dir_.string()});
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(fs::path(files[0]).filename(), "a.eml");
  EXPECT_THROW(mime::corpus_files({path("nowhere")}), std::invalid_argument);
}
