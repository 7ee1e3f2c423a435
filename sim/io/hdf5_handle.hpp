#pragma once
/// A thin RAII layer over HDF5's C API: one owning handle type for every kind of identifier,
/// a guard that keeps HDF5 from printing its error stack, and the few HDF5 constants the writer
/// needs, wrapped in functions so their macros (comma expressions, C casts) stay out of our code.
/// Not thread-safe: Debian's serial HDF5 is not, so callers must not use HDF5 from two threads.
#include <hdf5.h>

#include <string>
#include <utility>

namespace sim::io {

/// Records that HDF5 refused to close a file (e.g. its last flush hit a full disk). HDF5 keeps
/// such a file registered and would flush it again in its atexit handler, which crashes in
/// H5_term_library; main() asks hdf5_teardown_unsafe() and then leaves with _Exit instead.
void note_unclosable_file() noexcept;
[[nodiscard]] bool hdf5_teardown_unsafe() noexcept;

/// Owns one HDF5 identifier and closes it with the matching H5*close function on destruction.
/// An invalid handle (negative id, e.g. from a failed H5*create) is allowed and closes nothing.
class H5Handle {
public:
    using Closer = herr_t (*)(hid_t);

    H5Handle() noexcept = default;
    H5Handle(hid_t id, Closer closer) noexcept : id_(id), closer_(closer) {}
    ~H5Handle() { (void)close(); }

    H5Handle(const H5Handle&) = delete;
    H5Handle& operator=(const H5Handle&) = delete;
    H5Handle(H5Handle&& other) noexcept : id_(std::exchange(other.id_, invalid)), closer_(other.closer_) {}
    H5Handle& operator=(H5Handle&& other) noexcept {
        if (this != &other) {
            (void)close();
            id_ = std::exchange(other.id_, invalid);
            closer_ = other.closer_;
        }
        return *this;
    }

    /// The raw identifier, still owned by this handle; negative when invalid.
    [[nodiscard]] hid_t get() const noexcept { return id_; }
    [[nodiscard]] bool valid() const noexcept { return id_ >= 0; }
    explicit operator bool() const noexcept { return valid(); }

    /// Closes now and reports HDF5's status (closing a file flushes it, which can fail).
    /// Returns 0 when there was nothing to close.
    herr_t close() noexcept {
        if (id_ < 0 || closer_ == nullptr) return 0;
        const herr_t status = closer_(id_);
        if (status < 0 && closer_ == &H5Fclose) note_unclosable_file();
        id_ = invalid;
        return status;
    }

private:
    static constexpr hid_t invalid = -1;
    hid_t id_ = invalid;
    Closer closer_ = nullptr;
};

// Typed constructors, so each call site says what it owns and the right closer follows.
[[nodiscard]] inline H5Handle file_handle(hid_t id) noexcept { return {id, &H5Fclose}; }
[[nodiscard]] inline H5Handle group_handle(hid_t id) noexcept { return {id, &H5Gclose}; }
[[nodiscard]] inline H5Handle dataset_handle(hid_t id) noexcept { return {id, &H5Dclose}; }
[[nodiscard]] inline H5Handle attribute_handle(hid_t id) noexcept { return {id, &H5Aclose}; }
[[nodiscard]] inline H5Handle dataspace_handle(hid_t id) noexcept { return {id, &H5Sclose}; }
[[nodiscard]] inline H5Handle datatype_handle(hid_t id) noexcept { return {id, &H5Tclose}; }
[[nodiscard]] inline H5Handle plist_handle(hid_t id) noexcept { return {id, &H5Pclose}; }
[[nodiscard]] inline H5Handle object_handle(hid_t id) noexcept { return {id, &H5Oclose}; }

/// While alive, HDF5 prints nothing to stderr on failure; the previous setting is restored after.
/// Failures are reported through return values and last_error_message() instead.
class ErrorSilencer {
public:
    ErrorSilencer() noexcept;
    ~ErrorSilencer();
    ErrorSilencer(const ErrorSilencer&) = delete;
    ErrorSilencer& operator=(const ErrorSilencer&) = delete;

private:
    H5E_auto2_t old_func_ = nullptr;
    void* old_data_ = nullptr;
    bool restore_ = false;
};

/// The innermost message on HDF5's default error stack (the most specific cause), or "" if the
/// stack is empty. Clears the stack, so the next failure starts fresh.
[[nodiscard]] std::string last_error_message();

// HDF5's predefined ids are macros expanding to `(H5open(), H5T_..._g)` and C casts; these
// functions keep that out of warning-checked code.
[[nodiscard]] hid_t default_plist() noexcept;    ///< H5P_DEFAULT
[[nodiscard]] hid_t all_selection() noexcept;    ///< H5S_ALL
[[nodiscard]] hid_t native_int32() noexcept;     ///< H5T_NATIVE_INT32
[[nodiscard]] hid_t native_int64() noexcept;     ///< H5T_NATIVE_INT64
[[nodiscard]] hid_t native_double() noexcept;    ///< H5T_NATIVE_DOUBLE
[[nodiscard]] hid_t std_i32le() noexcept;        ///< H5T_STD_I32LE (file type)
[[nodiscard]] hid_t std_i64le() noexcept;        ///< H5T_STD_I64LE (file type)
[[nodiscard]] hid_t ieee_f64le() noexcept;       ///< H5T_IEEE_F64LE (file type)
[[nodiscard]] hid_t plist_class_file_create() noexcept;     ///< H5P_FILE_CREATE
[[nodiscard]] hid_t plist_class_file_access() noexcept;     ///< H5P_FILE_ACCESS
[[nodiscard]] hid_t plist_class_group_create() noexcept;    ///< H5P_GROUP_CREATE
[[nodiscard]] hid_t plist_class_dataset_create() noexcept;  ///< H5P_DATASET_CREATE
[[nodiscard]] hid_t plist_class_attribute_create() noexcept;  ///< H5P_ATTRIBUTE_CREATE
[[nodiscard]] hid_t plist_class_link_create() noexcept;     ///< H5P_LINK_CREATE

/// A new variable-length, UTF-8, NUL-terminated string type (invalid handle on failure).
[[nodiscard]] H5Handle utf8_vlen_string_type() noexcept;

}  // namespace sim::io
