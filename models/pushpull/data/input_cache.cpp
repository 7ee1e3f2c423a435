#include "models/pushpull/data/input_cache.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace pushpull::data {

namespace fs = std::filesystem;

namespace {

/// (path, size, mtime) of every regular file under `dir`, sorted: changes when any file does.
std::string stamp(const fs::path& dir) {
    std::vector<std::string> parts;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        const auto size = it->file_size(ec);
        const auto mtime = it->last_write_time(ec).time_since_epoch().count();
        parts.push_back(it->path().string() + '\t' + std::to_string(size) + '\t' + std::to_string(mtime));
    }
    std::sort(parts.begin(), parts.end());
    std::string s;
    for (const auto& p : parts) s += p + '\n';
    return s;
}

struct Entry {
    std::string stamp;
    std::shared_ptr<const InputData> data;
};

}  // namespace

sim::Result<std::shared_ptr<const InputData>> cached_input_data(const fs::path& dir, CitySet cities) {
    static std::mutex mutex;
    static std::map<std::pair<std::string, int>, Entry> cache;
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(dir, ec);
    const auto key = std::pair{(ec ? dir : canonical).string(), static_cast<int>(cities)};
    const std::string now = stamp(dir);
    {
        const std::lock_guard lock(mutex);
        const auto it = cache.find(key);
        if (it != cache.end() && it->second.stamp == now) return it->second.data;
    }
    auto loaded = load_input_data(dir, cities);  // outside the lock: loading takes a while
    if (!loaded) return std::unexpected(loaded.error());
    auto data = std::make_shared<const InputData>(std::move(*loaded));
    const std::lock_guard lock(mutex);
    cache[key] = Entry{now, data};
    return data;
}

}  // namespace pushpull::data
