#include "app/export_command.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include "sim/io/json_writer.hpp"
#include "sim/log.hpp"
#include "sim/output/hdf5_writer.hpp"
#include "sim/output/tree_lookup.hpp"

namespace app {

namespace fs = std::filesystem;
using sim::out::AttrValue;
using sim::out::Column;
using sim::out::Dataset;
using sim::out::Group;

namespace {

/// One cell of a table: a number, an integer or a string.
using Cell = std::variant<std::int64_t, double, std::string>;

struct Table {
    std::string name;
    std::vector<std::string> columns;
    std::vector<std::vector<Cell>> rows;
};

struct UnitRow {
    std::string table, column, units, description;
};

Cell cell(const Column& c, std::size_t i) {
    return std::visit(
        [i](const auto& v) -> Cell {
            using T = typename std::decay_t<decltype(v)>::value_type;
            if constexpr (std::is_same_v<T, double> || std::is_same_v<T, std::string>)
                return v[i];
            else
                return static_cast<std::int64_t>(v[i]);
        },
        c);
}

std::string attr_text(const sim::out::Attributes& a, const char* key) {
    if (const auto* s = sim::out::attr_as<std::string>(a, key)) return *s;
    return {};
}

std::vector<std::string> column_labels(const Dataset& d, std::size_t cols) {
    std::vector<std::string> labels;
    if (const auto* c = sim::out::attr_as<std::vector<std::string>>(d.attrs, "columns"); c && c->size() == cols)
        return *c;
    for (std::size_t j = 0; j < cols; ++j) labels.push_back(std::to_string(j));
    return labels;
}

void add_unit(std::vector<UnitRow>& units, const std::string& table, const std::string& column, const Dataset& d) {
    std::string desc = attr_text(d.attrs, "description");
    if (desc.empty()) desc = attr_text(d.attrs, "doc");
    units.push_back({table, column, attr_text(d.attrs, "units"), desc});
}

/// A run's /series, long: step, label, statistic, category, value.
Table series_long(const Group& series, const Group* time, std::vector<UnitRow>& units) {
    Table t{"series", {"step", "label", "statistic", "category", "value"}, {}};
    const auto* labels = time ? sim::out::column_as<std::string>(*time, "label") : nullptr;
    for (const auto& d : series.datasets) {
        const std::size_t n = sim::out::size(d.data);
        const std::size_t steps = d.shape.size() == 2 ? d.shape[0] : n;
        const std::size_t cols = d.shape.size() == 2 ? d.shape[1] : 1;
        const auto cats = d.shape.size() == 2 ? column_labels(d, cols) : std::vector<std::string>{""};
        add_unit(units, "series", d.name, d);
        for (std::size_t j = 0; j < cols; ++j)
            for (std::size_t s = 0; s < steps; ++s)
                t.rows.push_back({static_cast<std::int64_t>(s),
                                  labels && s < labels->size() ? (*labels)[s] : std::string(), d.name, cats[j],
                                  cell(d.data, s * cols + j)});
    }
    return t;
}

void collect(const Group& g, const std::string& path, const Group& root, std::vector<Table>& tables,
             std::vector<UnitRow>& units) {
    if (path == "series" && sim::out::find_group(root, "time")) {
        tables.push_back(series_long(g, sim::out::find_group(root, "time"), units));
    } else if (!g.datasets.empty()) {
        // The group's row count: the most common length of its 1-D datasets.
        std::map<std::size_t, int> lengths;
        for (const auto& d : g.datasets)
            if (d.shape.size() != 2) ++lengths[sim::out::size(d.data)];
        std::size_t rows = 0;
        int best = 0;
        for (const auto& [len, count] : lengths)
            if (count > best) best = count, rows = len;
        Table t{path, {}, {}};
        std::vector<const Dataset*> cols;
        for (const auto& d : g.datasets) {
            if (d.shape.size() == 2) {
                const std::string name = path + "_" + d.name;
                Table m{name, {"row", "column", "value"}, {}};
                const auto labels = column_labels(d, d.shape[1]);
                for (std::size_t r = 0; r < d.shape[0]; ++r)
                    for (std::size_t c = 0; c < d.shape[1]; ++c)
                        m.rows.push_back({static_cast<std::int64_t>(r), labels[c], cell(d.data, r * d.shape[1] + c)});
                add_unit(units, name, "value", d);
                tables.push_back(std::move(m));
            } else if (sim::out::size(d.data) == rows) {
                cols.push_back(&d);
                t.columns.push_back(d.name);
                add_unit(units, path, d.name, d);
            } else {  // a column of another length: a table of its own
                Table s{path + "_" + d.name, {d.name}, {}};
                for (std::size_t i = 0; i < sim::out::size(d.data); ++i) s.rows.push_back({cell(d.data, i)});
                add_unit(units, s.name, d.name, d);
                tables.push_back(std::move(s));
            }
        }
        for (std::size_t r = 0; r < rows && !cols.empty(); ++r) {
            std::vector<Cell> row;
            for (const auto* d : cols) row.push_back(cell(d->data, r));
            t.rows.push_back(std::move(row));
        }
        if (!cols.empty()) tables.push_back(std::move(t));
    }
    for (const auto& c : g.groups) collect(c, path.empty() ? c.name : path + "_" + c.name, root, tables, units);
}

std::string csv_field(const Cell& c) {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::string>) {
                if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
                std::string q = "\"";
                for (char ch : v) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
                return q + "\"";
            } else if constexpr (std::is_same_v<T, double>) {
                if (!std::isfinite(v)) return std::isnan(v) ? "NaN" : (v > 0 ? "inf" : "-inf");
                char buf[32];
                const auto r = std::to_chars(buf, buf + sizeof buf, v);
                return std::string(buf, r.ptr);
            } else {
                return std::to_string(v);
            }
        },
        c);
}

std::string to_csv(const Table& t) {
    std::string s;
    for (std::size_t j = 0; j < t.columns.size(); ++j) s += (j ? "," : "") + csv_field(t.columns[j]);
    s += "\n";
    for (const auto& row : t.rows) {
        for (std::size_t j = 0; j < row.size(); ++j) s += (j ? "," : "") + csv_field(row[j]);
        s += "\n";
    }
    return s;
}

std::string to_json(const Table& t) {
    sim::io::JsonWriter w;
    w.begin_array();
    for (const auto& row : t.rows) {
        w.begin_object();
        for (std::size_t j = 0; j < row.size(); ++j) {
            w.key(t.columns[j]);
            std::visit([&w](const auto& v) { w.value(v); }, row[j]);
        }
        w.end_object();
    }
    w.end_array();
    return w.str() + "\n";
}

void attrs_json(sim::io::JsonWriter& w, const sim::out::Attributes& attrs) {
    w.begin_object();
    for (const auto& [k, v] : attrs) {
        w.key(k);
        std::visit(
            [&w](const auto& x) {
                using T = std::decay_t<decltype(x)>;
                if constexpr (std::is_same_v<T, std::vector<std::int64_t>> || std::is_same_v<T, std::vector<double>> ||
                              std::is_same_v<T, std::vector<std::string>>)
                    w.array(x);
                else
                    w.value(x);
            },
            v);
    }
    w.end_object();
}

void group_attrs(sim::io::JsonWriter& w, const Group& g, const std::string& path) {
    if (!g.attrs.empty()) {
        w.key(path.empty() ? "/" : "/" + path);
        attrs_json(w, g.attrs);
    }
    for (const auto& c : g.groups) group_attrs(w, c, path.empty() ? c.name : path + "/" + c.name);
}

sim::Result<void> write_text(const fs::path& p, const std::string& text) {
    std::ofstream f(p, std::ios::binary | std::ios::trunc);
    f << text;
    f.close();
    if (!f) return sim::io_error(p.string(), "cannot write (disk full or not writable)");
    return {};
}

}  // namespace

sim::Result<void> export_command(const ExportOptions& opts) {
    if (opts.format != "csv" && opts.format != "json")
        return sim::bad_input("--format", "expected csv or json, got '" + opts.format + "'");
    if (!fs::exists(opts.file)) return sim::bad_input(opts.file, "file not found");
    auto tree = sim::out::read_hdf5(opts.file);
    if (!tree) return std::unexpected(tree.error());
    fs::path dir = opts.output;
    if (dir.empty()) {
        const fs::path f(opts.file);
        dir = f.parent_path() / (f.stem().string() + "_" + opts.format);
    }
    std::error_code ec;
    if (fs::exists(dir, ec)) {
        if (!fs::is_directory(dir, ec)) return sim::io_error(dir.string(), "exists and is not a directory");
        if (!fs::is_empty(dir, ec) && !opts.force)
            return sim::io_error(dir.string(), "directory is not empty; use --force to write into it");
    } else if (!fs::create_directories(dir, ec) || ec) {
        return sim::io_error(dir.string(), "cannot create directory: " + ec.message());
    }

    std::vector<Table> tables;
    std::vector<UnitRow> units;
    collect(*tree, "", *tree, tables, units);
    const std::string ext = "." + opts.format;
    for (const auto& t : tables)
        if (auto ok = write_text(dir / (t.name + ext), opts.format == "csv" ? to_csv(t) : to_json(t)); !ok) return ok;
    Table u{"units", {"table", "column", "units", "description"}, {}};
    for (const auto& r : units) u.rows.push_back({r.table, r.column, r.units, r.description});
    if (auto ok = write_text(dir / ("units" + ext), opts.format == "csv" ? to_csv(u) : to_json(u)); !ok) return ok;
    sim::io::JsonWriter w;
    w.begin_object();
    group_attrs(w, *tree, "");
    w.end_object();
    if (auto ok = write_text(dir / "attributes.json", w.str() + "\n"); !ok) return ok;
    sim::logger("io")->info("exported {} table(s) from {} to {}", tables.size(), opts.file, dir.string());
    return {};
}

}  // namespace app
