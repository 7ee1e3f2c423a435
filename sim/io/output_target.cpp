#include "sim/io/output_target.hpp"

#include <fcntl.h>
#include <stdio.h>  // renameat2 (glibc >= 2.28, _GNU_SOURCE)
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>
#include <system_error>

namespace sim::io {

namespace fs = std::filesystem;

namespace {

std::string errno_text(int e) { return std::error_code(e, std::generic_category()).message(); }

fs::path directory_of(const fs::path& target) {
    return target.parent_path().empty() ? fs::path(".") : target.parent_path();
}

/// What kind of non-regular file `st` is, for the refusal message.
const char* kind_of(const struct stat& st) {
    if (S_ISDIR(st.st_mode)) return "a directory";
    if (S_ISLNK(st.st_mode)) return "a symbolic link";
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) return "a device";
    if (S_ISFIFO(st.st_mode)) return "a FIFO";
    if (S_ISSOCK(st.st_mode)) return "a socket";
    return "not a regular file";
}

/// The key two claims of one target share: the absolute, lexically normal path.
std::string key_of(const fs::path& target) {
    std::error_code ec;
    fs::path abs = fs::absolute(target, ec);
    if (ec) abs = target;
    return abs.lexically_normal().string();
}

}  // namespace

struct OutputLock::State {
    fs::path lock_file;
    int fd = -1;
    std::string key;
    pid_t pid = 0;  // a forked child does not share its parent's lock
    ~State();
};

namespace {

std::mutex& registry_mutex() {
    static std::mutex m;
    return m;
}
std::map<std::string, std::weak_ptr<OutputLock::State>>& registry() {
    static std::map<std::string, std::weak_ptr<OutputLock::State>> r;
    return r;
}

}  // namespace

OutputLock::State::~State() {
    if (fd < 0) return;
    // Unlink while still holding the lock: a process waiting on the old file sees, after it gets
    // the lock, that the path no longer names its file and starts over on a new one.
    (void)::unlink(lock_file.c_str());
    (void)::close(fd);
}

fs::path lock_path(const fs::path& target) {
    std::string name = ".";
    name += target.filename().string();
    name += ".lock";
    return directory_of(target) / name;
}

Result<void> check_output_path(const fs::path& target, bool overwrite) {
    if (target.empty()) return bad_input("-o", "empty output path");
    if (target == "-")
        return bad_input(target.string(), "writing HDF5 to standard output is not supported; give a file name");
    if (target.filename().empty() || target.filename() == "." || target.filename() == "..")
        return bad_input(target.string(), "not a file name");
    if (target.string().find('\0') != std::string::npos) return bad_input("-o", "output path contains a NUL byte");
    const fs::path dir = directory_of(target);
    struct stat st {};
    if (::lstat(target.c_str(), &st) == 0) {
        if (!S_ISREG(st.st_mode))
            return bad_input(target.string(),
                             std::string("output target exists and is ") + kind_of(st) + "; refusing to write it");
        if (!overwrite) return io_error(target.string(), "output file exists; use --force to overwrite it");
    } else if (errno != ENOENT) {
        return io_error(target.string(), "cannot inspect output target: " + errno_text(errno));
    }
    struct stat dst {};
    if (::stat(dir.c_str(), &dst) != 0 || !S_ISDIR(dst.st_mode))
        return io_error(target.string(), "directory " + dir.string() + " does not exist");
    if (::access(dir.c_str(), W_OK) != 0)
        return io_error(target.string(), "directory " + dir.string() + " is not writable");
    return {};
}

Result<OutputLock> claim_output(const fs::path& target, bool overwrite) {
    if (auto ok = check_output_path(target, overwrite); !ok) return std::unexpected(ok.error());
    const std::string key = key_of(target);
    const std::lock_guard guard(registry_mutex());
    if (auto it = registry().find(key); it != registry().end())
        if (auto shared = it->second.lock(); shared && shared->pid == ::getpid()) return OutputLock(shared);

    const fs::path lp = lock_path(target);
    for (int attempt = 0; attempt < 100; ++attempt) {
        const int fd = ::open(lp.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd < 0) return io_error(target.string(), "cannot create lock file " + lp.string() + ": " + errno_text(errno));
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            const int e = errno;
            (void)::close(fd);
            if (e == EWOULDBLOCK)
                return io_error(target.string(), "another process is writing this output (lock " + lp.string() +
                                                     " is held); nothing was written");
            return io_error(target.string(), "cannot lock " + lp.string() + ": " + errno_text(e));
        }
        // The holder we waited for may have removed the lock file; then our lock is on a dead inode.
        struct stat by_fd {}, by_name {};
        if (::fstat(fd, &by_fd) != 0 || ::stat(lp.c_str(), &by_name) != 0 || by_fd.st_ino != by_name.st_ino ||
            by_fd.st_dev != by_name.st_dev) {
            (void)::close(fd);
            continue;
        }
        auto state = std::make_shared<OutputLock::State>();
        state->lock_file = lp;
        state->fd = fd;
        state->key = key;
        state->pid = ::getpid();
        // Under the lock: the target may have been created by the previous holder.
        if (auto ok = check_output_path(target, overwrite); !ok) return std::unexpected(ok.error());
        (void)remove_stale_temporaries(target);
        registry()[key] = state;
        return OutputLock(state);
    }
    return io_error(target.string(), "cannot take the lock " + lp.string() + " (it keeps changing)");
}

fs::path temporary_path(const fs::path& target) {
    static std::atomic<unsigned> counter{0};
    std::string name = ".";  // built by appending: g++ 12 warns (-Wrestrict) on "lit" + string&&
    name += target.filename().string();
    name += ".tmp-";
    name += std::to_string(::getpid());
    name += '-';
    name += std::to_string(counter.fetch_add(1));
    return directory_of(target) / name;
}

std::size_t remove_stale_temporaries(const fs::path& target) {
    std::string prefix = ".";
    prefix += target.filename().string();
    prefix += ".tmp-";
    std::error_code ec;
    std::size_t removed = 0;
    for (fs::directory_iterator it(directory_of(target), ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.rfind(prefix, 0) != 0) continue;
        std::error_code rec;
        if (it->is_regular_file(rec) && !it->is_symlink(rec) && fs::remove(it->path(), rec)) ++removed;
    }
    return removed;
}

Result<void> commit_output(const fs::path& tmp, const fs::path& target, bool overwrite) {
    if (overwrite) {
        // Replacing is allowed, but never replace something that is not a regular file.
        struct stat st {};
        if (::lstat(target.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
            return bad_input(target.string(), std::string("output target is ") + kind_of(st) + "; refusing to replace it");
        if (::rename(tmp.c_str(), target.c_str()) != 0)
            return io_error(target.string(), "cannot rename " + tmp.string() + " onto it: " + errno_text(errno));
        return {};
    }
    if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE) == 0) return {};
    int e = errno;
    if (e == EINVAL || e == ENOSYS || e == ENOTSUP) {
        // No RENAME_NOREPLACE on this file system: link() refuses an existing name atomically too.
        if (::link(tmp.c_str(), target.c_str()) == 0) {
            (void)::unlink(tmp.c_str());
            return {};
        }
        e = errno;
    }
    if (e == EEXIST)
        return io_error(target.string(), "output file appeared while writing; not replaced (use --force)");
    return io_error(target.string(), "cannot rename " + tmp.string() + " onto it: " + errno_text(e));
}

Result<void> write_bytes_file(const fs::path& path, const void* bytes, std::size_t n, const fs::path& target) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) return io_error(target.string(), "cannot create " + path.string() + ": " + errno_text(errno));
    const auto* p = static_cast<const char*>(bytes);
    std::size_t left = n;
    int e = 0;
    while (left > 0) {
        const ssize_t w = ::write(fd, p, left);
        if (w < 0) {
            if (errno == EINTR) continue;
            e = errno;
            break;
        }
        p += w;
        left -= static_cast<std::size_t>(w);
    }
    if (e == 0 && ::fsync(fd) != 0) e = errno;
    if (::close(fd) != 0 && e == 0) e = errno;
    if (e != 0) {
        (void)::unlink(path.c_str());
        return io_error(target.string(), "cannot write " + path.string() + ": " + errno_text(e));
    }
    return {};
}

}  // namespace sim::io
