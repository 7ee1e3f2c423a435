#pragma once
/// A small self-contained SHA-256 (FIPS 180-4), used to record the checksums of input files in
/// the provenance of every run.
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "sim/error.hpp"

namespace sim::io {

/// Incremental SHA-256: update() any number of times, then hex_digest() once.
class Sha256 {
public:
    Sha256();
    /// Feeds `bytes` into the hash.
    void update(std::string_view bytes);
    /// Finishes the hash and returns the 64-character lowercase hex digest. Call once.
    [[nodiscard]] std::string hex_digest();

private:
    void block(const unsigned char* p);
    std::array<std::uint32_t, 8> h_{};
    std::array<unsigned char, 64> buf_{};
    std::size_t buf_len_ = 0;
    std::uint64_t total_bytes_ = 0;
};

/// SHA-256 hex digest of `bytes`.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

/// SHA-256 hex digest of the bytes of the file at `path`. Error (Io) if it cannot be read.
[[nodiscard]] Result<std::string> sha256_file(const std::filesystem::path& path);

}  // namespace sim::io
