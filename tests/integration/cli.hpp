#pragma once
/// Test support for the integration tests: run the real `pushpull` binary, capture its exit code,
/// stdout and stderr, and read back what it wrote.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "sim/output/hdf5_writer.hpp"

extern char** environ;

namespace pushpull::cli {

namespace fs = std::filesystem;

inline fs::path source_dir() {
    return PUSHPULL_SOURCE_DIR;
}
inline fs::path scenario(const std::string& name) {
    return source_dir() / "scenarios" / name;
}

/// A fresh, empty directory under PUSHPULL_TEST_TMP for one test.
/// A new empty directory for this test process (ctest runs test cases in parallel processes).
inline fs::path fresh_dir(const std::string& name) {
    const fs::path d = fs::path(PUSHPULL_TEST_TMP) / "integration" / (name + "-" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

inline std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

inline std::string slurp(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// Writes `text` to dir/name and returns the path.
inline fs::path write_file(const fs::path& dir, const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return dir / name;
}

/// Starts `pushpull args...` (logging off) in the background, waits until `ready()` holds (polled
/// every 10 ms, at most `timeout`), then kills it with SIGKILL. True when it was killed, false when
/// it had already finished (the test then could not interrupt it) or could not start.
inline bool run_and_kill_when(std::vector<std::string> args, const std::function<bool()>& ready,
                              std::chrono::seconds timeout = std::chrono::seconds(120)) {
    args.insert(args.begin(), {PUSHPULL_BINARY, "--log-level", "off"});
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (::posix_spawn(&pid, PUSHPULL_BINARY, nullptr, nullptr, argv.data(), environ) != 0) return false;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline && !ready())
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFSIGNALED(status);
}

struct CliResult {
    int exit_code = -1;
    std::string out, err;
};

/// Runs `pushpull args...` with stdout and stderr captured into files in `dir`.
inline CliResult run(const std::vector<std::string>& args, const fs::path& dir) {
    std::string cmd = quote(PUSHPULL_BINARY);
    for (const auto& a : args) cmd += " " + quote(a);
    const fs::path out = dir / "stdout.txt", err = dir / "stderr.txt";
    cmd += " >" + quote(out.string()) + " 2>" + quote(err.string());
    const int status = std::system(cmd.c_str());
    CliResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
}

/// Writes a scenario file into `dir` that includes scenarios/baseline.toml (absolute path) and sets
/// run.data_dir to the project's data (absolute), followed by `body`.
inline fs::path write_scenario(const fs::path& dir, const std::string& name, const std::string& body,
                               const fs::path& data_dir = source_dir() / "data") {
    const fs::path p = dir / name;
    std::ofstream f(p);
    f << "include = \"" << scenario("baseline.toml").string() << "\"\n\n";
    const std::string data_line = "data_dir = \"" + data_dir.string() + "\"\n";
    std::string text = body + "\n";
    if (const auto at = text.find("[run]\n"); at != std::string::npos)
        text.insert(at + 6, data_line);
    else
        text += "\n[run]\n" + data_line;
    f << text;
    return p;
}

/// Files in `dir` other than the captured stdout/stderr and the scenario files (e.g. *.h5, temp files).
inline std::vector<std::string> stray_files(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        const auto n = e.path().filename().string();
        if (n == "stdout.txt" || n == "stderr.txt" || e.path().extension() == ".toml" || e.is_directory()) continue;
        out.push_back(n);
    }
    return out;
}

inline const sim::out::Group* find_group(const sim::out::Group& g, const std::string& name) {
    for (const auto& c : g.groups)
        if (c.name == name) return &c;
    return nullptr;
}
inline const sim::out::Dataset* find_dataset(const sim::out::Group& g, const std::string& name) {
    for (const auto& d : g.datasets)
        if (d.name == name) return &d;
    return nullptr;
}
inline const sim::out::AttrValue* find_attr(const sim::out::Attributes& a, const std::string& key) {
    for (const auto& [k, v] : a)
        if (k == key) return &v;
    return nullptr;
}

/// Summary statistic `name` from a /summary group (NaN if absent).
inline double summary_value(const sim::out::Group& root, const std::string& name) {
    const auto* s = find_group(root, "summary");
    if (!s) return std::nan("");
    const auto* names = find_dataset(*s, "name");
    const auto* values = find_dataset(*s, "value");
    if (!names || !values) return std::nan("");
    const auto& n = std::get<std::vector<std::string>>(names->data);
    const auto& v = std::get<std::vector<double>>(values->data);
    for (std::size_t k = 0; k < n.size(); ++k)
        if (n[k] == name) return v[k];
    return std::nan("");
}

/// Bitwise-equal doubles (NaN equals NaN), exact everything else.
template <class T>
bool same_values(const std::vector<T>& a, const std::vector<T>& b) {
    if constexpr (std::is_same_v<T, double>) {
        return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
    } else {
        return a == b;
    }
}

inline bool same_column(const sim::out::Column& a, const sim::out::Column& b) {
    if (a.index() != b.index()) return false;
    return std::visit([&](const auto& va) { return same_values(va, std::get<std::decay_t<decltype(va)>>(b)); }, a);
}

inline bool same_attr(const sim::out::AttrValue& a, const sim::out::AttrValue& b) {
    if (a.index() != b.index()) return false;
    return std::visit(
        [&](const auto& va) {
            using T = std::decay_t<decltype(va)>;
            if constexpr (std::is_same_v<T, double>)
                return std::memcmp(&va, &std::get<T>(b), sizeof(double)) == 0;
            else if constexpr (std::is_same_v<T, std::vector<double>>)
                return same_values(va, std::get<T>(b));
            else
                return va == std::get<T>(b);
        },
        a);
}

/// Records every difference between two trees (datasets, shapes, attributes, groups) as a test
/// failure, ignoring the attributes listed in `ignore` at every level.
inline void expect_same_tree(const sim::out::Group& a, const sim::out::Group& b, const std::vector<std::string>& ignore,
                             const std::string& where = "/") {
    std::vector<std::string> ka, kb;
    for (const auto& [k, v] : a.attrs)
        if (std::find(ignore.begin(), ignore.end(), k) == ignore.end()) ka.push_back(k);
    for (const auto& [k, v] : b.attrs)
        if (std::find(ignore.begin(), ignore.end(), k) == ignore.end()) kb.push_back(k);
    EXPECT_EQ(ka, kb) << "attribute names differ at " << where;
    for (const auto& k : ka) {
        const auto* vb = find_attr(b.attrs, k);
        if (vb) {
            EXPECT_TRUE(same_attr(*find_attr(a.attrs, k), *vb)) << "attribute " << where << "@" << k;
        }
    }
    ASSERT_EQ(a.datasets.size(), b.datasets.size()) << "dataset count at " << where;
    for (std::size_t k = 0; k < a.datasets.size(); ++k) {
        const auto& da = a.datasets[k];
        const auto& db = b.datasets[k];
        ASSERT_EQ(da.name, db.name) << where;
        EXPECT_EQ(da.shape, db.shape) << where << da.name;
        EXPECT_TRUE(same_column(da.data, db.data)) << "dataset " << where << da.name << " differs";
        for (const auto& [key, v] : da.attrs) {
            const auto* vb = find_attr(db.attrs, key);
            EXPECT_TRUE(vb && same_attr(v, *vb)) << "attribute " << where << da.name << "@" << key;
        }
    }
    ASSERT_EQ(a.groups.size(), b.groups.size()) << "group count at " << where;
    for (std::size_t k = 0; k < a.groups.size(); ++k) {
        ASSERT_EQ(a.groups[k].name, b.groups[k].name) << where;
        expect_same_tree(a.groups[k], b.groups[k], {}, where + a.groups[k].name + "/");
    }
}

}  // namespace pushpull::cli
