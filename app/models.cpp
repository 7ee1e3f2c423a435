#include "sim/model_api.hpp"

namespace sim {

const std::vector<ModelEntry>& model_registry() {
    static const std::vector<ModelEntry> entries = {};
    return entries;
}

}  // namespace sim
