// Reliability (issue 13), one test per defect class: racing writers on one output, a full disk,
// output targets that are not files, stale temporaries, damaged and foreign HDF5 files, strict CLI
// values, resource limits, deep TOML and include chains, odd data files, implausible data.
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include <hdf5.h>

#include <array>
#include <random>
#include <set>

#include "tests/integration/cli.hpp"

namespace pushpull::cli {
namespace {

constexpr int kBadInput = 2;
constexpr int kIo = 3;

class Reliability : public ::testing::Test {
protected:
    void SetUp() override { ::setenv("SOURCE_DATE_EPOCH", "0", 1); }
};

bool contains(const std::string& s, const std::string& what) { return s.find(what) != std::string::npos; }

/// Starts `pushpull args...` (logging off, output to files in dir/name.{out,err}) and returns its pid.
pid_t spawn(std::vector<std::string> args, const fs::path& dir, const std::string& name) {
    args.insert(args.begin(), {PUSHPULL_BINARY, "--log-level", "off"});
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    ::posix_spawn_file_actions_init(&fa);
    const std::string out = (dir / (name + ".out")).string(), err = (dir / (name + ".err")).string();
    ::posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = -1;
    if (::posix_spawn(&pid, PUSHPULL_BINARY, &fa, nullptr, argv.data(), environ) != 0) pid = -1;
    ::posix_spawn_file_actions_destroy(&fa);
    return pid;
}

/// Exit code of a spawned process; -signal when it died of one.
int wait_for(pid_t pid) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

/// Every name in `dir` (files and directories) that is not the test's own bookkeeping.
std::set<std::string> names_in(const fs::path& dir) {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        const auto n = e.path().filename().string();
        if (n == "stdout.txt" || n == "stderr.txt" || e.path().extension() == ".toml" || e.path().extension() == ".out" ||
            e.path().extension() == ".err")
            continue;
        out.insert(n);
    }
    return out;
}

std::string ishigami_sweep(int n, const std::string& design = "sobol") {
    std::string s = "[sweep]\nfunction = \"ishigami\"\ndesign = \"" + design + "\"\nsamples = " + std::to_string(n) + "\n";
    for (const char* x : {"x1", "x2", "x3"})
        s += "[[parameter]]\nkey = \"" + std::string(x) + "\"\nrange = [-3.141592653589793, 3.141592653589793]\n";
    return s;
}

// ---- one output discipline -------------------------------------------------------------------

TEST_F(Reliability, TwentyRacingSweepPairsLeaveOneFileIdenticalToACleanRun) {
    const auto dir = fresh_dir("rel-race-sweep");
    const auto sweep = write_file(dir, "s.toml", ishigami_sweep(2048));
    auto clean = run({"sweep", sweep.string(), "-o", (dir / "clean.h5").string(), "--threads", "1"}, dir);
    ASSERT_EQ(clean.exit_code, 0) << clean.err;
    const std::string expected = slurp(dir / "clean.h5");
    int both_ran = 0;
    for (int pair = 0; pair < 20; ++pair) {
        SCOPED_TRACE("pair " + std::to_string(pair));
        const fs::path out = dir / ("race" + std::to_string(pair) + ".h5");
        const std::vector<std::string> args = {"sweep", sweep.string(), "-o", out.string(), "--threads", "1"};
        const pid_t a = spawn(args, dir, "a"), b = spawn(args, dir, "b");
        ASSERT_GT(a, 0);
        ASSERT_GT(b, 0);
        const int ra = wait_for(a), rb = wait_for(b);
        // One writer wins; the other fails with an I/O error (locked, or the output already exists).
        EXPECT_EQ(std::min(ra, rb), 0) << ra << " " << rb;
        EXPECT_EQ(std::max(ra, rb), kIo) << ra << " " << rb;
        both_ran += ra == 0 && rb == 0;
        EXPECT_EQ(slurp(out), expected) << "the surviving file differs from a clean run";
        EXPECT_EQ(names_in(dir).count(out.filename().string() + ".part"), 0u);
        EXPECT_EQ(names_in(dir).count(out.filename().string() + ".journal"), 0u);
    }
    EXPECT_EQ(both_ran, 0);
}

TEST_F(Reliability, EightConcurrentRunsWithoutForceExactlyOneWins) {
    const auto dir = fresh_dir("rel-race-run");
    const fs::path out = dir / "x.h5";
    std::vector<pid_t> pids;
    for (int i = 0; i < 8; ++i)
        pids.push_back(spawn({"run", scenario("test_small.toml").string(), "-o", out.string(), "-q", "--threads", "1"}, dir,
                             "r" + std::to_string(i)));
    int ok = 0, io = 0;
    for (pid_t p : pids) {
        const int rc = wait_for(p);
        ok += rc == 0;
        io += rc == kIo;
    }
    EXPECT_EQ(ok, 1);
    EXPECT_EQ(io, 7);
    EXPECT_EQ(names_in(dir), std::set<std::string>{"x.h5"}) << "no temporary or lock file may be left";
    auto tree = sim::out::read_hdf5(out);
    EXPECT_TRUE(tree) << (tree ? "" : tree.error().message());
}

TEST_F(Reliability, ASecondWriterFailsAtOnceWhileTheFirstHoldsTheLock) {
    const auto dir = fresh_dir("rel-lock");
    const auto sweep = write_file(dir, "s.toml", ishigami_sweep(100000));
    const fs::path out = dir / "s.h5";
    const pid_t first = spawn({"sweep", sweep.string(), "-o", out.string(), "--threads", "1"}, dir, "first");
    // Wait until the first has created its partial file (it holds the lock from before that).
    for (int i = 0; i < 2000 && !fs::exists(dir / "s.h5.part"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    ASSERT_TRUE(fs::exists(dir / "s.h5.part"));
    const auto t0 = std::chrono::steady_clock::now();
    auto second = run({"sweep", sweep.string(), "-o", out.string(), "--force"}, dir);
    const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_EQ(second.exit_code, kIo) << second.err;
    EXPECT_TRUE(contains(second.err, "another process is writing")) << second.err;
    EXPECT_LT(waited, 5.0);
    EXPECT_EQ(wait_for(first), 0);
    auto tree = sim::out::read_hdf5(out);
    ASSERT_TRUE(tree);
}

TEST_F(Reliability, TargetsThatAreNotRegularFilesAreRefusedAndUntouched) {
    const auto dir = fresh_dir("rel-targets");
    fs::create_directory(dir / "adir");
    fs::create_symlink(dir / "elsewhere.h5", dir / "link.h5");
    ASSERT_EQ(::mkfifo((dir / "fifo.h5").c_str(), 0644), 0);
    for (const std::string& target : std::vector<std::string>{(dir / "adir").string(), (dir / "link.h5").string(),
                                                              "/dev/null", (dir / "fifo.h5").string(), "-"}) {
        SCOPED_TRACE(target);
        for (const bool force : {false, true}) {
            std::vector<std::string> args = {"run", scenario("test_small.toml").string(), "-o", target, "-q"};
            if (force) args.push_back("--force");
            auto r = run(args, dir);
            EXPECT_EQ(r.exit_code, kBadInput) << r.err;
        }
    }
    EXPECT_FALSE(fs::exists(dir / "elsewhere.h5")) << "wrote through a symlink";
    EXPECT_TRUE(fs::is_directory(dir / "adir"));
    EXPECT_TRUE(fs::is_empty(dir / "adir"));
    EXPECT_EQ(names_in(dir), (std::set<std::string>{"adir", "fifo.h5", "link.h5"}));
}

TEST_F(Reliability, StaleTemporariesOfAKilledWriterAreCleanedByTheNextWriter) {
    const auto dir = fresh_dir("rel-stale");
    // What kill -9 during the final write leaves: a temporary beside the target (the lock it held
    // died with the process).
    write_file(dir, ".x.h5.tmp-99999-0", "partial");
    write_file(dir, ".x.h5.tmp-99999-1", "partial");
    write_file(dir, ".other.h5.tmp-99999-0", "someone else's");
    auto r = run({"run", scenario("test_small.toml").string(), "-o", (dir / "x.h5").string(), "-q"}, dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(names_in(dir), (std::set<std::string>{"x.h5", ".other.h5.tmp-99999-0"}));
}

TEST_F(Reliability, KilledSweepLeavesOnlyWhatResumeUsesAndResumesByteIdentical) {
    const auto dir = fresh_dir("rel-kill-sweep");
    const auto sweep = write_file(dir, "s.toml", ishigami_sweep(100000));
    ASSERT_EQ(run({"sweep", sweep.string(), "-o", (dir / "clean.h5").string()}, dir).exit_code, 0);
    const fs::path out = dir / "k.h5";
    const bool killed = run_and_kill_when({"sweep", sweep.string(), "-o", out.string(), "--threads", "1"},
                                          [&] { return fs::exists(dir / "k.h5.journal") && fs::file_size(dir / "k.h5.journal") > 20000; });
    ASSERT_TRUE(killed);
    auto resumed = run({"sweep", sweep.string(), "-o", out.string(), "--resume"}, dir);
    ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
    EXPECT_EQ(slurp(out), slurp(dir / "clean.h5"));
    EXPECT_EQ(names_in(dir), (std::set<std::string>{"clean.h5", "k.h5"}));
}

TEST_F(Reliability, KilledExperimentResumesToTheSameBytesAsACleanRun) {
    const auto dir = fresh_dir("rel-kill-experiment");
    std::string text = slurp(source_dir() / "scenarios" / "experiments" / "test_tiny.toml");
    text.replace(text.find("../test_small.toml"), 18, scenario("test_small.toml").string());
    text.replace(text.find("replicates = 2"), 14, "replicates = 40");
    const auto file = write_file(dir, "e.toml", text);
    const fs::path out = dir / "e.h5";
    const std::vector<std::string> args = {"experiment", file.string(), "-o", out.string(), "--threads", "1", "-q"};
    auto clean = run(args, dir);
    ASSERT_EQ(clean.exit_code, 0) << clean.err;
    fs::rename(out, dir / "clean.h5");
    fs::path journal = out;
    journal += ".journal";
    const bool killed = run_and_kill_when(args, [&] {
        std::error_code ec;
        return fs::exists(journal, ec) && fs::file_size(journal, ec) > 3000;
    });
    ASSERT_TRUE(killed) << "the experiment finished before it could be killed";
    auto plain = run(args, dir);
    EXPECT_EQ(plain.exit_code, kIo) << "an interrupted experiment must not be silently restarted: " << plain.err;
    std::vector<std::string> resume = args;
    resume.push_back("--resume");
    auto resumed = run(resume, dir);
    ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
    EXPECT_EQ(slurp(out), slurp(dir / "clean.h5"));
    EXPECT_FALSE(fs::exists(journal));
}

/// A 200 KiB tmpfs mounted on `dir` for the test's lifetime (root and mount permission needed).
class SmallDisk {
public:
    explicit SmallDisk(const fs::path& dir) : dir_(dir) {
        mounted_ = ::mount("tmpfs", dir.c_str(), "tmpfs", 0, "size=200k") == 0;
    }
    ~SmallDisk() {
        if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
    }
    [[nodiscard]] bool mounted() const { return mounted_; }

private:
    fs::path dir_;
    bool mounted_ = false;
};

TEST_F(Reliability, DiskFullIsAnIoErrorNamingThePathWithNoFileAndNoCrash) {
    const auto dir = fresh_dir("rel-enospc");
    const fs::path disk = dir / "disk";
    fs::create_directory(disk);
    SmallDisk small(disk);
    if (!small.mounted()) GTEST_SKIP() << "cannot mount a tmpfs here (needs root)";
    // Inputs live outside the small disk.
    const auto sweep = write_file(dir, "s.toml", ishigami_sweep(4096));
    ASSERT_EQ(run({"sweep", sweep.string(), "-o", (dir / "s.h5").string()}, dir).exit_code, 0);
    const auto shards = write_file(dir, "sh.toml", ishigami_sweep(4096));
    ASSERT_EQ(run({"sweep", shards.string(), "--shard", "0/2", "-o", (dir / "p0.h5").string()}, dir).exit_code, 0);
    ASSERT_EQ(run({"sweep", shards.string(), "--shard", "1/2", "-o", (dir / "p1.h5").string()}, dir).exit_code, 0);

    struct Writer {
        std::string name;
        std::vector<std::string> args;
    };
    const std::vector<Writer> writers = {
        {"run", {"run", scenario("baseline.toml").string(), "-o", (disk / "run.h5").string(), "-q"}},
        {"sweep", {"sweep", sweep.string(), "-o", (disk / "sweep.h5").string()}},
        {"merge", {"merge", (dir / "p0.h5").string(), (dir / "p1.h5").string(), "-o", (disk / "merged.h5").string()}},
        {"sensitivity", {"sensitivity", (dir / "s.h5").string(), "-o", (disk / "indices.h5").string(), "--bootstrap", "20000"}},
    };
    int pads = 0;
    for (const auto& w : writers) {
        SCOPED_TRACE(w.name);
        // Fill the disk, leaving 8 KiB so the writer gets going before it runs out.
        struct statvfs vfs {};
        ASSERT_EQ(::statvfs(disk.c_str(), &vfs), 0);
        const auto avail = static_cast<std::size_t>(vfs.f_bavail) * vfs.f_frsize;
        if (avail > 8192) {
            std::ofstream pad(disk / ("filler" + std::to_string(pads++)), std::ios::binary);
            pad << std::string(avail - 8192, 'x');
        }
        auto r = run(w.args, dir);
        EXPECT_EQ(r.exit_code, kIo) << r.err;
        EXPECT_TRUE(contains(r.err, disk.string())) << "the message names the path: " << r.err;
        EXPECT_FALSE(contains(r.err, "internal error")) << r.err;
        std::set<std::string> left;
        for (const auto& e : fs::directory_iterator(disk))
            if (e.path().filename().string().rfind("filler", 0) != 0) left.insert(e.path().filename().string());
        // A sweep keeps its journal (the record --resume continues from); nothing else stays.
        left.erase("sweep.h5.journal");
        EXPECT_TRUE(left.empty()) << "left behind: " << *left.begin();
    }
}

// ---- readers that validate before they trust -----------------------------------------------

/// Reads `src`, lets `mutate` damage the tree, writes it to `dst`.
void damaged_copy(const fs::path& src, const fs::path& dst, const std::function<void(sim::out::Group&)>& mutate) {
    auto tree = sim::out::read_hdf5(src);
    ASSERT_TRUE(tree) << tree.error().message();
    mutate(*tree);
    sim::out::WriteOptions w;
    w.overwrite = true;
    auto ok = sim::out::write_hdf5(*tree, dst, w);
    ASSERT_TRUE(ok) << ok.error().message();
}

sim::out::Group* group_at(sim::out::Group& root, const std::string& name) {
    for (auto& g : root.groups)
        if (g.name == name) return &g;
    return nullptr;
}

void drop_attr(sim::out::Attributes& a, const std::string& key) {
    std::erase_if(a, [&](const auto& kv) { return kv.first == key; });
}

sim::out::Dataset* dataset_at(sim::out::Group& g, const std::string& name) {
    for (auto& d : g.datasets)
        if (d.name == name) return &d;
    return nullptr;
}

TEST_F(Reliability, DamagedSweepFilesAreRefusedByEveryReaderNamingTheObject) {
    const auto dir = fresh_dir("rel-damaged-sweep");
    const auto sweep = write_file(dir, "s.toml", ishigami_sweep(64));
    const fs::path good = dir / "good.h5";
    ASSERT_EQ(run({"sweep", sweep.string(), "-o", good.string()}, dir).exit_code, 0);
    ASSERT_EQ(run({"sweep", sweep.string(), "--shard", "0/2", "-o", (dir / "p0.h5").string()}, dir).exit_code, 0);
    ASSERT_EQ(run({"sweep", sweep.string(), "--shard", "1/2", "-o", (dir / "p1.h5").string()}, dir).exit_code, 0);

    struct Damage {
        std::string name, object;
        std::function<void(sim::out::Group&)> mutate;
    };
    const std::vector<Damage> cases = {
        {"no_base_samples", "/design @base_samples", [](auto& t) { drop_attr(group_at(t, "design")->attrs, "base_samples"); }},
        {"short_lo", "/design/lo",
         [](auto& t) { std::get<std::vector<double>>(dataset_at(*group_at(t, "design"), "lo")->data).pop_back(); }},
        {"short_point", "/runs/point",
         [](auto& t) { std::get<std::vector<std::int64_t>>(dataset_at(*group_at(t, "runs"), "point")->data).resize(3); }},
        {"point_as_double", "/runs/point",
         [](auto& t) {
             auto* d = dataset_at(*group_at(t, "runs"), "point");
             const auto v = std::get<std::vector<std::int64_t>>(d->data);
             d->data = std::vector<double>(v.begin(), v.end());
         }},
        {"no_unit", "/design/unit", [](auto& t) { std::erase_if(group_at(t, "design")->datasets, [](auto& d) { return d.name == "unit"; }); }},
        {"huge_base_samples", "/design @base_samples",
         [](auto& t) {
             for (auto& [k, v] : group_at(t, "design")->attrs)
                 if (k == "base_samples") v = std::int64_t{1} << 60;
         }},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        const fs::path bad = dir / (c.name + ".h5");
        damaged_copy(good, bad, c.mutate);
        auto r = run({"sensitivity", bad.string()}, dir);
        EXPECT_EQ(r.exit_code, kBadInput) << r.err;
        EXPECT_TRUE(contains(r.err, c.object)) << r.err;
    }
    // merge: a shard whose run column changed type
    damaged_copy(dir / "p1.h5", dir / "p1_bad.h5", [](auto& t) {
        auto* d = dataset_at(*group_at(t, "runs"), "ok");
        const auto v = std::get<std::vector<std::int64_t>>(d->data);
        d->data = std::vector<double>(v.begin(), v.end());
    });
    auto m = run({"merge", (dir / "p0.h5").string(), (dir / "p1_bad.h5").string(), "-o", (dir / "m.h5").string()}, dir);
    EXPECT_EQ(m.exit_code, kBadInput) << m.err;
    EXPECT_TRUE(contains(m.err, "/runs/ok")) << m.err;
    EXPECT_FALSE(fs::exists(dir / "m.h5"));
    EXPECT_FALSE(fs::exists(dir / "m.h5.part"));
}

/// Adds a hard link `/design/self` -> `/design` (a cycle) with the HDF5 C API, as h5py's g['self'] = g.
void add_hard_link_cycle(const fs::path& file) {
    const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    ASSERT_GE(f, 0);
    EXPECT_GE(H5Lcreate_hard(f, "/design", f, "/design/self", H5P_DEFAULT, H5P_DEFAULT), 0);
    H5Fclose(f);
}

TEST_F(Reliability, HardLinkCyclesAndByteFlipsNeverCrashAReader) {
    const auto dir = fresh_dir("rel-cycle");
    const auto sweep = write_file(dir, "s.toml", ishigami_sweep(64));
    const fs::path good = dir / "good.h5";
    ASSERT_EQ(run({"sweep", sweep.string(), "-o", good.string()}, dir).exit_code, 0);
    fs::copy_file(good, dir / "cycle.h5");
    add_hard_link_cycle(dir / "cycle.h5");
    for (const char* cmd : {"sensitivity", "report"}) {
        auto r = run({cmd, (dir / "cycle.h5").string()}, dir);
        EXPECT_EQ(r.exit_code, kBadInput) << cmd << ": " << r.err;
        EXPECT_TRUE(contains(r.err, "/design/self")) << r.err;
    }
    auto m = run({"merge", (dir / "cycle.h5").string(), "-o", (dir / "m.h5").string()}, dir);
    EXPECT_EQ(m.exit_code, kBadInput) << m.err;

    // Byte flips: every reader ends with 0 (the flip hit nothing that matters) or 2, never a signal.
    const std::string bytes = slurp(good);
    std::mt19937_64 rng(13);
    int refused = 0;
    for (int trial = 0; trial < 40; ++trial) {
        std::string b = bytes;
        for (int k = 0; k < 4; ++k) b[rng() % b.size()] ^= static_cast<char>(1u << (rng() % 8));
        const fs::path f = dir / "flipped.h5";
        std::ofstream(f, std::ios::binary | std::ios::trunc) << b;
        for (const char* cmd : {"sensitivity", "report"}) {
            auto r = run({cmd, f.string()}, dir);
            EXPECT_TRUE(r.exit_code == 0 || r.exit_code == kBadInput) << "trial " << trial << " " << cmd << ": exit "
                                                                       << r.exit_code << "\n" << r.err;
            refused += r.exit_code == kBadInput;
        }
    }
    EXPECT_GT(refused, 0);
}

std::string small_calibration() {
    return "[calibration]\nbase = \"" + scenario("test_small.toml").string() +
           "\"\nseed = 9\nparticles = 20\npilot = 20\nmax_generations = 2\nmax_simulations = 2000\n"
           "[pseudo_data]\nseed = 4\nstatistics = [\"countries_adopted_2010\", \"countries_adopted_2011\"]\n"
           "[[parameter]]\nkey = \"params.alpha0\"\ntruth = -4.5\n";
}

TEST_F(Reliability, TamperedCalibrationFilesAreRefusedOnResumeAndReport) {
    const auto dir = fresh_dir("rel-calibration");
    const auto cal = write_file(dir, "cal.toml", small_calibration());
    const fs::path whole = dir / "whole.h5";
    auto r = run({"calibrate", cal.string(), "-o", whole.string()}, dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // Two clean runs are byte-identical under SOURCE_DATE_EPOCH (no wall-clock seconds inside).
    auto r2 = run({"calibrate", cal.string(), "-o", (dir / "again.h5").string()}, dir);
    ASSERT_EQ(r2.exit_code, 0) << r2.err;
    EXPECT_EQ(slurp(whole), slurp(dir / "again.h5"));

    // A progress file with a matching fingerprint but a group missing: --resume refuses it.
    for (const char* missing : {"pilot", "targets", "generations"}) {
        SCOPED_TRACE(missing);
        const fs::path out = dir / (std::string("t_") + missing + ".h5");
        fs::path part = out;
        part += ".part";
        damaged_copy(whole, part, [&](auto& t) { std::erase_if(t.groups, [&](auto& g) { return g.name == missing; }); });
        auto res = run({"calibrate", cal.string(), "-o", out.string(), "--resume"}, dir);
        EXPECT_EQ(res.exit_code, kBadInput) << res.err;
        EXPECT_TRUE(contains(res.err, std::string("/") + missing)) << res.err;
        EXPECT_FALSE(fs::exists(out));
    }
    // report on a calibration file with a generation attribute missing, or a shortened posterior
    damaged_copy(whole, dir / "no_seconds.h5",
                 [](auto& t) { drop_attr(group_at(*group_at(t, "generations"), "g000")->attrs, "seconds"); });
    auto rep = run({"report", (dir / "no_seconds.h5").string()}, dir);
    EXPECT_EQ(rep.exit_code, kBadInput) << rep.err;
    EXPECT_TRUE(contains(rep.err, "/generations/g000 @seconds")) << rep.err;
    damaged_copy(whole, dir / "short_median.h5", [](auto& t) {
        std::get<std::vector<double>>(dataset_at(*group_at(t, "posterior"), "median")->data).clear();
    });
    auto rep2 = run({"report", (dir / "short_median.h5").string()}, dir);
    EXPECT_EQ(rep2.exit_code, kBadInput) << rep2.err;
    EXPECT_TRUE(contains(rep2.err, "/posterior/median")) << rep2.err;
}

// ---- CLI strictness and limits -------------------------------------------------------------

TEST_F(Reliability, CommandLineValuesAreParsedStrictly) {
    const auto dir = fresh_dir("rel-cli");
    const std::string sc = scenario("test_small.toml").string();
    const std::string out = (dir / "o.h5").string();
    const std::vector<std::vector<std::string>> refused = {
        {"run", sc, "-o", out, "--seed", "-1"},
        {"run", sc, "-o", out, "--seed", "18446744073709551616"},
        {"run", sc, "-o", out, "--seed", "9223372036854775808"},
        {"run", sc, "-o", out, "--seed", "1e23"},
        {"run", sc, "-o", out, "--seed", ""},
        {"run", sc, "-o", out, "--seed", "12abc"},
        {"--log-level", "bogus", "run", sc, "-o", out},
        {"run", sc, "-o", out, "--force=3"},
        {"run", sc, "-o", out, "--threads", "2000000000"},
        {"sweep", sc, "-o", out, "--threads", "2000000000"},
        {"sensitivity", out, "--bootstrap", "100000000"},
    };
    for (const auto& args : refused) {
        std::string text;
        for (const auto& a : args) text += a + " ";
        SCOPED_TRACE(text);
        auto r = run(args, dir);
        EXPECT_EQ(r.exit_code, kBadInput) << r.err;
    }
    EXPECT_FALSE(fs::exists(out));
    auto ok = run({"run", sc, "-o", out, "-q", "--seed", "9223372036854775807"}, dir);
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

TEST_F(Reliability, OversizedDesignsAreRefusedBeforeAnythingIsAllocated) {
    const auto dir = fresh_dir("rel-limits");
    std::string grid = "[sweep]\nfunction = \"ishigami\"\ndesign = \"grid\"\nlevels = 500\n";
    for (const char* x : {"x1", "x2", "x3"}) grid += "[[parameter]]\nkey = \"" + std::string(x) + "\"\nrange = [0, 1]\n";
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"grid", grid},  // 1.25e8 rows
        {"sobol", ishigami_sweep(10'000'000)},
        {"morris", ishigami_sweep(10'000'000, "morris")},
    };
    for (const auto& [name, text] : cases) {
        SCOPED_TRACE(name);
        const auto f = write_file(dir, name + ".toml", text);
        const auto t0 = std::chrono::steady_clock::now();
        auto r = run({"sweep", f.string(), "--dry-run"}, dir);
        EXPECT_EQ(r.exit_code, kBadInput) << r.err;
        EXPECT_TRUE(contains(r.err, "over the limit")) << r.err;
        EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 10.0);
    }
    const auto net = write_file(dir, "net.toml",
                                "[model]\nname = \"bass\"\n[network]\nsource = \"gnp\"\nn = 4294967295\np = 0.5\n");
    auto r = run({"run", net.string(), "-o", (dir / "n.h5").string()}, dir);
    EXPECT_EQ(r.exit_code, kBadInput) << r.err;
    EXPECT_TRUE(contains(r.err, "network.n")) << r.err;
    const auto dense = write_file(dir, "dense.toml",
                                  "[model]\nname = \"bass\"\n[network]\nsource = \"gnp\"\nn = 1000000\np = 0.5\n");
    auto d = run({"run", dense.string(), "-o", (dir / "d.h5").string()}, dir);
    EXPECT_EQ(d.exit_code, kBadInput) << d.err;
    EXPECT_TRUE(contains(d.err, "network.p")) << d.err;
}

TEST_F(Reliability, DeepTomlAndLongIncludeChainsAreRefusedWithAPlace) {
    const auto dir = fresh_dir("rel-deep");
    std::string header = "[a";
    for (int i = 0; i < 50'000; ++i) header += ".a";
    const auto deep = write_file(dir, "deep.toml", "# deep\n" + header + "]\nx = 1\n");
    auto r = run({"run", deep.string(), "-o", (dir / "o.h5").string()}, dir);
    EXPECT_EQ(r.exit_code, kBadInput) << r.err;
    EXPECT_TRUE(contains(r.err, "deep.toml:2:")) << r.err;
    std::string arrays = "x = " + std::string(10'000, '[') + std::string(10'000, ']') + "\n";
    const auto nested = write_file(dir, "nested.toml", arrays);
    auto n = run({"run", nested.string(), "-o", (dir / "o.h5").string()}, dir);
    EXPECT_EQ(n.exit_code, kBadInput) << n.err;
    EXPECT_TRUE(contains(n.err, "nested.toml:1:")) << n.err;
    // include chain of 40 files
    for (int i = 0; i < 40; ++i)
        write_file(dir, "inc" + std::to_string(i) + ".toml", "include = \"inc" + std::to_string(i + 1) + ".toml\"\n");
    write_file(dir, "inc40.toml", "");
    auto c = run({"run", (dir / "inc0.toml").string(), "-o", (dir / "o.h5").string()}, dir);
    EXPECT_EQ(c.exit_code, kBadInput) << c.err;
    EXPECT_TRUE(contains(c.err, "include chain deeper")) << c.err;
    // an include that cannot be read names the including file and key
    const auto bad = write_file(dir, "badinc.toml", "include = \"/proc/self/mem\"\n");
    auto b = run({"run", bad.string(), "-o", (dir / "o.h5").string()}, dir);
    EXPECT_EQ(b.exit_code, kBadInput) << b.err;
    EXPECT_TRUE(contains(b.err, "badinc.toml: include")) << b.err;
    EXPECT_FALSE(fs::exists(dir / "o.h5"));
}

// ---- odd and implausible data ----------------------------------------------------------------

/// A copy of the shipped data directory in `dir`/data.
fs::path data_copy(const fs::path& dir) {
    const fs::path d = dir / "data";
    fs::copy(source_dir() / "data", d, fs::copy_options::recursive);
    return d;
}

CliResult run_with_data(const fs::path& dir, const fs::path& data) {
    const auto sc = write_scenario(dir, "s.toml", "", data);
    return run({"run", sc.string(), "-o", (dir / "o.h5").string(), "-q"}, dir);
}

TEST_F(Reliability, DataFilesThatAreNotRegularFilesAreRefusedWithoutHanging) {
    {
        const auto dir = fresh_dir("rel-data-dir");
        const auto data = data_copy(dir);
        fs::remove(data / "targets.csv");
        fs::create_directory(data / "targets.csv");
        auto r = run_with_data(dir, data);
        EXPECT_EQ(r.exit_code, kBadInput) << r.err;
        EXPECT_TRUE(contains(r.err, "targets.csv")) << r.err;
        EXPECT_FALSE(contains(r.err, "internal error")) << r.err;
    }
    {
        const auto dir = fresh_dir("rel-data-fifo");
        const auto data = data_copy(dir);
        fs::remove(data / "homicide_rate_wdi.csv");
        ASSERT_EQ(::mkfifo((data / "homicide_rate_wdi.csv").c_str(), 0644), 0);
        const auto t0 = std::chrono::steady_clock::now();
        auto r = run_with_data(dir, data);  // would hang for ever if the FIFO were opened for reading
        EXPECT_EQ(r.exit_code, kBadInput) << r.err;
        EXPECT_TRUE(contains(r.err, "homicide_rate_wdi.csv")) << r.err;
        EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 30.0);
    }
}

/// Sets field `col` (0-based) of the first line of `f` starting with `prefix`; returns its line number.
std::size_t set_field(const fs::path& f, const std::string& prefix, std::size_t col, const std::string& value) {
    std::istringstream in(slurp(f));
    std::string line, out;
    std::size_t n = 0, hit = 0;
    while (std::getline(in, line)) {
        ++n;
        if (!hit && line.rfind(prefix, 0) == 0) {
            std::vector<std::string> fields;
            std::string cur;
            for (char ch : line) {
                if (ch == ',') fields.push_back(cur), cur.clear();
                else cur += ch;
            }
            fields.push_back(cur);
            fields.at(col) = value;
            line.clear();
            for (std::size_t k = 0; k < fields.size(); ++k) line += (k ? "," : "") + fields[k];
            hit = n;
        }
        out += line + "\n";
    }
    std::ofstream(f, std::ios::binary | std::ios::trunc) << out;
    return hit;
}

TEST_F(Reliability, ImplausibleDataIsRefusedWithFileLineAndColumn) {
    struct Case {
        std::string name, file, prefix;
        std::size_t col;
        std::string value, column;
    };
    const std::vector<Case> cases = {
        {"population_zero", "population_wdi.csv", "AFG,2010,", 2, "0", "population"},
        {"population_huge", "population_wdi.csv", "AFG,2010,", 2, "1e15", "population"},
        {"homicide", "homicide_rate_wdi.csv", "AFG,", 2, "1000000", "homicides_per_100k"},
        {"share", "unga_agreement_china.csv", "AFG,", 6, "5", "share_same_vote_as_chn"},
        {"target_negative", "targets.csv", "T1,", 2, "-80", "value"},
        {"city_population", "cities_wup2018_300k.csv", "1,AFG,", 6, "0", "pop_2000"},
        {"operation_before_agreement", "adoption_events_documented.csv", "PAK,Pakistan,Islamabad", 6, "2005",
         "year_operational"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        const auto dir = fresh_dir("rel-plaus-" + c.name);
        const auto data = data_copy(dir);
        const std::size_t line = set_field(data / c.file, c.prefix, c.col, c.value);
        ASSERT_GT(line, 0u) << c.prefix << " not found in " << c.file;
        auto r = run_with_data(dir, data);
        EXPECT_EQ(r.exit_code, kBadInput) << r.err;
        EXPECT_TRUE(contains(r.err, c.file + ":" + std::to_string(line) + ":" + c.column)) << r.err;
    }
}

}  // namespace
}  // namespace pushpull::cli
