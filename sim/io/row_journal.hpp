#pragma once
/// An append-only journal of finished rows, kept beside a growing output file so an interrupted
/// job (even one killed with SIGKILL) can resume exactly where it stopped. Each record carries its
/// row index, its payload and a checksum; a torn last record is detected and dropped on reopening.
/// The header holds a fingerprint of the job, so a journal is never resumed by a different job.
/// Format: "pushpull-journal 1 <fingerprint>\n", then records
///   [u64 index][u32 payload bytes][payload][u64 FNV-1a of the preceding bytes of the record]
/// in the host's byte order (a journal is a private, local file).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/error.hpp"

namespace sim::io {

struct JournalRecord {
    std::uint64_t index = 0;
    std::string payload;
};

class RowJournal {
public:
    /// Starts a new journal (replacing any file at `path`). Errors: Io.
    static Result<RowJournal> create(const std::filesystem::path& path, const std::string& fingerprint);
    /// Reads the intact records of an existing journal and reopens it for appending after the last
    /// one (a torn tail is cut off). Errors: Io (unreadable), BadInput (not a journal, or written by a
    /// job with another fingerprint).
    static Result<RowJournal> resume(const std::filesystem::path& path, const std::string& fingerprint,
                                     std::vector<JournalRecord>& records);

    RowJournal(RowJournal&& other) noexcept;
    RowJournal& operator=(RowJournal&& other) noexcept;
    RowJournal(const RowJournal&) = delete;
    RowJournal& operator=(const RowJournal&) = delete;
    ~RowJournal();

    /// Appends one record and hands it to the operating system (survives the process being killed).
    Result<void> append(std::uint64_t index, const std::string& payload);
    /// Closes and deletes the journal (the job finished).
    void remove();

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    RowJournal(std::filesystem::path path, std::FILE* f) : path_(std::move(path)), file_(f) {}
    std::filesystem::path path_;
    std::FILE* file_ = nullptr;
};

/// Little helpers to build payloads: raw bytes of trivially copyable values and length-prefixed strings.
class PayloadWriter {
public:
    template <class T>
    void put(const T& v) {
        out_.append(reinterpret_cast<const char*>(&v), sizeof(T));
    }
    void put_string(const std::string& s) {
        put(static_cast<std::uint32_t>(s.size()));
        out_ += s;
    }
    [[nodiscard]] std::string take() { return std::move(out_); }

private:
    std::string out_;
};

class PayloadReader {
public:
    explicit PayloadReader(const std::string& in) : in_(in) {}
    template <class T>
    bool get(T& v) {
        if (pos_ + sizeof(T) > in_.size()) return false;
        std::copy_n(in_.data() + pos_, sizeof(T), reinterpret_cast<char*>(&v));
        pos_ += sizeof(T);
        return true;
    }
    bool get_string(std::string& s) {
        std::uint32_t n = 0;
        if (!get(n) || pos_ + n > in_.size()) return false;
        s.assign(in_.data() + pos_, n);
        pos_ += n;
        return true;
    }
    [[nodiscard]] bool done() const { return pos_ == in_.size(); }

private:
    const std::string& in_;
    std::size_t pos_ = 0;
};

}  // namespace sim::io
