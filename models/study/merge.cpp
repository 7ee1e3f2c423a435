#include "models/study/merge.hpp"

#include <algorithm>
#include <set>

#include "models/study/sweep_run.hpp"
#include "sim/io/output_target.hpp"
#include "sim/output/hdf5_writer.hpp"
#include "sim/output/table_stream.hpp"
#include "sim/output/tree_lookup.hpp"

namespace study {

namespace fs = std::filesystem;
using sim::out::find_attr;
using sim::out::find_group;
using sim::out::Group;

namespace {

std::int64_t int_attr(const sim::out::Attributes& attrs, const std::string& name, std::int64_t fallback = -1) {
    const auto* v = find_attr(attrs, name);
    return v && std::holds_alternative<std::int64_t>(*v) ? std::get<std::int64_t>(*v) : fallback;
}

std::string fingerprint_of(const Group& root) {
    const Group* s = find_group(root, "sweep");
    const auto* v = s ? find_attr(s->attrs, "fingerprint") : nullptr;
    return v && std::holds_alternative<std::string>(*v) ? std::get<std::string>(*v) : "";
}

struct Shard {
    fs::path file;
    Group tree;
    std::int64_t index = 0, count = 0, begin = 0, end = 0;
};

/// Copies rows [from, to) of column `c` (width w) into `out`.
void copy_rows(const sim::out::Column& c, std::size_t w, std::size_t from, std::size_t to, sim::out::Column& out) {
    std::visit(
        [&](const auto& src) {
            using V = std::decay_t<decltype(src)>;
            auto& dst = std::get<V>(out);
            dst.insert(dst.end(), src.begin() + static_cast<std::ptrdiff_t>(from * w),
                       src.begin() + static_cast<std::ptrdiff_t>(to * w));
        },
        c);
}

}  // namespace

sim::Result<std::size_t> merge_shards(const std::vector<fs::path>& files, const fs::path& output, bool force) {
    if (files.empty()) return sim::bad_input("merge", "no shard files given");
    auto claim = sim::io::claim_output(output, force);  // before reading: a second merge fails at once
    if (!claim) return std::unexpected(claim.error());
    std::vector<Shard> shards;
    for (const auto& f : files) {
        std::error_code ec;
        if (!fs::exists(f, ec)) return sim::bad_input(f.string(), "shard file not found");
        auto tree = sim::out::read_untrusted_hdf5(f);
        if (!tree) return std::unexpected(tree.error());
        Shard s{f, std::move(*tree)};
        s.index = int_attr(s.tree.attrs, "shard_index");
        s.count = int_attr(s.tree.attrs, "shard_count");
        s.begin = int_attr(s.tree.attrs, "run_begin");
        s.end = int_attr(s.tree.attrs, "run_end");
        if (s.index < 0 || s.count < 1 || !find_group(s.tree, "runs") || fingerprint_of(s.tree).empty())
            return sim::bad_input(f.string(), "not a shard of a sweep (made by pushpull sweep --shard i/N)");
        constexpr std::int64_t kMaxShards = 1'000'000, kMaxRuns = 100'000'000;
        if (s.count > kMaxShards || s.index >= s.count || s.begin < 0 || s.end < s.begin || s.end > kMaxRuns)
            return sim::bad_input(f.string(), "shard attributes out of range (@shard_index, @shard_count, @run_begin, @run_end)");
        shards.push_back(std::move(s));
    }
    std::sort(shards.begin(), shards.end(), [](const Shard& a, const Shard& b) { return a.index < b.index; });
    const std::string fp = fingerprint_of(shards[0].tree);
    const auto count = shards[0].count;
    sim::DiagnosticList problems;
    for (const auto& s : shards) {
        if (fingerprint_of(s.tree) != fp)
            problems.add(s.file.string(), "belongs to a different sweep than " + shards[0].file.string());
        if (s.count != count)
            problems.add(s.file.string(), "is shard " + std::to_string(s.index) + "/" + std::to_string(s.count) +
                                              ", others are of " + std::to_string(count));
    }
    std::set<std::int64_t> seen;
    for (const auto& s : shards)
        if (!seen.insert(s.index).second)
            problems.add(s.file.string(), "shard " + std::to_string(s.index) + " given twice");
    for (std::int64_t i = 0; i < count; ++i)
        if (!seen.contains(i))
            problems.add("merge", "shard " + std::to_string(i) + "/" + std::to_string(count) + " is missing");
    if (!problems.empty()) return std::unexpected(problems.to_error());
    for (std::size_t k = 1; k < shards.size(); ++k)
        if (shards[k].begin != shards[k - 1].end)
            return sim::bad_input(shards[k].file.string(), "run range does not follow the previous shard");

    // Header: every group but the table, exactly as the shards carry it.
    Group header;
    for (const auto& g : shards[0].tree.groups)
        if (g.name != "runs") header.groups.push_back(g);
    const Group& runs0 = *find_group(shards[0].tree, "runs");
    std::vector<sim::out::StreamColumn> cols;
    for (const auto& ds : runs0.datasets) {
        sim::out::StreamColumn c{ds.name, sim::out::StreamColumn::Kind::Double, ds.shape.size() == 2 ? ds.shape[1] : 0,
                                 ds.attrs};
        if (std::holds_alternative<std::vector<std::int64_t>>(ds.data))
            c.kind = sim::out::StreamColumn::Kind::Int64;
        else if (std::holds_alternative<std::vector<std::string>>(ds.data))
            c.kind = sim::out::StreamColumn::Kind::String;
        else if (!std::holds_alternative<std::vector<double>>(ds.data))
            return sim::bad_input(shards[0].file.string(), "runs/" + ds.name + ": unexpected column type");
        cols.push_back(std::move(c));
    }
    sim::out::WriteOptions wopts;
    wopts.overwrite = force;
    auto table = sim::out::TableStream::create(output, header, "runs", cols, wopts);
    if (!table) return std::unexpected(table.error());

    // Rows in blocks aligned like the single-process sweep's (multiples of kBlockRows from run 0).
    std::int64_t failed = 0;
    const auto total = static_cast<std::size_t>(shards.back().end);
    sim::out::RowBlock block;
    auto reset = [&] {
        block = {};
        for (const auto& ds : runs0.datasets)
            block.columns.push_back(
                std::visit([](const auto& v) { return sim::out::Column(std::decay_t<decltype(v)>{}); }, ds.data));
    };
    reset();
    for (const auto& s : shards) {
        const Group& runs = *find_group(s.tree, "runs");
        if (runs.datasets.size() != runs0.datasets.size())
            return sim::bad_input(s.file.string(), "runs: different columns");
        for (std::size_t c = 0; c < runs.datasets.size(); ++c) {
            const auto& a = runs.datasets[c];
            const auto& b = runs0.datasets[c];
            if (a.name != b.name || a.data.index() != b.data.index() || a.shape.size() != b.shape.size() ||
                (a.shape.size() == 2 && a.shape[1] != b.shape[1]))
                return sim::bad_input(s.file.string() + ":/runs/" + a.name,
                                      "name, type or width differs from " + shards[0].file.string() + ":/runs/" + b.name);
        }
        const auto rows = static_cast<std::size_t>(s.end - s.begin);
        for (const auto& ds : runs.datasets) {
            const std::size_t w = ds.shape.size() == 2 ? ds.shape[1] : 1;
            if (sim::out::size(ds.data) != rows * w)
                return sim::bad_input(s.file.string(),
                                      "runs/" + ds.name + ": row count does not match the shard's run range");
        }
        failed += int_attr(s.tree.attrs, "runs_failed", 0);
        std::size_t r = 0;
        while (r < rows) {
            const std::size_t run = static_cast<std::size_t>(s.begin) + r;
            const std::size_t room = kBlockRows - run % kBlockRows;
            const std::size_t take = std::min(room, rows - r);
            for (std::size_t c = 0; c < runs.datasets.size(); ++c) {
                const auto& ds = runs.datasets[c];
                copy_rows(ds.data, ds.shape.size() == 2 ? ds.shape[1] : 1, r, r + take, block.columns[c]);
            }
            block.rows += take;
            r += take;
            if ((run + take) % kBlockRows == 0 || run + take == total) {
                if (auto ok = table->append(block); !ok) return std::unexpected(ok.error());
                if (auto ok = table->flush(); !ok) return std::unexpected(ok.error());
                reset();
            }
        }
    }
    sim::out::Attributes root;
    for (const auto& [k, v] : shards[0].tree.attrs) {
        if (k == "shard_index" || k == "shard_count" || k == "run_begin" || k == "run_end") continue;
        root.emplace_back(k, k == "runs_failed" ? sim::out::AttrValue(failed) : v);
    }
    if (auto ok = table->finish(root); !ok) return std::unexpected(ok.error());
    return total;
}

}  // namespace study
