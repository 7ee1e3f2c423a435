#pragma once
/// The schema of a scenario file: every key a model accepts, with type, range, unit and doc.
/// The model declares its schema; the loader (scenario.hpp) validates files against it.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace sim::config {

using Value = std::variant<bool, std::int64_t, double, std::string>;

enum class Type { Bool, Int, Float, String, Path };

struct KeySpec {
    std::string path;  ///< dotted key path, e.g. "params.beta_crime" or "vendors.huawei.capacity"
    Type type = Type::Float;
    Value default_value;
    std::optional<double> min;          ///< inclusive bounds for Int/Float
    std::optional<double> max;
    std::vector<std::string> choices;   ///< allowed values for String (empty: any)
    std::string unit;                   ///< e.g. "per SD", "years", "1/step"
    std::string doc;                    ///< one line: meaning and source
    std::string prior;                  ///< e.g. "U(-8, -3)"; empty if fixed
};

class Schema {
public:
    Schema& add(KeySpec spec) {
        keys_.push_back(std::move(spec));
        return *this;
    }
    [[nodiscard]] const KeySpec* find(const std::string& path) const {
        for (const auto& k : keys_)
            if (k.path == path) return &k;
        return nullptr;
    }
    [[nodiscard]] const std::vector<KeySpec>& keys() const { return keys_; }

private:
    std::vector<KeySpec> keys_;
};

}  // namespace sim::config
