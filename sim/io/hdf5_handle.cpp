#include "sim/io/hdf5_handle.hpp"

#include <atomic>

namespace sim::io {

namespace {
std::atomic<bool> unclosable_file{false};
}

void note_unclosable_file() noexcept { unclosable_file.store(true); }
bool hdf5_teardown_unsafe() noexcept { return unclosable_file.load(); }

ErrorSilencer::ErrorSilencer() noexcept {
    restore_ = H5Eget_auto2(H5E_DEFAULT, &old_func_, &old_data_) >= 0;
    (void)H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

ErrorSilencer::~ErrorSilencer() {
    if (restore_) (void)H5Eset_auto2(H5E_DEFAULT, old_func_, old_data_);
}

namespace {

// H5Ewalk2 callback: remembers the first entry, which walking upward is the innermost one.
herr_t keep_innermost(unsigned n, const H5E_error2_t* err, void* out) {
    if (n == 0 && err != nullptr && err->desc != nullptr) *static_cast<std::string*>(out) = err->desc;
    return 0;
}

}  // namespace

std::string last_error_message() {
    std::string msg;
    (void)H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, &keep_innermost, &msg);
    (void)H5Eclear2(H5E_DEFAULT);
    return msg;
}

hid_t default_plist() noexcept { return H5P_DEFAULT; }
hid_t all_selection() noexcept { return H5S_ALL; }
hid_t native_int32() noexcept { return H5T_NATIVE_INT32; }
hid_t native_int64() noexcept { return H5T_NATIVE_INT64; }
hid_t native_double() noexcept { return H5T_NATIVE_DOUBLE; }
hid_t std_i32le() noexcept { return H5T_STD_I32LE; }
hid_t std_i64le() noexcept { return H5T_STD_I64LE; }
hid_t ieee_f64le() noexcept { return H5T_IEEE_F64LE; }
hid_t plist_class_file_create() noexcept { return H5P_FILE_CREATE; }
hid_t plist_class_file_access() noexcept { return H5P_FILE_ACCESS; }
hid_t plist_class_group_create() noexcept { return H5P_GROUP_CREATE; }
hid_t plist_class_dataset_create() noexcept { return H5P_DATASET_CREATE; }
hid_t plist_class_attribute_create() noexcept { return H5P_ATTRIBUTE_CREATE; }
hid_t plist_class_link_create() noexcept { return H5P_LINK_CREATE; }

H5Handle utf8_vlen_string_type() noexcept {
    H5Handle t = datatype_handle(H5Tcopy(H5T_C_S1));
    if (!t) return t;
    if (H5Tset_size(t.get(), H5T_VARIABLE) < 0 || H5Tset_cset(t.get(), H5T_CSET_UTF8) < 0 ||
        H5Tset_strpad(t.get(), H5T_STR_NULLTERM) < 0)
        return {};
    return t;
}

}  // namespace sim::io
