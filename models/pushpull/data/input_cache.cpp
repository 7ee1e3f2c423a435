#include "models/pushpull/data/input_cache.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "models/pushpull/data/truncate.hpp"

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

sim::Result<std::shared_ptr<const InputData>> cached_input_data(const fs::path& dir, CitySet cities, int data_until) {
    static std::mutex mutex;
    static std::map<std::tuple<std::string, int, int>, Entry> cache;
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(dir, ec);
    const auto key = std::tuple{(ec ? dir : canonical).string(), static_cast<int>(cities), data_until};
    const std::string now = stamp(dir);
    {
        const std::lock_guard lock(mutex);
        const auto it = cache.find(key);
        if (it != cache.end() && it->second.stamp == now) return it->second.data;
    }
    std::shared_ptr<const InputData> data;
    if (data_until != 0) {  // derived from the complete entry
        auto complete = cached_input_data(dir, cities, 0);
        if (!complete) return std::unexpected(complete.error());
        data = std::make_shared<const InputData>(truncated_after(**complete, data_until));
    } else {
        auto loaded = load_input_data(dir, cities);  // outside the lock: loading takes a while
        if (!loaded) return std::unexpected(loaded.error());
        data = std::make_shared<const InputData>(std::move(*loaded));
    }
    const std::lock_guard lock(mutex);
    cache[key] = Entry{now, data};
    return data;
}

}  // namespace pushpull::data
