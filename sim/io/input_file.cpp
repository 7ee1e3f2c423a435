#include "sim/io/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <system_error>

namespace sim::io {

namespace {

std::string errno_text(int e) { return std::error_code(e, std::generic_category()).message(); }

const char* kind_of(mode_t m) {
    if (S_ISDIR(m)) return "a directory";
    if (S_ISFIFO(m)) return "a FIFO";
    if (S_ISCHR(m) || S_ISBLK(m)) return "a device";
    if (S_ISSOCK(m)) return "a socket";
    return "not a regular file";
}

}  // namespace

Result<void> read_input_chunks(const std::filesystem::path& path, const std::function<bool(std::string_view)>& sink,
                               std::size_t max_bytes, const std::string& where) {
    const std::string name = where.empty() ? path.string() : where;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR) return io_error(name, "no such file");
        return io_error(name, "cannot open: " + errno_text(errno));
    }
    if (!S_ISREG(st.st_mode)) return bad_input(name, std::string("is ") + kind_of(st.st_mode) + ", not a regular file");
    // O_NONBLOCK: if the name was swapped for a FIFO after the stat, open does not wait for a writer.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return io_error(name, "cannot open: " + errno_text(errno));
    struct stat fst {};
    if (::fstat(fd, &fst) != 0 || !S_ISREG(fst.st_mode)) {
        (void)::close(fd);
        return bad_input(name, "is not a regular file");
    }
    // Pieces of up to 1 MiB; a small file gets a buffer of its own size (plus one byte, so the
    // read that finds the end is not a second piece). Not zeroed: read(2) fills what is used.
    constexpr std::size_t kMaxChunk = std::size_t{1} << 20;
    const auto size = static_cast<std::size_t>(std::max<off_t>(fst.st_size, 0));
    const std::size_t chunk = std::min(kMaxChunk, std::max<std::size_t>(size + 1, 4096));
    const auto buf = std::make_unique_for_overwrite<char[]>(chunk);
    std::size_t total = 0;
    while (true) {
        const ssize_t n = ::read(fd, buf.get(), chunk);
        if (n == 0) break;
        if (n < 0) {
            if (errno == EINTR) continue;
            const int e = errno;
            (void)::close(fd);
            return io_error(name, "cannot read: " + errno_text(e));
        }
        total += static_cast<std::size_t>(n);
        if (total > max_bytes) {
            (void)::close(fd);
            return bad_input(name, "larger than the limit of " + std::to_string(max_bytes >> 20) + " MiB");
        }
        if (!sink(std::string_view(buf.get(), static_cast<std::size_t>(n)))) break;
    }
    (void)::close(fd);
    return {};
}

Result<std::string> read_input_file(const std::filesystem::path& path, std::size_t max_bytes, const std::string& where) {
    std::string out;
    auto r = read_input_chunks(
        path, [&](std::string_view piece) { out.append(piece); return true; }, max_bytes, where);
    if (!r) return std::unexpected(std::move(r.error()));
    return out;
}

}  // namespace sim::io
