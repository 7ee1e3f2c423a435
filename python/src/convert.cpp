#include "python/src/convert.hpp"

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <limits>

namespace pyapi {

namespace py = pybind11;

namespace {

template <class T>
py::array_t<T> array(const std::vector<T>& v, const std::vector<std::size_t>& shape) {
    std::vector<py::ssize_t> dims;
    if (shape.size() == 2)
        dims = {static_cast<py::ssize_t>(shape[0]), static_cast<py::ssize_t>(shape[1])};
    else
        dims = {static_cast<py::ssize_t>(v.size())};
    py::array_t<T> a(dims);
    if (!v.empty()) std::copy(v.begin(), v.end(), a.mutable_data());
    return a;
}

py::object column(const sim::out::Column& c, const std::vector<std::size_t>& shape) {
    return std::visit(
        [&](const auto& v) -> py::object {
            using T = typename std::decay_t<decltype(v)>::value_type;
            if constexpr (std::is_same_v<T, std::string>) {
                py::list l;
                for (const auto& s : v) l.append(py::str(s));
                if (shape.size() == 2) {  // rows of strings
                    py::list rows;
                    for (std::size_t r = 0; r < shape[0]; ++r) rows.append(l[py::slice(
                        static_cast<py::ssize_t>(r * shape[1]), static_cast<py::ssize_t>((r + 1) * shape[1]), 1)]);
                    return rows;
                }
                return l;
            } else {
                return array<T>(v, shape);
            }
        },
        c);
}

py::object attr_value(const sim::out::AttrValue& v) {
    return std::visit([](const auto& x) -> py::object { return py::cast(x); }, v);
}

py::dict attrs(const sim::out::Attributes& a) {
    py::dict d;
    for (const auto& [k, v] : a) d[py::str(k)] = attr_value(v);
    return d;
}

}  // namespace

py::dict to_python(const sim::out::Group& g) {
    py::dict out, datasets, groups;
    for (const auto& d : g.datasets) {
        py::dict ds;
        ds["data"] = column(d.data, d.shape);
        ds["attrs"] = attrs(d.attrs);
        datasets[py::str(d.name)] = ds;
    }
    for (const auto& c : g.groups) groups[py::str(c.name)] = to_python(c);
    out["attrs"] = attrs(g.attrs);
    out["datasets"] = datasets;
    out["groups"] = groups;
    return out;
}

py::dict to_python(const ManyOutput& m) {
    const std::size_t n = m.rows.size();
    const std::size_t np = m.parameters.size(), ns = m.statistics.size();
    const auto reps = static_cast<std::size_t>(std::max(1, m.replicates));
    std::vector<std::int64_t> run(n), point(n), replicate(n), seed(n), ok(n);
    std::vector<std::string> error(n);
    std::vector<double> params(n * np), stats(n * ns, std::numeric_limits<double>::quiet_NaN());
    std::vector<std::vector<double>> series(m.series_names.size());
    for (std::size_t i = 0; i < n; ++i) {
        const auto& r = m.rows[i];
        run[i] = static_cast<std::int64_t>(i);
        point[i] = static_cast<std::int64_t>(i / reps);
        replicate[i] = static_cast<std::int64_t>(i % reps);
        seed[i] = static_cast<std::int64_t>(r.seed);
        ok[i] = r.ok ? 1 : 0;
        error[i] = r.error;
        const auto& p = m.points[i / reps];
        std::copy(p.begin(), p.end(), params.begin() + static_cast<std::ptrdiff_t>(i * np));
        if (r.statistics.size() == ns)
            std::copy(r.statistics.begin(), r.statistics.end(), stats.begin() + static_cast<std::ptrdiff_t>(i * ns));
        for (std::size_t s = 0; s < series.size(); ++s) {
            if (s < r.series.size()) series[s].insert(series[s].end(), r.series[s].begin(), r.series[s].end());
        }
    }
    py::dict out;
    out["run"] = array(run, {});
    out["point"] = array(point, {});
    out["replicate"] = array(replicate, {});
    out["seed"] = array(seed, {});
    out["ok"] = array(ok, {});
    out["error"] = py::cast(error);
    out["parameters"] = py::make_tuple(py::cast(m.parameters), array(params, {n, np}));
    out["statistics"] = py::make_tuple(py::cast(m.statistics), array(stats, {n, ns}));
    py::dict sd;
    for (std::size_t s = 0; s < series.size(); ++s) {
        const std::size_t len = n ? series[s].size() / n : 0;
        if (len * n == series[s].size()) sd[py::str(m.series_names[s])] = array(series[s], {n, len});
    }
    out["series"] = sd;
    out["header"] = to_python(m.header);
    return out;
}

}  // namespace pyapi
