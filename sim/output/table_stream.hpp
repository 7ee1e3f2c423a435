#pragma once
/// A table that grows on disk: rows are appended to extendible HDF5 datasets as they arrive, so a
/// long sweep keeps flat memory and a reader can look at a partial file. The file is written under
/// `<target>.part` and renamed onto the target by finish(); until then the target does not exist.
/// The same sequence of calls gives the same bytes (no timestamps, fixed format, fixed chunking).
/// Not thread-safe (serial HDF5): one thread drives a TableStream.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "sim/error.hpp"
#include "sim/output/hdf5_writer.hpp"
#include "sim/output/tree.hpp"

namespace sim::out {

/// One column of the table: 1-D (width 0) or rows x width (width >= 1, a 2-D dataset).
struct StreamColumn {
    enum class Kind { Int64, Double, String };
    std::string name;
    Kind kind = Kind::Double;
    std::size_t width = 0;
    Attributes attrs;
};

/// A block of rows: one Column per StreamColumn, in order, each with rows (x width) values.
/// Int64 columns take std::vector<std::int64_t>, Double std::vector<double>, String std::vector<std::string>.
struct RowBlock {
    std::size_t rows = 0;
    std::vector<Column> columns;
};

class TableStream {
public:
    /// Creates `<target>.part` (replacing a stale one), writes `header` at the root and an empty
    /// table group `table` holding the columns. Errors: Io when the target exists and
    /// !opts.overwrite or the directory is not writable; Internal when HDF5 refuses.
    static Result<TableStream> create(const std::filesystem::path& target, const Group& header,
                                      const std::string& table, std::vector<StreamColumn> columns,
                                      const WriteOptions& opts = {});

    TableStream(TableStream&&) noexcept;
    TableStream& operator=(TableStream&&) noexcept;
    ~TableStream();  ///< closes; an unfinished file stays at partial_path()

    /// Appends a block. Errors: Internal (column count, types or sizes do not match the layout,
    /// HDF5 failure).
    Result<void> append(const RowBlock& block);
    /// Pushes what has been written to the operating system.
    Result<void> flush();
    /// Writes `root_attrs` and `table_attrs`, closes the file and renames it onto the target.
    Result<void> finish(const Attributes& root_attrs, const Attributes& table_attrs = {});

    [[nodiscard]] std::size_t rows() const;
    [[nodiscard]] const std::filesystem::path& partial_path() const;
    [[nodiscard]] const std::filesystem::path& target() const;

    /// "<target>.part": where the file grows.
    static std::filesystem::path partial_path_for(const std::filesystem::path& target);

private:
    struct Impl;
    explicit TableStream(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace sim::out
