#include "app/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

#include "sim/log.hpp"

namespace app {

namespace {

std::string duration_text(double s) {
    char buf[32];
    if (s < 90)
        std::snprintf(buf, sizeof buf, "%.0f s", s);
    else if (s < 5400)
        std::snprintf(buf, sizeof buf, "%.1f min", s / 60);
    else
        std::snprintf(buf, sizeof buf, "%.1f h", s / 3600);
    return buf;
}

}  // namespace

Progress::Progress(std::string label, std::size_t total)
    : label_(std::move(label)),
      total_(total),
      tty_(::isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

void Progress::update(std::size_t done) {
    const auto now = std::chrono::steady_clock::now();
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
    const double eta = rate > 0 ? static_cast<double>(total_ - done) / rate : 0.0;
    if (tty_) {
        if (done != total_ && now - last_draw_ < std::chrono::milliseconds(200)) return;
        last_draw_ = now;
        constexpr int width = 30;
        const int filled = total_ ? static_cast<int>(width * done / total_) : width;
        std::string bar(static_cast<std::size_t>(filled), '#');
        bar.resize(width, ' ');
        std::fprintf(stderr, "\r%s [%s] %zu/%zu  %.1f/s  ETA %s   ", label_.c_str(), bar.c_str(), done, total_, rate,
                     duration_text(eta).c_str());
        std::fflush(stderr);
        return;
    }
    const std::size_t tenth = total_ ? 10 * done / total_ : 10;
    if (tenth > last_logged_tenth_ || now - last_draw_ > std::chrono::seconds(30)) {
        last_logged_tenth_ = tenth;
        last_draw_ = now;
        sim::logger("sim")->info("{}: {}/{} runs, {:.1f} runs/s, ETA {}", label_, done, total_, rate,
                                 duration_text(eta));
    }
}

void Progress::finish() {
    if (finished_) return;
    finished_ = true;
    if (tty_) std::fprintf(stderr, "\n");
}

}  // namespace app
