#include "sim/output/table_stream.hpp"

#include <algorithm>
#include <array>
#include <system_error>

#include "sim/io/hdf5_handle.hpp"
#include "sim/io/output_target.hpp"
#include "sim/output/hdf5_detail.hpp"

namespace sim::out {

namespace fs = std::filesystem;
using io::H5Handle;

namespace {

constexpr hsize_t chunk_rows_1d = 1024;
constexpr hsize_t chunk_elements_2d = 8192;
constexpr unsigned deflate_level = 4;

hid_t file_type(const detail::WriteContext& ctx, StreamColumn::Kind k) {
    switch (k) {
        case StreamColumn::Kind::Int64:
            return io::std_i64le();
        case StreamColumn::Kind::Double:
            return io::ieee_f64le();
        default:
            return ctx.string_type.get();
    }
}

hid_t memory_type(const detail::WriteContext& ctx, StreamColumn::Kind k) {
    switch (k) {
        case StreamColumn::Kind::Int64:
            return io::native_int64();
        case StreamColumn::Kind::Double:
            return io::native_double();
        default:
            return ctx.string_type.get();
    }
}

}  // namespace

struct TableStream::Impl {
    fs::path target, part;
    WriteOptions opts;
    detail::WriteContext ctx;
    H5Handle file, table;
    std::vector<StreamColumn> columns;
    std::vector<H5Handle> datasets;
    std::size_t rows = 0;
    bool finished = false;
    io::OutputLock lock;  // held from create() to the rename in finish()

    std::string object(std::size_t c) const { return "/" + table_name + "/" + columns[c].name; }
    std::string table_name;
};

TableStream::TableStream(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TableStream::TableStream(TableStream&&) noexcept = default;
TableStream& TableStream::operator=(TableStream&&) noexcept = default;
TableStream::~TableStream() {
    if (!impl_) return;
    impl_->datasets.clear();
    (void)impl_->table.close();
    (void)impl_->file.close();
    // An unfinished table is removed: a sweep rebuilds it from its journal on --resume, and a
    // merge or a failed write has nothing to keep. (A killed process leaves it; the next writer
    // of the target replaces it.)
    if (!impl_->finished) {
        std::error_code ec;
        fs::remove(impl_->part, ec);
    }
}

fs::path TableStream::partial_path_for(const fs::path& target) {
    fs::path p = target;
    p += ".part";
    return p;
}

Result<TableStream> TableStream::create(const fs::path& target, const Group& header, const std::string& table,
                                        std::vector<StreamColumn> columns, const WriteOptions& opts) {
    const io::ErrorSilencer quiet;
    auto lock = io::claim_output(target, opts.overwrite);
    if (!lock) return std::unexpected(lock.error());
    // The partial file is ours too: never write through a symlink or into a device left there.
    if (auto ok = io::check_output_path(partial_path_for(target), true); !ok) return std::unexpected(ok.error());
    auto impl = std::make_unique<Impl>();
    impl->lock = std::move(*lock);
    impl->target = target;
    impl->part = partial_path_for(target);
    impl->opts = opts;
    impl->columns = std::move(columns);
    impl->table_name = table;
    auto ctx = detail::new_context(target, opts);
    if (!ctx) return std::unexpected(ctx.error());
    impl->ctx = std::move(*ctx);

    H5Handle fcpl = io::plist_handle(H5Pcreate(io::plist_class_file_create()));
    H5Handle fapl = io::plist_handle(H5Pcreate(io::plist_class_file_access()));
    if (!fcpl || !fapl || !detail::deterministic_group_properties(fcpl.get()) ||
        H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_V18, H5F_LIBVER_V18) < 0 ||
        H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_STRONG) < 0)
        return detail::failure(ErrorKind::Internal, target, "/", "cannot set up file properties");
    impl->file = io::file_handle(H5Fcreate(impl->part.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get()));
    if (!impl->file) return detail::failure(ErrorKind::Io, target, "/", "cannot create " + impl->part.string());
    // Until the stream is handed out, a failure (e.g. a full disk while writing the header) closes
    // everything and removes the partial file.
    struct Discard {
        Impl* m;
        ~Discard() {
            if (!m) return;
            m->datasets.clear();
            (void)m->table.close();
            (void)m->file.close();
            std::error_code ec;
            fs::remove(m->part, ec);
        }
    } discard{impl.get()};
    {
        H5Handle top = io::group_handle(H5Gopen2(impl->file.get(), "/", io::default_plist()));
        if (!top) return detail::failure(ErrorKind::Internal, target, "/", "cannot open root group");
        if (auto ok = detail::write_tree(impl->ctx, top.get(), header); !ok) return std::unexpected(ok.error());
    }
    impl->table = io::group_handle(
        H5Gcreate2(impl->file.get(), table.c_str(), impl->ctx.lcpl.get(), impl->ctx.gcpl.get(), io::default_plist()));
    if (!impl->table) return detail::failure(ErrorKind::Internal, target, "/" + table, "cannot create table group");

    for (std::size_t c = 0; c < impl->columns.size(); ++c) {
        const auto& col = impl->columns[c];
        const bool two_d = col.width > 0;
        const std::array<hsize_t, 2> dims{0, col.width};
        const std::array<hsize_t, 2> maxdims{H5S_UNLIMITED, col.width};
        const std::array<hsize_t, 2> chunk{two_d ? std::max<hsize_t>(1, chunk_elements_2d / col.width) : chunk_rows_1d,
                                           col.width};
        const int rank = two_d ? 2 : 1;
        H5Handle space = io::dataspace_handle(H5Screate_simple(rank, dims.data(), maxdims.data()));
        H5Handle dcpl = io::plist_handle(H5Pcreate(io::plist_class_dataset_create()));
        if (!space || !dcpl || H5Pset_obj_track_times(dcpl.get(), false) < 0 ||
            H5Pset_attr_creation_order(dcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED) < 0 ||
            H5Pset_chunk(dcpl.get(), rank, chunk.data()) < 0 ||
            (col.kind != StreamColumn::Kind::String &&
             (H5Pset_shuffle(dcpl.get()) < 0 || H5Pset_deflate(dcpl.get(), deflate_level) < 0)))
            return detail::failure(ErrorKind::Internal, target, impl->object(c), "cannot set up an extendible dataset");
        H5Handle ds =
            io::dataset_handle(H5Dcreate2(impl->table.get(), col.name.c_str(), file_type(impl->ctx, col.kind),
                                          space.get(), impl->ctx.lcpl.get(), dcpl.get(), io::default_plist()));
        if (!ds) return detail::failure(ErrorKind::Internal, target, impl->object(c), "cannot create dataset");
        if (auto ok = detail::write_attrs(impl->ctx, ds.get(), impl->object(c), col.attrs); !ok)
            return std::unexpected(ok.error());
        impl->datasets.push_back(std::move(ds));
    }
    discard.m = nullptr;
    return TableStream(std::move(impl));
}

Result<void> TableStream::append(const RowBlock& block) {
    const io::ErrorSilencer quiet;
    auto& m = *impl_;
    if (block.columns.size() != m.columns.size())
        return detail::failure(ErrorKind::Internal, m.target, "/" + m.table_name,
                               "row block has the wrong column count");
    if (block.rows == 0) return {};
    for (std::size_t c = 0; c < m.columns.size(); ++c) {
        const auto& col = m.columns[c];
        const std::size_t width = std::max<std::size_t>(1, col.width);
        const Column& data = block.columns[c];
        const bool type_ok =
            (col.kind == StreamColumn::Kind::Int64 && std::holds_alternative<std::vector<std::int64_t>>(data)) ||
            (col.kind == StreamColumn::Kind::Double && std::holds_alternative<std::vector<double>>(data)) ||
            (col.kind == StreamColumn::Kind::String && std::holds_alternative<std::vector<std::string>>(data));
        if (!type_ok || size(data) != block.rows * width)
            return detail::failure(ErrorKind::Internal, m.target, m.object(c), "row block does not match the column");
        const bool two_d = col.width > 0;
        const int rank = two_d ? 2 : 1;
        const std::array<hsize_t, 2> extent{m.rows + block.rows, col.width};
        const std::array<hsize_t, 2> start{m.rows, 0};
        const std::array<hsize_t, 2> count{block.rows, col.width};
        hid_t ds = m.datasets[c].get();
        if (H5Dset_extent(ds, extent.data()) < 0)
            return detail::failure(ErrorKind::Io, m.target, m.object(c), "cannot extend dataset");
        H5Handle fspace = io::dataspace_handle(H5Dget_space(ds));
        H5Handle mspace = io::dataspace_handle(H5Screate_simple(rank, count.data(), nullptr));
        if (!fspace || !mspace ||
            H5Sselect_hyperslab(fspace.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr) < 0)
            return detail::failure(ErrorKind::Internal, m.target, m.object(c), "cannot select rows");
        herr_t status = 0;
        if (const auto* s = std::get_if<std::vector<std::string>>(&data)) {
            std::vector<const char*> ptrs;
            ptrs.reserve(s->size());
            for (const auto& x : *s) ptrs.push_back(x.c_str());
            status = H5Dwrite(ds, memory_type(m.ctx, col.kind), mspace.get(), fspace.get(), io::default_plist(),
                              ptrs.data());
        } else {
            const void* p = std::visit([](const auto& v) -> const void* { return v.data(); }, data);
            status = H5Dwrite(ds, memory_type(m.ctx, col.kind), mspace.get(), fspace.get(), io::default_plist(), p);
        }
        if (status < 0) return detail::failure(ErrorKind::Io, m.target, m.object(c), "cannot write rows");
    }
    m.rows += block.rows;
    return {};
}

Result<void> TableStream::flush() {
    const io::ErrorSilencer quiet;
    if (H5Fflush(impl_->file.get(), H5F_SCOPE_GLOBAL) < 0)
        return detail::failure(ErrorKind::Io, impl_->target, "/", "cannot flush " + impl_->part.string());
    return {};
}

Result<void> TableStream::finish(const Attributes& root_attrs, const Attributes& table_attrs) {
    const io::ErrorSilencer quiet;
    auto& m = *impl_;
    {
        H5Handle top = io::group_handle(H5Gopen2(m.file.get(), "/", io::default_plist()));
        if (!top) return detail::failure(ErrorKind::Internal, m.target, "/", "cannot open root group");
        if (auto ok = detail::write_attrs(m.ctx, top.get(), "/", root_attrs); !ok) return ok;
    }
    if (auto ok = detail::write_attrs(m.ctx, m.table.get(), "/" + m.table_name, table_attrs); !ok) return ok;
    m.datasets.clear();
    (void)m.table.close();
    if (m.file.close() < 0) return detail::failure(ErrorKind::Io, m.target, "/", "cannot flush and close the file");
    if (auto ok = io::commit_output(m.part, m.target, m.opts.overwrite); !ok) return ok;
    m.finished = true;
    m.lock.release();
    return {};
}

std::size_t TableStream::rows() const {
    return impl_->rows;
}
const fs::path& TableStream::partial_path() const {
    return impl_->part;
}
const fs::path& TableStream::target() const {
    return impl_->target;
}

}  // namespace sim::out
