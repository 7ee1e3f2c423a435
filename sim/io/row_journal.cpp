#include "sim/io/row_journal.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <system_error>
#include <utility>

namespace sim::io {

namespace fs = std::filesystem;

namespace {

const std::string kMagic = "pushpull-journal 1 ";

std::uint64_t fnv1a(const char* p, std::size_t n, std::uint64_t h = 1469598103934665603ULL) {
    for (std::size_t i = 0; i < n; ++i) {
        h ^= static_cast<unsigned char>(p[i]);
        h *= 1099511628211ULL;
    }
    return h;
}

std::unexpected<Error> os_error(const fs::path& path, const std::string& what) {
    return io_error(path.string(), what + ": " + std::strerror(errno));
}

}  // namespace

RowJournal::RowJournal(RowJournal&& other) noexcept
    : path_(std::move(other.path_)), file_(std::exchange(other.file_, nullptr)) {}
RowJournal& RowJournal::operator=(RowJournal&& other) noexcept {
    if (this != &other) {
        if (file_) std::fclose(file_);
        path_ = std::move(other.path_);
        file_ = std::exchange(other.file_, nullptr);
    }
    return *this;
}
RowJournal::~RowJournal() {
    if (file_) std::fclose(file_);
}

Result<RowJournal> RowJournal::create(const fs::path& path, const std::string& fingerprint) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return os_error(path, "cannot create journal");
    const std::string header = kMagic + fingerprint + "\n";
    if (std::fwrite(header.data(), 1, header.size(), f) != header.size() || std::fflush(f) != 0) {
        std::fclose(f);
        return os_error(path, "cannot write journal");
    }
    return RowJournal(path, f);
}

Result<RowJournal> RowJournal::resume(const fs::path& path, const std::string& fingerprint,
                                      std::vector<JournalRecord>& records) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return io_error(path.string(), "cannot read journal");
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::size_t eol = bytes.find('\n');
    if (eol == std::string::npos || bytes.compare(0, kMagic.size(), kMagic) != 0)
        return bad_input(path.string(), "not a pushpull journal");
    if (bytes.substr(kMagic.size(), eol - kMagic.size()) != fingerprint)
        return bad_input(path.string(),
                         "journal belongs to a different job (the sweep file, its base scenario or the "
                         "data changed); remove it and the .part file to start again");
    std::size_t pos = eol + 1;
    records.clear();
    for (;;) {
        std::uint64_t index = 0, sum = 0;
        std::uint32_t n = 0;
        constexpr std::size_t head = sizeof index + sizeof n;
        if (pos + head > bytes.size()) break;
        std::memcpy(&index, bytes.data() + pos, sizeof index);
        std::memcpy(&n, bytes.data() + pos + sizeof index, sizeof n);
        if (pos + head + n + sizeof sum > bytes.size()) break;
        std::memcpy(&sum, bytes.data() + pos + head + n, sizeof sum);
        if (sum != fnv1a(bytes.data() + pos, head + n)) break;
        records.push_back({index, bytes.substr(pos + head, n)});
        pos += head + n + sizeof sum;
    }
    std::error_code ec;
    fs::resize_file(path, pos, ec);  // drop a torn tail so appends follow the last good record
    if (ec) return io_error(path.string(), "cannot truncate journal: " + ec.message());
    std::FILE* f = std::fopen(path.c_str(), "ab");
    if (!f) return os_error(path, "cannot reopen journal");
    return RowJournal(path, f);
}

Result<void> RowJournal::append(std::uint64_t index, const std::string& payload) {
    std::string rec;
    const auto n = static_cast<std::uint32_t>(payload.size());
    rec.append(reinterpret_cast<const char*>(&index), sizeof index);
    rec.append(reinterpret_cast<const char*>(&n), sizeof n);
    rec += payload;
    const std::uint64_t sum = fnv1a(rec.data(), rec.size());
    rec.append(reinterpret_cast<const char*>(&sum), sizeof sum);
    if (std::fwrite(rec.data(), 1, rec.size(), file_) != rec.size() || std::fflush(file_) != 0)
        return os_error(path_, "cannot append to journal");
    return {};
}

void RowJournal::remove() {
    if (file_) std::fclose(file_);
    file_ = nullptr;
    std::error_code ec;
    fs::remove(path_, ec);
}

}  // namespace sim::io
