// libFuzzer entry point (clang -fsanitize=fuzzer): one binary per target, chosen at compile time
// with -DPUSHPULL_FUZZ_TARGET=scenario|csv|edges|hdf5 (see tests/fuzz/README.md).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tests/fuzz/fuzz_targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    pushpull::fuzz::PUSHPULL_FUZZ_TARGET(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
