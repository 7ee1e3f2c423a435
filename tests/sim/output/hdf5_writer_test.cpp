#include "sim/output/hdf5_writer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <numeric>
#include <string>
#include <thread>
#include <vector>

#include "sim/io/hdf5_handle.hpp"

namespace sim::out {
namespace {

namespace fs = std::filesystem;

/// A fresh, empty directory per test, so "no stray files" checks see only this test's files.
fs::path fresh_dir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    fs::path dir = fs::path(PUSHPULL_TEST_TMP) / "hdf5_writer" / info->name();
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::vector<std::string> files_in(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::string bytes_of(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Every column type, every attribute type, nesting, 2-D, empty, unicode and a large dataset.
Group sample_tree() {
    Group root;
    root.attr("seed", std::int64_t{-42});
    root.attr("rate_per_100k", 3.25);
    root.attr("scenario", std::string("baseline — Zürich 東京"));
    root.attr("counts", std::vector<std::int64_t>{1, -2, std::numeric_limits<std::int64_t>::max()});
    root.attr("weights", std::vector<double>{0.5, -1e300, std::numeric_limits<double>::infinity()});
    root.attr("labels", std::vector<std::string>{"a", "", "ü∑"});
    root.attr("no_ints", std::vector<std::int64_t>{});
    root.attr("no_strings", std::vector<std::string>{});

    Group& cities = root.group("cities");
    cities.attr("note", std::string("per city"));
    cities.add("id", std::vector<std::int32_t>{3, 1, 2, std::numeric_limits<std::int32_t>::min()});
    cities.add("population", std::vector<std::int64_t>{10'000'000'000, 5, 0, -1},
               Attributes{{"unit", std::string("people")}, {"scale", 1.0}});
    cities.add("share", std::vector<double>{0.1, 0.2, 0.7, -0.0});
    cities.add("name", std::vector<std::string>{"São Paulo", "Αθήνα", "", "北京"});
    cities.add("nothing", std::vector<double>{});
    cities.add("no_names", std::vector<std::string>{});

    Group& deep = cities.group("nested").group("deeper-ü");
    deep.attr("level", std::int64_t{3});
    Dataset& m = deep.add("matrix", std::vector<double>{1, 2, 3, 4, 5, 6});
    m.shape = {2, 3};
    Dataset& e2 = deep.add("empty_2d", std::vector<std::int32_t>{});
    e2.shape = {0, 4};
    root.group("empty_group");

    Group& big = root.group("big");
    std::vector<double> series(50'000);
    std::iota(series.begin(), series.end(), 0.0);
    big.add("series", std::move(series));
    std::vector<std::int32_t> grid(6'000 * 5);
    std::iota(grid.begin(), grid.end(), 0);
    Dataset& g2 = big.add("grid", std::move(grid));
    g2.shape = {6'000, 5};
    std::vector<std::string> words(5'000);
    for (std::size_t i = 0; i < words.size(); ++i) words[i] = "w" + std::to_string(i % 97);
    big.add("words", std::move(words));
    return root;
}

void expect_same(const Group& a, const Group& b, const std::string& path) {
    EXPECT_EQ(a.name, b.name) << path;
    ASSERT_EQ(a.attrs.size(), b.attrs.size()) << path;
    for (std::size_t i = 0; i < a.attrs.size(); ++i) {
        EXPECT_EQ(a.attrs[i].first, b.attrs[i].first) << path;
        EXPECT_TRUE(a.attrs[i].second == b.attrs[i].second) << path << " @" << a.attrs[i].first;
    }
    ASSERT_EQ(a.datasets.size(), b.datasets.size()) << path;
    for (std::size_t i = 0; i < a.datasets.size(); ++i) {
        const Dataset& x = a.datasets[i];
        const Dataset& y = b.datasets[i];
        EXPECT_EQ(x.name, y.name) << path;
        EXPECT_EQ(x.data.index(), y.data.index()) << path << "/" << x.name;
        EXPECT_TRUE(x.data == y.data) << path << "/" << x.name;
        EXPECT_EQ(x.shape, y.shape) << path << "/" << x.name;
        EXPECT_EQ(x.attrs, y.attrs) << path << "/" << x.name;
    }
    ASSERT_EQ(a.groups.size(), b.groups.size()) << path;
    for (std::size_t i = 0; i < a.groups.size(); ++i)
        expect_same(a.groups[i], b.groups[i], path + "/" + a.groups[i].name);
}

TEST(Hdf5Writer, RoundTripPreservesTreeInCreationOrder) {
    const fs::path dir = fresh_dir();
    const Group tree = sample_tree();
    ASSERT_TRUE(write_hdf5(tree, dir / "out.h5").has_value());
    auto back = read_hdf5(dir / "out.h5");
    ASSERT_TRUE(back.has_value()) << back.error().message();
    // The reader returns creation order (the writer tracks it), so trees compare element by element.
    expect_same(tree, *back, "");
    EXPECT_EQ(files_in(dir), std::vector<std::string>{"out.h5"});
}

/// Layout and filters of one dataset, read straight through the C API.
struct Layout {
    H5D_layout_t layout = H5D_LAYOUT_ERROR;
    std::vector<hsize_t> chunk;
    bool deflate = false;
    bool shuffle = false;
};

Layout layout_of(const fs::path& file, const char* dataset) {
    using namespace sim::io;
    Layout out;
    H5Handle f = file_handle(H5Fopen(file.c_str(), H5F_ACC_RDONLY, default_plist()));
    H5Handle d = dataset_handle(H5Dopen2(f.get(), dataset, default_plist()));
    H5Handle p = plist_handle(H5Dget_create_plist(d.get()));
    out.layout = H5Pget_layout(p.get());
    if (out.layout == H5D_CHUNKED) {
        out.chunk.resize(2);
        out.chunk.resize(static_cast<std::size_t>(H5Pget_chunk(p.get(), 2, out.chunk.data())));
    }
    for (int i = 0; i < H5Pget_nfilters(p.get()); ++i) {
        unsigned flags = 0;
        std::size_t nvalues = 0;
        unsigned filter_config = 0;
        const H5Z_filter_t id =
            H5Pget_filter2(p.get(), static_cast<unsigned>(i), &flags, &nvalues, nullptr, 0, nullptr, &filter_config);
        out.deflate = out.deflate || id == H5Z_FILTER_DEFLATE;
        out.shuffle = out.shuffle || id == H5Z_FILTER_SHUFFLE;
    }
    return out;
}

TEST(Hdf5Writer, LargeDatasetsAreChunkedAndCompressedSmallOnesAreNot) {
    const fs::path dir = fresh_dir();
    ASSERT_TRUE(write_hdf5(sample_tree(), dir / "out.h5").has_value());

    const Layout series = layout_of(dir / "out.h5", "/big/series");
    EXPECT_EQ(series.layout, H5D_CHUNKED);
    EXPECT_EQ(series.chunk, (std::vector<hsize_t>{16384}));
    EXPECT_TRUE(series.deflate);
    EXPECT_TRUE(series.shuffle);

    const Layout grid = layout_of(dir / "out.h5", "/big/grid");
    EXPECT_EQ(grid.layout, H5D_CHUNKED);
    EXPECT_EQ(grid.chunk, (std::vector<hsize_t>{16384 / 5, 5}));  // whole rows, ~16k elements
    EXPECT_TRUE(grid.deflate && grid.shuffle);

    const Layout words = layout_of(dir / "out.h5", "/big/words");
    EXPECT_EQ(words.layout, H5D_CHUNKED);
    EXPECT_TRUE(words.deflate);

    const Layout small = layout_of(dir / "out.h5", "/cities/share");
    EXPECT_EQ(small.layout, H5D_CONTIGUOUS);
    EXPECT_FALSE(small.deflate);
}

TEST(Hdf5Writer, CompressAboveOptionIsHonoured) {
    const fs::path dir = fresh_dir();
    Group root;
    root.add("x", std::vector<double>(11, 1.0));
    root.add("y", std::vector<double>(10, 1.0));
    ASSERT_TRUE(write_hdf5(root, dir / "out.h5", {.overwrite = false, .compress_above = 10}).has_value());
    EXPECT_EQ(layout_of(dir / "out.h5", "/x").layout, H5D_CHUNKED);
    EXPECT_EQ(layout_of(dir / "out.h5", "/y").layout, H5D_CONTIGUOUS);
    auto back = read_hdf5(dir / "out.h5");
    ASSERT_TRUE(back.has_value());
    expect_same(root, *back, "");
}

TEST(Hdf5Writer, IdenticalTreesGiveIdenticalBytes) {
    const fs::path dir = fresh_dir();
    const Group tree = sample_tree();
    ASSERT_TRUE(write_hdf5(tree, dir / "a.h5").has_value());
    // Past a one-second boundary, so any timestamp left in the file would show up.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    ASSERT_TRUE(write_hdf5(tree, dir / "b.h5").has_value());
    const std::string a = bytes_of(dir / "a.h5");
    ASSERT_FALSE(a.empty());
    EXPECT_TRUE(a == bytes_of(dir / "b.h5"));
}

TEST(Hdf5Writer, RefusesToOverwriteWithoutPermissionAndLeavesOldFile) {
    const fs::path dir = fresh_dir();
    const fs::path target = dir / "out.h5";
    Group first;
    first.add("v", std::vector<std::int64_t>{1, 2, 3});
    ASSERT_TRUE(write_hdf5(first, target).has_value());
    const std::string before = bytes_of(target);

    Group second;
    second.add("v", std::vector<std::int64_t>{4, 5});
    auto refused = write_hdf5(second, target);
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().kind, ErrorKind::Io);
    ASSERT_EQ(refused.error().diagnostics.size(), 1U);
    EXPECT_EQ(refused.error().diagnostics[0].where, target.string());
    EXPECT_NE(refused.error().message().find("use --force to overwrite"), std::string::npos);
    EXPECT_TRUE(bytes_of(target) == before);
    EXPECT_EQ(files_in(dir), std::vector<std::string>{"out.h5"});

    ASSERT_TRUE(write_hdf5(second, target, {.overwrite = true}).has_value());
    auto back = read_hdf5(target);
    ASSERT_TRUE(back.has_value());
    expect_same(second, *back, "");
    EXPECT_EQ(files_in(dir), std::vector<std::string>{"out.h5"});
}

TEST(Hdf5Writer, MissingDirectoryIsAnIoErrorAndWritesNothing) {
    const fs::path dir = fresh_dir();
    const fs::path target = dir / "no_such_dir" / "out.h5";
    auto r = write_hdf5(sample_tree(), target);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().kind, ErrorKind::Io);
    EXPECT_NE(r.error().message().find(target.string()), std::string::npos);
    EXPECT_FALSE(fs::exists(dir / "no_such_dir"));
    EXPECT_TRUE(files_in(dir).empty());
}

TEST(Hdf5Writer, FailureMidWriteLeavesNoFileBehind) {
    const fs::path dir = fresh_dir();
    Group root = sample_tree();
    Dataset& bad = root.group("late").add("bad", std::vector<double>{1, 2, 3});
    bad.shape = {2, 2};  // 4 != 3: found after most of the file is written
    auto r = write_hdf5(root, dir / "out.h5");
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().kind, ErrorKind::Internal);
    EXPECT_NE(r.error().message().find("/late/bad"), std::string::npos) << r.error().message();
    EXPECT_TRUE(files_in(dir).empty());
}

TEST(Hdf5Writer, HdfRefusalsBecomeErrorsNamingTheObject) {
    const fs::path dir = fresh_dir();
    Group root;
    root.add("dup", std::vector<double>{1});
    root.add("dup", std::vector<double>{2});
    auto r = write_hdf5(root, dir / "out.h5");
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().kind, ErrorKind::Internal);
    EXPECT_NE(r.error().message().find("out.h5:/dup"), std::string::npos) << r.error().message();
    EXPECT_TRUE(files_in(dir).empty());

    Group slash;
    slash.add("a/b", std::vector<double>{1});
    EXPECT_FALSE(write_hdf5(slash, dir / "out.h5").has_value());
    Group nul;
    nul.add("s", std::vector<std::string>{std::string("a\0b", 3)});
    EXPECT_FALSE(write_hdf5(nul, dir / "out.h5").has_value());
    EXPECT_TRUE(files_in(dir).empty());
}

TEST(Hdf5Reader, MissingFileIsAnIoErrorForeignFileIsBadInput) {
    const fs::path dir = fresh_dir();
    auto missing = read_hdf5(dir / "absent.h5");
    ASSERT_FALSE(missing.has_value());
    EXPECT_EQ(missing.error().kind, ErrorKind::Io);
    EXPECT_EQ(missing.error().diagnostics.at(0).where, (dir / "absent.h5").string());

    std::ofstream(dir / "text.h5") << "not hdf5 at all\n";
    auto foreign = read_hdf5(dir / "text.h5");
    ASSERT_FALSE(foreign.has_value());
    EXPECT_EQ(foreign.error().kind, ErrorKind::BadInput);  // a file that is there but not ours: exit 2
    EXPECT_EQ(foreign.error().diagnostics.at(0).where, (dir / "text.h5").string());
}

bool h5py_available() {
    return std::system("/usr/bin/python3 -c 'import h5py' >/dev/null 2>&1") == 0;
}

TEST(Hdf5Writer, H5pyReadsStringsAndShapes) {
    if (!h5py_available()) GTEST_SKIP() << "h5py is not importable by /usr/bin/python3";
    const fs::path dir = fresh_dir();
    ASSERT_TRUE(write_hdf5(sample_tree(), dir / "out.h5").has_value());
    const fs::path script = dir / "check.py";
    std::ofstream(script) << R"PY(import sys, h5py
f = h5py.File(sys.argv[1], "r")
names = [s.decode("utf-8") for s in f["cities/name"][...]]
assert names == ["São Paulo", "Αθήνα", "", "北京"], names
assert f["cities/name"].asstr()[0] == "São Paulo"
assert f["cities/nested/deeper-ü/matrix"].shape == (2, 3)
assert f["cities/nested/deeper-ü/matrix"][1, 2] == 6.0
assert f["cities/nested/deeper-ü/empty_2d"].shape == (0, 4)
assert f["cities/nothing"].shape == (0,)
assert f["big/grid"].shape == (6000, 5)
assert f["big/grid"].compression == "gzip"
assert f.attrs["scenario"] == "baseline — Zürich 東京"
assert f.attrs["seed"] == -42
assert list(f.attrs["labels"]) == ["a", "", "ü∑"]
)PY";
    const std::string cmd = "/usr/bin/python3 '" + script.string() + "' '" + (dir / "out.h5").string() + "'";
    EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

}  // namespace
}  // namespace sim::out
