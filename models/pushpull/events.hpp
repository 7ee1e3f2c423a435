#pragma once
/// Events of a run (the /events table). Phases write events into per-agent slots in parallel; the
/// schedule flushes them in (phase, agent) order, so the log does not depend on the thread count.
#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

namespace pushpull {

enum class EventKind : std::uint8_t {
    Tender = 0, Offer, Award, Approve, Contest, Delay, Downscale, Cancel, GoLive, Expansion, Message, Visit, Loan,
    Refuse,       ///< R3: the national gate refused a project before signature
    Alternative,  ///< R5: a U.S.-backed alternative offer reached a decider
    Count
};
inline constexpr std::array<const char*, static_cast<std::size_t>(EventKind::Count)> kEventKindNames = {
    "tender", "offer", "award", "approve", "contest", "delay", "downscale",
    "cancel", "go-live", "expansion", "message", "visit", "loan", "refuse", "alternative"};

struct Event {
    std::int32_t step = 0;
    std::int32_t city = -1;     ///< -1 for country-level events (visit, national message)
    std::int32_t country = -1;
    std::int8_t vendor = -1;    ///< -1 where no vendor is involved
    EventKind kind = EventKind::Tender;
};

/// Up to kPerAgent events per agent per phase, written in parallel by the owning agent only.
class EventSlots {
public:
    static constexpr std::size_t kPerAgent = 8;
    void reset(std::size_t agents) {
        slots_.resize(agents * kPerAgent);
        counts_.assign(agents, 0);
    }
    void push(std::size_t agent, const Event& e) {
        auto& n = counts_[agent];
        if (n < kPerAgent) slots_[agent * kPerAgent + n++] = e;
    }
    /// Appends every agent's events in agent order and clears the slots.
    void flush_into(std::vector<Event>& log) {
        const std::size_t n = counts_.size();
        for (std::size_t a = 0; a < n; ++a) {
            // Most agents log nothing in a phase: skip 8 empty counters at a time.
            if (a + 8 <= n && a % 8 == 0) {
                std::uint64_t word;
                std::memcpy(&word, counts_.data() + a, sizeof word);
                if (word == 0) {
                    a += 7;
                    continue;
                }
            }
            for (std::size_t k = 0; k < counts_[a]; ++k) log.push_back(slots_[a * kPerAgent + k]);
            counts_[a] = 0;
        }
    }

private:
    std::vector<Event> slots_;
    std::vector<std::uint8_t> counts_;
};

}  // namespace pushpull
