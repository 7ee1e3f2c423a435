#include "models/classic/registry.hpp"
#include "models/pushpull/model_entry.hpp"
#include "sim/model_api.hpp"

namespace sim {

const std::vector<ModelEntry>& model_registry() {
    static const std::vector<ModelEntry> entries = [] {
        std::vector<ModelEntry> e;
        e.push_back(pushpull::model_entry());
        for (auto& m : classic::classic_models()) e.push_back(std::move(m));
        return e;
    }();
    return entries;
}

}  // namespace sim
