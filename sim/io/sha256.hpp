#pragma once
/// SHA-256 (FIPS 180-4) through OpenSSL's libcrypto (EVP interface, which uses the CPU's SHA
/// extensions where present), used to record the checksums of input files in the provenance of
/// every run and to fingerprint sweeps and calibrations.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "sim/error.hpp"

namespace sim::io {

/// Incremental SHA-256: update() any number of times, then hex_digest() once.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(Sha256&&) noexcept;
    Sha256& operator=(Sha256&&) noexcept;
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;
    /// Feeds `bytes` into the hash.
    void update(std::string_view bytes);
    /// Finishes the hash and returns the 64-character lowercase hex digest. Call once.
    [[nodiscard]] std::string hex_digest();

private:
    struct Ctx;
    std::unique_ptr<Ctx> ctx_;
};

/// SHA-256 hex digest of `bytes`.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

/// SHA-256 hex digest of the bytes of the file at `path`. Error (Io) if it cannot be read.
[[nodiscard]] Result<std::string> sha256_file(const std::filesystem::path& path);

}  // namespace sim::io
