// The output discipline (sim/io/output_target.hpp): the lock excludes another process at once and
// is shared within one, the commit never replaces a target without overwrite, targets that are
// not regular files are BadInput, stale temporaries are removed under the lock, and the in-memory
// HDF5 writer leaves nothing behind when the target is refused.
#include "sim/io/output_target.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "sim/output/hdf5_writer.hpp"

namespace {

namespace fs = std::filesystem;

fs::path fresh(const std::string& name) {
    const auto d = fs::path(PUSHPULL_TEST_TMP) / "output_target" / (name + "-" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

void touch(const fs::path& p, const std::string& text = "x") { std::ofstream(p) << text; }

TEST(OutputTarget, AnotherProcessIsLockedOutAtOnceThisOneShares) {
    const auto d = fresh("lock");
    const fs::path target = d / "out.h5";
    auto a = sim::io::claim_output(target, false);
    ASSERT_TRUE(a) << a.error().message();
    EXPECT_TRUE(fs::exists(sim::io::lock_path(target)));
    auto b = sim::io::claim_output(target, false);  // same process: shared
    EXPECT_TRUE(b);
    const pid_t pid = ::fork();
    if (pid == 0) {
        auto c = sim::io::claim_output(target, false);
        std::_Exit(!c && c.error().kind == sim::ErrorKind::Io ? 0 : 1);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "a second process must be refused with Io";
    a->release();
    EXPECT_TRUE(fs::exists(sim::io::lock_path(target))) << "still held by the other share";
    b->release();
    EXPECT_FALSE(fs::exists(sim::io::lock_path(target))) << "the last share removes the lock file";
    // and now another process may take it
    const pid_t pid2 = ::fork();
    if (pid2 == 0) std::_Exit(sim::io::claim_output(target, false) ? 0 : 1);
    ::waitpid(pid2, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

TEST(OutputTarget, CommitNeverReplacesWithoutOverwrite) {
    const auto d = fresh("commit");
    const fs::path target = d / "t.h5";
    touch(d / "tmp1", "new");
    touch(target, "old");
    auto r = sim::io::commit_output(d / "tmp1", target, false);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, sim::ErrorKind::Io);
    std::ifstream in(target);
    std::string s;
    in >> s;
    EXPECT_EQ(s, "old");
    EXPECT_TRUE(sim::io::commit_output(d / "tmp1", target, true));
    std::ifstream in2(target);
    in2 >> s;
    EXPECT_EQ(s, "new");
}

TEST(OutputTarget, NonRegularTargetsAreBadInputEvenWithOverwrite) {
    const auto d = fresh("kinds");
    fs::create_directory(d / "dir");
    fs::create_symlink(d / "nowhere", d / "link");
    ASSERT_EQ(::mkfifo((d / "fifo").c_str(), 0644), 0);
    for (const fs::path& t : {d / "dir", d / "link", d / "fifo", fs::path("/dev/null"), fs::path("-")})
        for (const bool ow : {false, true}) {
            auto r = sim::io::check_output_path(t, ow);
            ASSERT_FALSE(r) << t;
            EXPECT_EQ(r.error().kind, sim::ErrorKind::BadInput) << t;
        }
    touch(d / "file");
    auto exists = sim::io::check_output_path(d / "file", false);
    ASSERT_FALSE(exists);
    EXPECT_EQ(exists.error().kind, sim::ErrorKind::Io);
    EXPECT_TRUE(sim::io::check_output_path(d / "file", true));
    EXPECT_FALSE(sim::io::check_output_path(d / "missing-dir" / "x.h5", false));
}

TEST(OutputTarget, StaleTemporariesAreRemovedWhenTheLockIsTaken) {
    const auto d = fresh("stale");
    touch(d / ".r.h5.tmp-1-0");
    touch(d / ".r.h5.tmp-2-7");
    touch(d / ".r.h5x.tmp-1-0");   // another target's
    touch(d / ".r.h5.part.tmp-1-0");  // the .part target's
    auto lock = sim::io::claim_output(d / "r.h5", false);
    ASSERT_TRUE(lock);
    EXPECT_FALSE(fs::exists(d / ".r.h5.tmp-1-0"));
    EXPECT_FALSE(fs::exists(d / ".r.h5.tmp-2-7"));
    EXPECT_TRUE(fs::exists(d / ".r.h5x.tmp-1-0"));
    EXPECT_TRUE(fs::exists(d / ".r.h5.part.tmp-1-0"));
}

TEST(OutputTarget, HdfWriterRefusesSymlinkAndWritesNothing) {
    const auto d = fresh("writer");
    fs::create_symlink(d / "victim.h5", d / "link.h5");
    sim::out::Group g;
    g.add("x", std::vector<double>{1, 2, 3});
    sim::out::WriteOptions w;
    w.overwrite = true;
    auto r = sim::out::write_hdf5(g, d / "link.h5", w);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, sim::ErrorKind::BadInput);
    EXPECT_FALSE(fs::exists(d / "victim.h5"));
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(d)) n += e.path().filename() != "link.h5";
    EXPECT_EQ(n, 0u);
    // a regular write round-trips through the in-memory image
    ASSERT_TRUE(sim::out::write_hdf5(g, d / "ok.h5"));
    auto back = sim::out::read_hdf5(d / "ok.h5");
    ASSERT_TRUE(back) << back.error().message();
    EXPECT_EQ(std::get<std::vector<double>>(back->datasets.at(0).data), (std::vector<double>{1, 2, 3}));
}

}  // namespace
