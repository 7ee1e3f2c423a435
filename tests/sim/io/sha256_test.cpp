#include "sim/io/sha256.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace {

TEST(Sha256, FipsVectors) {
    EXPECT_EQ(sim::io::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sim::io::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sim::io::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(sim::io::sha256_hex(std::string(1000000, 'a')),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, IncrementalEqualsOneShot) {
    const std::string text(200, 'x');
    sim::io::Sha256 s;
    s.update(text.substr(0, 63));
    s.update(text.substr(63, 70));
    s.update(text.substr(133));
    EXPECT_EQ(s.hex_digest(), sim::io::sha256_hex(text));
}

TEST(Sha256, FileDigest) {
    const auto path = std::filesystem::path(PUSHPULL_TEST_TMP) / "sha256_test.txt";
    std::filesystem::create_directories(path.parent_path());
    { std::ofstream(path, std::ios::binary) << "abc"; }
    const auto d = sim::io::sha256_file(path);
    ASSERT_TRUE(d);
    EXPECT_EQ(*d, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_FALSE(sim::io::sha256_file(path.string() + ".missing"));
}

}  // namespace
