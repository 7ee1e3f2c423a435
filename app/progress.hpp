#pragma once
/// Progress of a long job: a bar with rate and ETA on a terminal (stderr), redrawn at most five
/// times a second; periodic log lines (every 10% or 30 s) when stderr is not a terminal.
#include <chrono>
#include <cstddef>
#include <string>

namespace app {

class Progress {
public:
    Progress(std::string label, std::size_t total);
    /// Called with the number of items done (from one thread at a time).
    void update(std::size_t done);
    /// Ends the bar line (terminal) and logs the final rate.
    void finish();

private:
    std::string label_;
    std::size_t total_;
    bool tty_;
    std::chrono::steady_clock::time_point start_, last_draw_;
    std::size_t last_logged_tenth_ = 0;
    bool finished_ = false;
};

}  // namespace app
