#include "sim/output/hdf5_writer.hpp"

#include <sys/wait.h>
#include <csignal>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <exception>
#include <limits>
#include <set>
#include <string_view>
#include <system_error>

#include "sim/io/hdf5_handle.hpp"
#include "sim/io/output_target.hpp"
#include "sim/output/hdf5_detail.hpp"

namespace sim::out {

namespace {

namespace fs = std::filesystem;
using io::H5Handle;

constexpr hsize_t chunk_elements = 16384;  // ~128 KiB of doubles: good ratio, cheap partial reads
constexpr unsigned deflate_level = 4;      // most of level 9's ratio at a fraction of its time

std::unexpected<Error> internal_error(std::string where, std::string what) {
    return std::unexpected(Error(ErrorKind::Internal, std::move(where), std::move(what)));
}

/// "file.h5:/group/dataset", the location every object-level error names.
std::string where_of(const fs::path& file, const std::string& object) {
    return file.string() + ":" + (object.empty() ? "/" : object);
}

/// An error for a failed HDF5 call, with HDF5's own innermost message appended when it has one.
std::unexpected<Error> h5_failure(ErrorKind kind, const fs::path& file, const std::string& object,
                                  std::string what) {
    const std::string detail = io::last_error_message();
    // A failed system write (a full disk, EIO) is an I/O error whatever call met it.
    if (detail.find("write failed") != std::string::npos || detail.find("errno = ") != std::string::npos)
        kind = ErrorKind::Io;
    if (!detail.empty()) what += " (HDF5: " + detail + ")";
    return std::unexpected(Error(kind, where_of(file, object), std::move(what)));
}

std::string child_path(const std::string& parent, const std::string& name) {
    return (parent == "/" ? "" : parent) + "/" + name;
}

// ---------------------------------------------------------------------------------------------
// Writing

using detail::WriteContext;

Result<void> check_name(const WriteContext& ctx, const std::string& object, const std::string& name) {
    if (name.empty() || name == "." || name.find('/') != std::string::npos ||
        name.find('\0') != std::string::npos)
        return internal_error(where_of(ctx.target, object),
                              "invalid HDF5 name '" + name + "' (empty, '.', or contains '/' or NUL)");
    return {};
}

/// HDF5 variable-length strings end at the first NUL, so an embedded NUL would silently truncate.
Result<void> check_strings(const WriteContext& ctx, const std::string& object,
                           const std::vector<std::string>& v) {
    for (std::size_t i = 0; i < v.size(); ++i)
        if (v[i].find('\0') != std::string::npos)
            return internal_error(where_of(ctx.target, object),
                                  "string " + std::to_string(i) + " contains a NUL byte, which HDF5 "
                                  "variable-length strings cannot hold");
    return {};
}

/// Memory layout of a column or vector attribute, ready to hand to H5Dwrite/H5Awrite.
struct Buffer {
    hid_t file_type = -1;
    hid_t mem_type = -1;
    const void* data = nullptr;
    std::size_t count = 0;
    std::vector<const char*> c_strings;  // owns the pointer array for string data
};

Buffer buffer_of(const WriteContext& /*ctx*/, const std::vector<std::int32_t>& v) {
    return {io::std_i32le(), io::native_int32(), v.data(), v.size(), {}};
}
Buffer buffer_of(const WriteContext& /*ctx*/, const std::vector<std::int64_t>& v) {
    return {io::std_i64le(), io::native_int64(), v.data(), v.size(), {}};
}
Buffer buffer_of(const WriteContext& /*ctx*/, const std::vector<double>& v) {
    return {io::ieee_f64le(), io::native_double(), v.data(), v.size(), {}};
}
Buffer buffer_of(const WriteContext& ctx, const std::vector<std::string>& v) {
    Buffer b{ctx.string_type.get(), ctx.string_type.get(), nullptr, v.size(), {}};
    b.c_strings.reserve(v.size());
    for (const auto& s : v) b.c_strings.push_back(s.c_str());
    b.data = b.c_strings.data();
    return b;
}

/// A scalar attribute value viewed as a one-element vector, so scalars and vectors share code.
template <class T>
std::vector<T> one(const T& x) {
    return std::vector<T>{x};
}

Result<void> write_attribute(const WriteContext& ctx, hid_t obj, const std::string& object,
                             const std::string& name, const AttrValue& value) {
    const std::string where = object + " @" + name;
    if (name.empty()) return internal_error(where_of(ctx.target, where), "empty attribute name");
    const bool scalar = std::holds_alternative<std::int64_t>(value) || std::holds_alternative<double>(value) ||
                        std::holds_alternative<std::string>(value);
    // Scalars are widened to one-element vectors only to build the buffer; the dataspace says scalar.
    Column values = std::visit(
        [](const auto& x) -> Column {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::int64_t> || std::is_same_v<T, double> ||
                          std::is_same_v<T, std::string>)
                return Column(one(x));
            else
                return Column(x);
        },
        value);
    if (const auto* s = std::get_if<std::vector<std::string>>(&values))
        if (auto ok = check_strings(ctx, where, *s); !ok) return ok;
    const Buffer buf = std::visit([&](const auto& v) { return buffer_of(ctx, v); }, values);

    const std::array<hsize_t, 1> dims{buf.count};
    H5Handle space = io::dataspace_handle(scalar ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, dims.data(), nullptr));
    if (!space) return h5_failure(ErrorKind::Internal, ctx.target, where, "cannot create attribute dataspace");
    H5Handle attr =
        io::attribute_handle(H5Acreate2(obj, name.c_str(), buf.file_type, space.get(), ctx.acpl.get(), io::default_plist()));
    if (!attr) return h5_failure(ErrorKind::Internal, ctx.target, where, "cannot create attribute");
    if (buf.count > 0 && H5Awrite(attr.get(), buf.mem_type, buf.data) < 0)
        return h5_failure(ErrorKind::Internal, ctx.target, where, "cannot write attribute");
    if (attr.close() < 0) return h5_failure(ErrorKind::Internal, ctx.target, where, "cannot close attribute");
    return {};
}

Result<void> write_attributes(const WriteContext& ctx, hid_t obj, const std::string& object, const Attributes& attrs) {
    for (const auto& [name, value] : attrs)
        if (auto ok = write_attribute(ctx, obj, object, name, value); !ok) return ok;
    return {};
}

/// The dataset's extent: {n} for a column, {rows, cols} for a 2-D array. Internal error when the
/// shape does not describe the data.
Result<std::vector<hsize_t>> extent_of(const WriteContext& ctx, const std::string& object, const Dataset& ds) {
    const std::size_t n = size(ds.data);
    if (ds.shape.empty()) return std::vector<hsize_t>{n};
    if (ds.shape.size() != 2)
        return internal_error(where_of(ctx.target, object), "shape must be empty (1-D) or {rows, cols}");
    const std::size_t rows = ds.shape[0];
    const std::size_t cols = ds.shape[1];
    if ((cols != 0 && rows > std::numeric_limits<std::size_t>::max() / cols) || rows * cols != n)
        return internal_error(where_of(ctx.target, object),
                              "shape {" + std::to_string(rows) + ", " + std::to_string(cols) + "} does not match " +
                                  std::to_string(n) + " elements");
    return std::vector<hsize_t>{rows, cols};
}

/// Chunk dims: up to chunk_elements along dim 0 for 1-D; whole rows, ~chunk_elements per chunk, for 2-D.
/// Precondition: the extent has at least one element.
std::vector<hsize_t> chunk_of(const std::vector<hsize_t>& extent) {
    if (extent.size() == 1) return {std::min(extent[0], chunk_elements)};
    const hsize_t rows = std::clamp<hsize_t>(chunk_elements / extent[1], 1, extent[0]);
    return {rows, extent[1]};
}

Result<H5Handle> dataset_plist(const WriteContext& ctx, const std::string& object, const std::vector<hsize_t>& extent,
                               std::size_t n) {
    H5Handle dcpl = io::plist_handle(H5Pcreate(io::plist_class_dataset_create()));
    if (!dcpl || H5Pset_obj_track_times(dcpl.get(), false) < 0 ||
        H5Pset_attr_creation_order(dcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED) < 0)
        return h5_failure(ErrorKind::Internal, ctx.target, object, "cannot set up dataset creation properties");
    if (n <= ctx.opts.compress_above) return dcpl;
    const std::vector<hsize_t> chunk = chunk_of(extent);
    if (H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()) < 0 || H5Pset_shuffle(dcpl.get()) < 0 ||
        H5Pset_deflate(dcpl.get(), deflate_level) < 0)
        return h5_failure(ErrorKind::Internal, ctx.target, object, "cannot set up chunking and compression");
    return dcpl;
}

Result<void> write_dataset(const WriteContext& ctx, hid_t parent, const std::string& parent_path, const Dataset& ds) {
    const std::string object = child_path(parent_path, ds.name);
    if (auto ok = check_name(ctx, parent_path, ds.name); !ok) return ok;
    if (const auto* s = std::get_if<std::vector<std::string>>(&ds.data))
        if (auto ok = check_strings(ctx, object, *s); !ok) return ok;
    auto extent = extent_of(ctx, object, ds);
    if (!extent) return std::unexpected(extent.error());
    const std::size_t n = size(ds.data);
    auto dcpl = dataset_plist(ctx, object, *extent, n);
    if (!dcpl) return std::unexpected(dcpl.error());

    const Buffer buf = std::visit([&](const auto& v) { return buffer_of(ctx, v); }, ds.data);
    // A zero-sized simple dataspace: h5py and pandas read it back as an empty array.
    H5Handle space = io::dataspace_handle(H5Screate_simple(static_cast<int>(extent->size()), extent->data(), nullptr));
    if (!space) return h5_failure(ErrorKind::Internal, ctx.target, object, "cannot create dataspace");
    H5Handle dset = io::dataset_handle(H5Dcreate2(parent, ds.name.c_str(), buf.file_type, space.get(), ctx.lcpl.get(),
                                                  dcpl->get(), io::default_plist()));
    if (!dset) return h5_failure(ErrorKind::Internal, ctx.target, object, "cannot create dataset");
    if (n > 0 && H5Dwrite(dset.get(), buf.mem_type, io::all_selection(), io::all_selection(), io::default_plist(),
                          buf.data) < 0)
        return h5_failure(ErrorKind::Internal, ctx.target, object, "cannot write dataset");
    if (auto ok = write_attributes(ctx, dset.get(), object, ds.attrs); !ok) return ok;
    if (dset.close() < 0) return h5_failure(ErrorKind::Internal, ctx.target, object, "cannot close dataset");
    return {};
}

/// Writes g's attributes, datasets and subgroups (recursively) into the open group gid.
Result<void> write_group(const WriteContext& ctx, hid_t gid, const std::string& path, const Group& g) {
    if (auto ok = write_attributes(ctx, gid, path, g.attrs); !ok) return ok;
    for (const auto& ds : g.datasets)
        if (auto ok = write_dataset(ctx, gid, path, ds); !ok) return ok;
    for (const auto& sub : g.groups) {
        const std::string sub_path = child_path(path, sub.name);
        if (auto ok = check_name(ctx, path, sub.name); !ok) return ok;
        H5Handle child = io::group_handle(
            H5Gcreate2(gid, sub.name.c_str(), ctx.lcpl.get(), ctx.gcpl.get(), io::default_plist()));
        if (!child) return h5_failure(ErrorKind::Internal, ctx.target, sub_path, "cannot create group");
        if (auto ok = write_group(ctx, child.get(), sub_path, sub); !ok) return ok;
        if (child.close() < 0) return h5_failure(ErrorKind::Internal, ctx.target, sub_path, "cannot close group");
    }
    return {};
}

/// Creation properties that make the file deterministic and keep creation order readable.
/// Works on file- and group-creation lists alike (a file creation list is a group creation list).
bool set_group_properties(hid_t plist) {
    constexpr unsigned order = H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED;
    return H5Pset_obj_track_times(plist, false) >= 0 && H5Pset_link_creation_order(plist, order) >= 0 &&
           H5Pset_attr_creation_order(plist, order) >= 0;
}

Result<WriteContext> make_context(const fs::path& target, const WriteOptions& opts) {
    WriteContext ctx{target, opts, io::utf8_vlen_string_type(),
                     io::plist_handle(H5Pcreate(io::plist_class_group_create())),
                     io::plist_handle(H5Pcreate(io::plist_class_link_create())),
                     io::plist_handle(H5Pcreate(io::plist_class_attribute_create()))};
    if (!ctx.string_type || !ctx.gcpl || !ctx.lcpl || !ctx.acpl || !set_group_properties(ctx.gcpl.get()) ||
        H5Pset_char_encoding(ctx.lcpl.get(), H5T_CSET_UTF8) < 0 ||
        H5Pset_char_encoding(ctx.acpl.get(), H5T_CSET_UTF8) < 0)
        return h5_failure(ErrorKind::Internal, target, "/", "cannot set up HDF5 property lists");
    return ctx;
}

/// Bob Jenkins' lookup3 hash ("hashlittle"), the checksum HDF5 puts on its metadata
/// (H5_checksum_lookup3 with initval 0).
std::uint32_t lookup3(const unsigned char* k, std::size_t length) {
    const auto rot = [](std::uint32_t x, int r) { return (x << r) | (x >> (32 - r)); };
    std::uint32_t a = 0xdeadbeefU + static_cast<std::uint32_t>(length);
    std::uint32_t b = a, c = a;
    const auto word = [](const unsigned char* p) {
        return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
               (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
    };
    while (length > 12) {
        a += word(k);
        b += word(k + 4);
        c += word(k + 8);
        a -= c; a ^= rot(c, 4);  c += b;
        b -= a; b ^= rot(a, 6);  a += c;
        c -= b; c ^= rot(b, 8);  b += a;
        a -= c; a ^= rot(c, 16); c += b;
        b -= a; b ^= rot(a, 19); a += c;
        c -= b; c ^= rot(b, 4);  b += a;
        length -= 12;
        k += 12;
    }
    if (length == 0) return c;
    std::array<unsigned char, 12> tail{};
    std::copy_n(k, length, tail.begin());
    a += word(tail.data());
    b += word(tail.data() + 4);
    c += word(tail.data() + 8);
    c ^= b; c -= rot(b, 14);
    a ^= c; a -= rot(c, 11);
    b ^= a; b -= rot(a, 25);
    c ^= b; c -= rot(b, 16);
    a ^= c; a -= rot(c, 4);
    b ^= a; b -= rot(a, 14);
    c ^= b; c -= rot(b, 24);
    return c;
}

/// HDF5 1.10's H5Fget_file_image patches the superblock (its end-of-file address) without
/// recomputing the superblock's checksum (versions 2 and 3 carry one), so the image would not open
/// ("incorrect metadata checksum"). Recomputes it: the checksum covers the 12 fixed bytes and four
/// addresses of the size the superblock declares, and follows them.
void fix_superblock_checksum(std::vector<unsigned char>& image) {
    if (image.size() < 12 || (image[8] != 2 && image[8] != 3)) return;
    const std::size_t n = 12 + 4 * static_cast<std::size_t>(image[9]);
    if (image.size() < n + 4) return;
    const std::uint32_t sum = lookup3(image.data(), n);
    for (std::size_t i = 0; i < 4; ++i) image[n + i] = static_cast<unsigned char>(sum >> (8 * i));
}

/// Builds the whole file in memory (HDF5's core driver, no backing store) and returns its image.
/// HDF5 never touches the disk, so a full disk cannot leave the library with an open file it
/// cannot flush (which crashed at exit in H5_term_library); every handle is closed on return.
Result<std::vector<unsigned char>> build_image(const Group& root, const fs::path& target, const WriteOptions& opts) {
    auto ctx = make_context(target, opts);
    if (!ctx) return std::unexpected(ctx.error());
    H5Handle fcpl = io::plist_handle(H5Pcreate(io::plist_class_file_create()));
    H5Handle fapl = io::plist_handle(H5Pcreate(io::plist_class_file_access()));
    // A fixed format version (not "latest"), so the bytes do not change with the library build.
    if (!fcpl || !fapl || !set_group_properties(fcpl.get()) ||
        H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_V18, H5F_LIBVER_V18) < 0 ||
        H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_STRONG) < 0 ||
        H5Pset_fapl_core(fapl.get(), std::size_t{1} << 20, false) < 0)
        return h5_failure(ErrorKind::Internal, target, "/", "cannot set up file properties");

    // The name only identifies the in-memory file; nothing is created under it.
    const std::string mem_name = io::temporary_path(target).string() + ".mem";
    H5Handle h5file = io::file_handle(H5Fcreate(mem_name.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get()));
    if (!h5file) return h5_failure(ErrorKind::Internal, target, "/", "cannot create the in-memory file");
    {
        H5Handle top = io::group_handle(H5Gopen2(h5file.get(), "/", io::default_plist()));
        if (!top) return h5_failure(ErrorKind::Internal, target, "/", "cannot open root group");
        if (auto ok = write_group(*ctx, top.get(), "/", root); !ok) return std::unexpected(ok.error());
    }
    if (H5Fflush(h5file.get(), H5F_SCOPE_GLOBAL) < 0)
        return h5_failure(ErrorKind::Internal, target, "/", "cannot flush the in-memory file");
    const ssize_t size = H5Fget_file_image(h5file.get(), nullptr, 0);
    if (size < 0) return h5_failure(ErrorKind::Internal, target, "/", "cannot size the file image");
    std::vector<unsigned char> image(static_cast<std::size_t>(size));
    if (H5Fget_file_image(h5file.get(), image.data(), image.size()) != size)
        return h5_failure(ErrorKind::Internal, target, "/", "cannot copy the file image");
    if (h5file.close() < 0) return h5_failure(ErrorKind::Internal, target, "/", "cannot close the in-memory file");
    fix_superblock_checksum(image);
    return image;
}

/// Io or BadInput error unless `path` may be (over)written (see io::check_output_path).
Result<void> check_target(const fs::path& path, const WriteOptions& opts) {
    return io::check_output_path(path, opts.overwrite);
}

Result<void> write_atomically(const Group& root, const fs::path& path, const WriteOptions& opts) {
    auto lock = io::claim_output(path, opts.overwrite);
    if (!lock) return std::unexpected(lock.error());
    auto image = build_image(root, path, opts);
    if (!image) return std::unexpected(image.error());
    const fs::path tmp = io::temporary_path(path);
    if (auto ok = io::write_bytes_file(tmp, image->data(), image->size(), path); !ok) return ok;
    auto committed = io::commit_output(tmp, path, opts.overwrite);
    if (!committed) {
        std::error_code ec;
        fs::remove(tmp, ec);  // nothing partial left behind, whatever failed
    }
    return committed;
}

// ---------------------------------------------------------------------------------------------
// Reading

/// Where values are read from: an attribute or a whole dataset.
struct Source {
    hid_t id;
    bool is_attribute;
    herr_t read(hid_t mem_type, void* buf) const {
        return is_attribute ? H5Aread(id, mem_type, buf)
                            : H5Dread(id, mem_type, io::all_selection(), io::all_selection(), io::default_plist(), buf);
    }
};

/// What a reader walks: the file (named in errors) and the objects already read, so a hard link
/// to an object seen before (a cycle, or a shared subtree) is refused instead of followed.
struct ReadContext {
    fs::path file;
    std::set<haddr_t> seen;
};

constexpr int kMaxDepth = 32;                       // groups within groups
constexpr std::uint64_t kMaxElements = 1ULL << 31;  // values in one dataset or attribute
constexpr std::uint64_t kMaxBytes = 8ULL << 30;     // bytes of one dataset or attribute in memory

/// BadInput unless n values of `width` bytes stay within the reader's budget.
Result<void> check_budget(const ReadContext& ctx, const std::string& object, std::uint64_t n, std::uint64_t width) {
    if (n > kMaxElements || (width > 0 && n > kMaxBytes / width))
        return bad_input(where_of(ctx.file, object), "claims " + std::to_string(n) + " values of " +
                                                         std::to_string(width) + " bytes, over the reader's limit");
    return {};
}

Result<std::vector<std::string>> read_vlen_strings(const ReadContext& ctx, const std::string& object, Source src,
                                                   hid_t space, std::size_t n) {
    H5Handle mem = io::utf8_vlen_string_type();
    std::vector<char*> raw(n, nullptr);
    if (!mem || src.read(mem.get(), raw.data()) < 0)
        return h5_failure(ErrorKind::BadInput, ctx.file, object, "cannot read strings");
    std::vector<std::string> out;
    out.reserve(n);
    for (char* s : raw) out.emplace_back(s == nullptr ? "" : s);
    (void)H5Dvlen_reclaim(mem.get(), space, io::default_plist(), raw.data());
    return out;
}

Result<std::vector<std::string>> read_fixed_strings(const ReadContext& ctx, const std::string& object, Source src,
                                                    hid_t file_type, std::size_t n) {
    H5Handle mem = io::datatype_handle(H5Tcopy(file_type));
    const std::size_t width = H5Tget_size(file_type);
    std::vector<char> raw(n * width, '\0');
    if (!mem || width == 0 || src.read(mem.get(), raw.data()) < 0)
        return h5_failure(ErrorKind::BadInput, ctx.file, object, "cannot read strings");
    std::vector<std::string> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        const std::string_view cell(raw.data() + i * width, width);
        out.emplace_back(cell.substr(0, cell.find('\0')));
    }
    return out;
}

template <class T>
Result<Column> read_numbers(const ReadContext& ctx, const std::string& object, Source src, hid_t mem_type,
                            std::size_t n) {
    std::vector<T> v(n);
    if (n > 0 && src.read(mem_type, v.data()) < 0)
        return h5_failure(ErrorKind::BadInput, ctx.file, object, "cannot read values");
    return Column(std::move(v));
}

/// All n values of src as a Column. Integers: int32 if signed and at most 4 bytes and allowed,
/// else int64; floats: double; strings: variable- or fixed-length.
Result<Column> read_values(const ReadContext& ctx, const std::string& object, Source src, hid_t file_type,
                           hid_t space, std::size_t n, bool allow_int32) {
    const std::size_t width = H5Tget_size(file_type);
    if (auto ok = check_budget(ctx, object, n, std::max<std::size_t>(width, 8)); !ok) return std::unexpected(ok.error());
    switch (H5Tget_class(file_type)) {
        case H5T_INTEGER:
            if (allow_int32 && H5Tget_size(file_type) <= 4 && H5Tget_sign(file_type) == H5T_SGN_2)
                return read_numbers<std::int32_t>(ctx, object, src, io::native_int32(), n);
            return read_numbers<std::int64_t>(ctx, object, src, io::native_int64(), n);
        case H5T_FLOAT: return read_numbers<double>(ctx, object, src, io::native_double(), n);
        case H5T_STRING: {
            if (n == 0) return Column(std::vector<std::string>{});
            const htri_t variable = H5Tis_variable_str(file_type);
            auto strings = variable > 0 ? read_vlen_strings(ctx, object, src, space, n)
                                        : read_fixed_strings(ctx, object, src, file_type, n);
            if (!strings) return std::unexpected(strings.error());
            return Column(std::move(*strings));
        }
        default: return bad_input(where_of(ctx.file, object), "unsupported HDF5 datatype");
    }
}

/// A scalar attribute's value from its one-element column.
AttrValue scalar_of(Column&& c) {
    return std::visit(
        [](auto&& v) -> AttrValue {
            using T = typename std::decay_t<decltype(v)>::value_type;
            if constexpr (std::is_same_v<T, std::int32_t>)
                return static_cast<std::int64_t>(v.at(0));
            else
                return std::move(v.at(0));
        },
        std::move(c));
}

AttrValue vector_of(Column&& c) {
    return std::visit(
        [](auto&& v) -> AttrValue {
            using T = typename std::decay_t<decltype(v)>::value_type;
            if constexpr (std::is_same_v<T, std::int32_t>)
                return std::vector<std::int64_t>(v.begin(), v.end());
            else
                return std::move(v);
        },
        std::move(c));
}

Result<AttrValue> read_attribute(const ReadContext& ctx, hid_t obj, const std::string& object, const std::string& name) {
    const std::string where = object + " @" + name;
    H5Handle attr = io::attribute_handle(H5Aopen(obj, name.c_str(), io::default_plist()));
    H5Handle type = io::datatype_handle(attr ? H5Aget_type(attr.get()) : -1);
    H5Handle space = io::dataspace_handle(attr ? H5Aget_space(attr.get()) : -1);
    if (!attr || !type || !space) return h5_failure(ErrorKind::BadInput, ctx.file, where, "cannot open attribute");
    const H5S_class_t kind = H5Sget_simple_extent_type(space.get());
    const hssize_t points = H5Sget_simple_extent_npoints(space.get());
    if (points < 0 || (kind == H5S_SIMPLE && H5Sget_simple_extent_ndims(space.get()) != 1) ||
        (kind != H5S_SIMPLE && kind != H5S_SCALAR && kind != H5S_NULL))
        return bad_input(where_of(ctx.file, where), "unsupported attribute shape (not scalar or 1-D)");
    const std::size_t n = kind == H5S_NULL ? 0 : static_cast<std::size_t>(points);
    auto values = read_values(ctx, where, Source{attr.get(), true}, type.get(), space.get(), n, false);
    if (!values) return std::unexpected(values.error());
    return kind == H5S_SCALAR ? scalar_of(std::move(*values)) : vector_of(std::move(*values));
}

herr_t collect_attribute_name(hid_t /*obj*/, const char* name, const H5A_info_t* /*info*/, void* out) {
    try {
        static_cast<std::vector<std::string>*>(out)->emplace_back(name);
        return 0;
    } catch (...) {  // never throw through HDF5's C frames
        return -1;
    }
}

/// Attribute names in creation order when the file tracks it, else alphabetical.
Result<std::vector<std::string>> attribute_names(const ReadContext& ctx, hid_t obj, const std::string& object) {
    for (const H5_index_t index : {H5_INDEX_CRT_ORDER, H5_INDEX_NAME}) {
        std::vector<std::string> names;
        hsize_t pos = 0;
        if (H5Aiterate2(obj, index, H5_ITER_INC, &pos, &collect_attribute_name, &names) >= 0) return names;
        (void)io::last_error_message();  // not tracked: clear and fall back to names
    }
    return h5_failure(ErrorKind::BadInput, ctx.file, object, "cannot list attributes");
}

Result<Attributes> read_attributes(const ReadContext& ctx, hid_t obj, const std::string& object) {
    auto names = attribute_names(ctx, obj, object);
    if (!names) return std::unexpected(names.error());
    Attributes attrs;
    for (auto& name : *names) {
        auto value = read_attribute(ctx, obj, object, name);
        if (!value) return std::unexpected(value.error());
        attrs.emplace_back(std::move(name), std::move(*value));
    }
    return attrs;
}

Result<Dataset> read_dataset(const ReadContext& ctx, hid_t dset, const std::string& object, std::string name) {
    H5Handle type = io::datatype_handle(H5Dget_type(dset));
    H5Handle space = io::dataspace_handle(H5Dget_space(dset));
    if (!type || !space) return h5_failure(ErrorKind::BadInput, ctx.file, object, "cannot open dataset");
    const int rank = H5Sget_simple_extent_ndims(space.get());
    std::array<hsize_t, 2> dims{0, 0};
    if (rank < 1 || rank > 2 || H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr) < 0)
        return bad_input(where_of(ctx.file, object), "unsupported dataset shape (not 1-D or 2-D)");
    Dataset ds{std::move(name), {}, {}, {}};
    std::size_t n = dims[0];
    if (rank == 2) {
        if (dims[1] != 0 && dims[0] > kMaxElements / dims[1])
            return bad_input(where_of(ctx.file, object), "dataset shape is over the reader's limit");
        ds.shape = {dims[0], dims[1]};
        n = dims[0] * dims[1];
    }
    auto values = read_values(ctx, object, Source{dset, false}, type.get(), space.get(), n, true);
    if (!values) return std::unexpected(values.error());
    ds.data = std::move(*values);
    auto attrs = read_attributes(ctx, dset, object);
    if (!attrs) return std::unexpected(attrs.error());
    ds.attrs = std::move(*attrs);
    return ds;
}

/// The name of link i of gid in the given index order.
Result<std::string> link_name(hid_t gid, H5_index_t index, hsize_t i) {
    const ssize_t len = H5Lget_name_by_idx(gid, ".", index, H5_ITER_INC, i, nullptr, 0, io::default_plist());
    if (len < 0) return std::unexpected(Error{});
    std::string name(static_cast<std::size_t>(len) + 1, '\0');
    if (H5Lget_name_by_idx(gid, ".", index, H5_ITER_INC, i, name.data(), name.size(), io::default_plist()) < 0)
        return std::unexpected(Error{});
    name.resize(static_cast<std::size_t>(len));
    return name;
}

/// Member names in creation order when the file tracks it, else alphabetical.
Result<std::vector<std::string>> link_names(const ReadContext& ctx, hid_t gid, const std::string& object) {
    H5G_info_t info{};
    if (H5Gget_info(gid, &info) < 0) return h5_failure(ErrorKind::BadInput, ctx.file, object, "cannot list group");
    for (const H5_index_t index : {H5_INDEX_CRT_ORDER, H5_INDEX_NAME}) {
        std::vector<std::string> names;
        for (hsize_t i = 0; i < info.nlinks; ++i) {
            auto name = link_name(gid, index, i);
            if (!name) break;
            names.push_back(std::move(*name));
        }
        if (names.size() == info.nlinks) return names;
        (void)io::last_error_message();  // not tracked: clear and fall back to names
    }
    return h5_failure(ErrorKind::BadInput, ctx.file, object, "cannot list group");
}

Result<Group> read_group(ReadContext& ctx, hid_t gid, const std::string& path, std::string name, int depth) {
    if (depth > kMaxDepth)
        return bad_input(where_of(ctx.file, path), "groups nested deeper than " + std::to_string(kMaxDepth));
    Group g{std::move(name), {}, {}, {}};
    auto attrs = read_attributes(ctx, gid, path);
    if (!attrs) return std::unexpected(attrs.error());
    g.attrs = std::move(*attrs);
    auto names = link_names(ctx, gid, path);
    if (!names) return std::unexpected(names.error());
    for (auto& member : *names) {
        const std::string member_path = child_path(path, member);
        // Only hard links are followed, each object once: soft and external links, and a second
        // link to an object already read (a cycle such as g['self'] = g), are refused.
        H5L_info_t link{};
        if (H5Lget_info(gid, member.c_str(), &link, io::default_plist()) < 0)
            return h5_failure(ErrorKind::BadInput, ctx.file, member_path, "cannot inspect link");
        if (link.type != H5L_TYPE_HARD)
            return bad_input(where_of(ctx.file, member_path), "is a soft or external link; project files have none");
        if (!ctx.seen.insert(link.u.address).second)
            return bad_input(where_of(ctx.file, member_path),
                             "links to an object already read (a hard-link cycle or shared object); refused");
        H5Handle obj = io::object_handle(H5Oopen(gid, member.c_str(), io::default_plist()));
        if (!obj) return h5_failure(ErrorKind::BadInput, ctx.file, member_path, "cannot open object");
        const H5I_type_t kind = H5Iget_type(obj.get());
        if (kind == H5I_GROUP) {
            auto sub = read_group(ctx, obj.get(), member_path, std::move(member), depth + 1);
            if (!sub) return std::unexpected(sub.error());
            g.groups.push_back(std::move(*sub));
        } else if (kind == H5I_DATASET) {
            auto ds = read_dataset(ctx, obj.get(), member_path, std::move(member));
            if (!ds) return std::unexpected(ds.error());
            g.datasets.push_back(std::move(*ds));
        }  // committed datatypes carry no data: skipped
    }
    return g;
}

Result<Group> read_file(const fs::path& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) return io_error(path.string(), "no such file");
    if (!fs::is_regular_file(path, ec)) return bad_input(path.string(), "not a regular file");
    if (::access(path.c_str(), R_OK) != 0) return io_error(path.string(), "cannot read: permission denied");
    if (H5Fis_hdf5(path.c_str()) <= 0) {
        (void)io::last_error_message();
        return bad_input(path.string(), "not an HDF5 file");
    }
    H5Handle file = io::file_handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, io::default_plist()));
    if (!file) return h5_failure(ErrorKind::BadInput, path, "/", "cannot open");
    H5Handle top = io::group_handle(H5Gopen2(file.get(), "/", io::default_plist()));
    if (!top) return h5_failure(ErrorKind::BadInput, path, "/", "cannot open root group");
    ReadContext ctx{path, {}};
    H5O_info_t root_info{};
    if (H5Oget_info2(top.get(), &root_info, H5O_INFO_BASIC) >= 0) ctx.seen.insert(root_info.addr);
    return read_group(ctx, top.get(), "/", "", 0);
}

}  // namespace

namespace detail {

Result<WriteContext> new_context(const fs::path& target, const WriteOptions& opts) { return make_context(target, opts); }
Result<void> write_tree(const WriteContext& ctx, hid_t gid, const Group& g) { return write_group(ctx, gid, "/", g); }
Result<void> write_attrs(const WriteContext& ctx, hid_t obj, const std::string& object, const Attributes& attrs) {
    return write_attributes(ctx, obj, object, attrs);
}
bool deterministic_group_properties(hid_t plist) { return set_group_properties(plist); }
Result<void> check_output_target(const fs::path& path, const WriteOptions& opts) { return check_target(path, opts); }
std::unexpected<Error> failure(ErrorKind kind, const fs::path& file, const std::string& object, std::string what) {
    return h5_failure(kind, file, object, std::move(what));
}

}  // namespace detail

Result<void> write_hdf5(const Group& root, const std::filesystem::path& path, const WriteOptions& opts) {
    const io::ErrorSilencer quiet;
    try {
        return write_atomically(root, path, opts);
    } catch (const std::exception& e) {  // only allocation can throw here; keep the no-throw promise
        return internal_error(path.string(), std::string("writing HDF5: ") + e.what());
    }
}

Result<Group> read_untrusted_hdf5(const std::filesystem::path& path) {
    std::fflush(nullptr);  // the child must not flush our buffered output a second time
    const pid_t pid = ::fork();
    if (pid == 0) {
        // Watchdog: some damaged files send libhdf5 into an endless loop (seen by the fuzzer in
        // H5HG_read); SIGALRM ends the child and the parent reports a damaged file. Generous for
        // big files: 20 s plus 1 s per 20 MB.
        std::error_code ec;
        const auto bytes = std::filesystem::file_size(path, ec);
        ::alarm(20U + static_cast<unsigned>((ec ? 0 : bytes) / (20U << 20U)));
        const auto probe = read_hdf5(path);
        std::_Exit(probe ? 0 : 2);
    }
    if (pid > 0) {
        int status = 0;
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
            return bad_input(path.string(), "damaged HDF5 file: the HDF5 library did not finish reading it (stopped "
                                            "by the reader's watchdog)");
        if (WIFSIGNALED(status))
            return bad_input(path.string(), "damaged HDF5 file: the HDF5 library crashed reading it (signal " +
                                                std::to_string(WTERMSIG(status)) + ")");
    }
    return read_hdf5(path);
}

Result<Group> read_hdf5(const std::filesystem::path& path) {
    const io::ErrorSilencer quiet;
    try {
        return read_file(path);
    } catch (const std::exception& e) {
        return bad_input(path.string(), std::string("reading HDF5: ") + e.what());
    }
}

}  // namespace sim::out
