// A plain mutation fuzzer (no compiler support needed): loads a seed corpus, then for a bounded
// time or number of runs mutates a random seed (bit flips, byte insertions and deletions, chunk
// duplication, splices of two seeds, "interesting" bytes such as [ { " . NUL and long digit runs)
// and feeds it to one target. A crash (signal, sanitizer report) or an escaping exception fails
// the run; the input that caused it is first saved as crash-<target>-<n>.bin in the working dir.
//
//   pushpull_fuzz TARGET [--seconds S] [--runs N] [--seed X] [--max-len BYTES] CORPUS_FILE_OR_DIR...
//   TARGET: scenario | csv | edges | hdf5
#include <csignal>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "tests/fuzz/fuzz_targets.hpp"

namespace {

namespace fs = std::filesystem;

std::string current_input;  // saved by the signal handler when a case crashes
std::string current_target;

void save_crash() {
    const std::string name = "crash-" + current_target + "-" + std::to_string(::getpid()) + ".bin";
    if (FILE* f = std::fopen(name.c_str(), "wb")) {
        std::fwrite(current_input.data(), 1, current_input.size(), f);
        std::fclose(f);
        std::fprintf(stderr, "pushpull_fuzz: crashing input saved to %s\n", name.c_str());
    }
}

void on_signal(int sig) {
    save_crash();
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

std::string read_all(const fs::path& p, std::size_t max_len) {
    std::ifstream in(p, std::ios::binary);
    std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (s.size() > max_len) s.resize(max_len);
    return s;
}

std::string mutate(std::string s, const std::vector<std::string>& corpus, std::mt19937_64& rng, std::size_t max_len) {
    static const char* interesting[] = {"[", "]", "{", "}", "\"", "'", ".", ",", "=", "\n", "#", "\\", "\0",
                                        "include = \"", "[[", "NA", "-1", "1e308", "nan", "inf", "99999999999999999999",
                                        "\r\n", "\xef\xbb\xbf", "\xff\xff\xff\xff", "0"};
    const int rounds = 1 + static_cast<int>(rng() % 8);
    for (int k = 0; k < rounds; ++k) {
        const std::size_t at = s.empty() ? 0 : rng() % (s.size() + 1);
        switch (rng() % 8) {
            case 0:  // flip a bit
                if (!s.empty()) s[at % s.size()] ^= static_cast<char>(1u << (rng() % 8));
                break;
            case 1:  // random byte
                if (!s.empty()) s[at % s.size()] = static_cast<char>(rng());
                break;
            case 2: {  // insert an interesting token
                const char* tok = interesting[rng() % (sizeof interesting / sizeof *interesting)];
                s.insert(at, std::string(tok, std::max<std::size_t>(1, std::strlen(tok))));
                break;
            }
            case 3: {  // delete a range
                if (s.empty()) break;
                const std::size_t n = 1 + rng() % std::min<std::size_t>(64, s.size() - at % s.size());
                s.erase(at % s.size(), n);
                break;
            }
            case 4: {  // duplicate a chunk (deepens nesting, lengthens tables)
                if (s.empty()) break;
                const std::size_t from = rng() % s.size();
                const std::size_t n = 1 + rng() % std::min<std::size_t>(256, s.size() - from);
                const std::string chunk = s.substr(from, n);
                const int times = 1 + static_cast<int>(rng() % 16);
                for (int t = 0; t < times; ++t) s.insert(at, chunk);
                break;
            }
            case 5: {  // splice with another seed
                const auto& o = corpus[rng() % corpus.size()];
                if (o.empty()) break;
                const std::size_t from = rng() % o.size();
                s = s.substr(0, at) + o.substr(from, rng() % (o.size() - from + 1));
                break;
            }
            case 6:  // truncate
                s.resize(at);
                break;
            default: {  // overwrite 4 or 8 bytes with an extreme integer (sizes, offsets in binary files)
                if (s.size() < 8) break;
                const std::uint64_t v = rng() % 2 ? ~0ULL : (1ULL << (rng() % 63));
                std::memcpy(s.data() + at % (s.size() - 7), &v, rng() % 2 ? 4 : 8);
                break;
            }
        }
        if (s.size() > max_len) s.resize(max_len);
    }
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: pushpull_fuzz scenario|csv|edges|hdf5 [--seconds S] [--runs N] [--seed X] [--max-len B] CORPUS...\n";
        return 2;
    }
    current_target = argv[1];
    void (*target)(std::string_view) = nullptr;
    if (current_target == "scenario") target = &pushpull::fuzz::scenario;
    if (current_target == "csv") target = &pushpull::fuzz::csv;
    if (current_target == "edges") target = &pushpull::fuzz::edges;
    if (current_target == "hdf5") target = &pushpull::fuzz::hdf5;
    if (!target) {
        std::cerr << "pushpull_fuzz: unknown target " << current_target << "\n";
        return 2;
    }
    double seconds = 20;
    long long max_runs = -1;
    std::uint64_t seed = 1;
    std::size_t max_len = 1 << 20;
    std::vector<fs::path> paths;
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--seconds" && i + 1 < argc) seconds = std::atof(argv[++i]);
        else if (a == "--runs" && i + 1 < argc) max_runs = std::atoll(argv[++i]);
        else if (a == "--seed" && i + 1 < argc) seed = std::strtoull(argv[++i], nullptr, 10);
        else if (a == "--max-len" && i + 1 < argc) max_len = std::strtoull(argv[++i], nullptr, 10);
        else paths.emplace_back(a);
    }
    std::vector<std::string> corpus;
    for (const auto& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            for (const auto& e : fs::recursive_directory_iterator(p, ec))
                if (e.is_regular_file()) corpus.push_back(read_all(e.path(), max_len));
        } else if (fs::is_regular_file(p, ec)) {
            corpus.push_back(read_all(p, max_len));
        }
    }
    if (corpus.empty()) {
        std::cerr << "pushpull_fuzz: empty corpus\n";
        return 2;
    }
    std::signal(SIGSEGV, on_signal);
    std::signal(SIGABRT, on_signal);
    std::signal(SIGBUS, on_signal);
    std::signal(SIGFPE, on_signal);
    std::mt19937_64 rng(seed);
    const auto t0 = std::chrono::steady_clock::now();
    long long runs = 0;
    try {
        for (const auto& c : corpus) {  // every seed once as it is
            current_input = c;
            target(c);
            ++runs;
        }
        while ((max_runs < 0 || runs < max_runs) &&
               std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() < seconds) {
            current_input = mutate(corpus[rng() % corpus.size()], corpus, rng, max_len);
            target(current_input);
            ++runs;
        }
    } catch (const std::exception& e) {
        save_crash();
        std::cerr << "pushpull_fuzz: " << current_target << ": exception escaped after " << runs << " runs: " << e.what() << "\n";
        return 1;
    }
    std::cout << "pushpull_fuzz " << current_target << ": " << runs << " inputs in "
              << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() << " s, no crash\n";
    return 0;
}
