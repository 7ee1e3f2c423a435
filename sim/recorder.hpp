#pragma once
/// The recorder seam: the schedule hands a read-only snapshot to a recorder after every step.
/// Rules never see a recorder; a recorder never changes the state.
#include <cstddef>

namespace sim {

template <class Snapshot>
class Recorder {
public:
    virtual ~Recorder() = default;
    virtual void record(std::size_t step, const Snapshot& snapshot) = 0;
};

}  // namespace sim
