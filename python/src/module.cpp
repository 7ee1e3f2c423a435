// pushpull._core: the engine in-process. Thin bindings only: argument conversion, the GIL released
// around every simulation, sim::Error turned into pushpull.BadInput / IoError / InternalError
// carrying the CLI's message. The Python-facing API (DataFrames) is pushpull/__init__.py.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "models/pushpull/experiment/output.hpp"
#include "python/src/api.hpp"
#include "python/src/convert.hpp"
#include "sim/log.hpp"
#include "sim/model_api.hpp"
#include "sim/output/hdf5_writer.hpp"

namespace py = pybind11;

namespace {

/// A sim::Error on its way to Python (translated in the module's exception translator).
struct ApiError : std::exception {
    sim::Error error;
    std::string text;
    explicit ApiError(sim::Error e) : error(std::move(e)), text(error.message()) {}
    [[nodiscard]] const char* what() const noexcept override { return text.c_str(); }
};

template <class T>
T value_or_raise(sim::Result<T>&& r) {
    if (!r) throw ApiError(std::move(r.error()));
    if constexpr (!std::is_void_v<T>) return std::move(*r);
}

py::handle g_error, g_bad_input, g_io_error, g_internal_error;

py::handle new_exception(py::module_& m, const char* name, py::handle base, const char* doc) {
    py::dict ns;
    ns["__doc__"] = doc;
    ns["__module__"] = "pushpull";
    py::object cls = py::reinterpret_borrow<py::object>(reinterpret_cast<PyObject*>(&PyType_Type))(
        name, py::make_tuple(base), ns);
    m.attr(name) = cls;
    return cls.release();
}

py::object describe_rows(const std::string& model_name) {
    for (const auto& m : sim::model_registry()) {
        if (m.name != model_name) continue;
        py::list rows;
        const auto schema = m.schema();
        for (const auto& k : schema.keys()) {
            py::dict r;
            r["id"] = k.path;
            r["type"] = k.type == sim::config::Type::Bool    ? "bool"
                        : k.type == sim::config::Type::Int   ? "int"
                        : k.type == sim::config::Type::Float ? "float"
                        : k.type == sim::config::Type::Path  ? "path"
                                                             : "string";
            r["default"] = std::visit([](const auto& v) { return py::cast(v); }, k.default_value);
            r["min"] = k.min ? py::cast(*k.min) : py::none();
            r["max"] = k.max ? py::cast(*k.max) : py::none();
            r["choices"] = py::cast(k.choices);
            r["unit"] = k.unit;
            r["prior"] = k.prior;
            r["doc"] = k.doc;
            rows.append(r);
        }
        return rows;
    }
    std::string known;
    for (const auto& m : sim::model_registry()) known += (known.empty() ? "" : ", ") + m.name;
    throw ApiError(sim::Error(sim::ErrorKind::BadInput, "describe", "unknown model '" + model_name + "'; known models: " + known));
}

std::vector<std::vector<double>> as_points(const py::array_t<double, py::array::c_style | py::array::forcecast>& a) {
    if (a.ndim() != 2) throw ApiError(sim::Error(sim::ErrorKind::BadInput, "params", "expected a 2-D table of numbers"));
    std::vector<std::vector<double>> points(static_cast<std::size_t>(a.shape(0)));
    const auto cols = static_cast<std::size_t>(a.shape(1));
    for (std::size_t i = 0; i < points.size(); ++i) points[i].assign(a.data() + i * cols, a.data() + (i + 1) * cols);
    return points;
}

}  // namespace

PYBIND11_MODULE(_core, m) {
    m.doc() = "pushpull engine bindings (use the `pushpull` package, not this module)";
    sim::set_log_level("warn");  // a library is quiet; pushpull.set_log_level("info") to see progress

    g_error = new_exception(m, "Error", PyExc_RuntimeError, "Base class of every pushpull error.");
    g_bad_input = new_exception(m, "BadInput", g_error,
                                "Bad input: scenario, data, key or argument (the CLI's exit code 2).");
    g_io_error = new_exception(m, "IoError", g_error, "I/O failure: unreadable or unwritable file (exit code 3).");
    g_internal_error = new_exception(m, "InternalError", g_error, "An internal error (exit code 1).");
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const ApiError& e) {
            const py::handle cls = e.error.kind == sim::ErrorKind::BadInput ? g_bad_input
                                   : e.error.kind == sim::ErrorKind::Io     ? g_io_error
                                                                            : g_internal_error;
            py::list diags;
            for (const auto& d : e.error.diagnostics) diags.append(py::make_tuple(d.where, d.what));
            py::object inst = cls(e.text);
            inst.attr("diagnostics") = diags;
            PyErr_SetObject(cls.ptr(), inst.ptr());
        }
    });

    m.attr("version") = PUSHPULL_VERSION;
    m.attr("git_describe") = PUSHPULL_GIT_DESCRIBE;
    m.attr("source_dir") = PUSHPULL_SOURCE_DIR;
    m.def("set_log_level", &sim::set_log_level, py::arg("level"));

    py::class_<sim::out::Group>(m, "Tree", "An output tree (what a command writes), held in C++.")
        .def("to_dict", [](const sim::out::Group& g) { return pyapi::to_python(g); })
        .def(
            "write",
            [](const sim::out::Group& g, const std::string& path, bool overwrite) {
                py::gil_scoped_release release;
                value_or_raise(pyapi::write(g, path, overwrite));
            },
            py::arg("path"), py::arg("overwrite") = false);

    m.def(
        "run",
        [](const std::string& scenario, std::optional<std::uint64_t> seed, std::vector<std::string> sets, int threads,
           bool serial, std::string command_line) {
            pyapi::RunRequest req{scenario, seed, std::move(sets), threads, serial, std::move(command_line)};
            sim::Result<pyapi::RunOutput> out;
            {
                py::gil_scoped_release release;
                out = pyapi::run(req);
            }
            auto o = value_or_raise(std::move(out));
            return py::make_tuple(py::cast(std::move(o.tree)), o.summary_text);
        },
        py::arg("scenario"), py::arg("seed") = py::none(), py::arg("sets") = std::vector<std::string>{},
        py::arg("threads") = 0, py::arg("serial") = false, py::arg("command_line") = "");

    m.def(
        "run_many",
        [](const std::string& scenario, std::vector<std::string> sets, std::vector<std::string> keys,
           const py::array_t<double, py::array::c_style | py::array::forcecast>& points, int replicates,
           std::uint64_t seed, bool crn, std::vector<std::uint64_t> seeds, bool keep_series, int threads) {
            pyapi::ManyRequest req;
            req.scenario = scenario;
            req.sets = std::move(sets);
            req.keys = std::move(keys);
            req.points = as_points(points);
            req.replicates = replicates;
            req.seed = seed;
            req.common_random_numbers = crn;
            req.seeds = std::move(seeds);
            req.keep_series = keep_series;
            req.threads = threads;
            sim::Result<pyapi::ManyOutput> out;
            {
                py::gil_scoped_release release;
                out = pyapi::run_many(req);
            }
            return pyapi::to_python(value_or_raise(std::move(out)));
        },
        py::arg("scenario"), py::arg("sets"), py::arg("keys"), py::arg("points"), py::arg("replicates") = 1,
        py::arg("seed") = 1, py::arg("common_random_numbers") = false, py::arg("seeds") = std::vector<std::uint64_t>{},
        py::arg("keep_series") = false, py::arg("threads") = 0);

    m.def(
        "sweep",
        [](const std::string& file, int threads) {
            sim::Result<pyapi::ManyOutput> out;
            {
                py::gil_scoped_release release;
                out = pyapi::sweep(file, threads);
            }
            return pyapi::to_python(value_or_raise(std::move(out)));
        },
        py::arg("file"), py::arg("threads") = 0);

    m.def(
        "experiment",
        [](const std::string& file, const std::string& text, const std::string& base_dir, int threads,
           const std::string& command_line) {
            sim::Result<sim::out::Group> out;
            {
                py::gil_scoped_release release;
                out = pyapi::experiment(file, text, base_dir, threads, command_line);
            }
            return value_or_raise(std::move(out));
        },
        py::arg("file"), py::arg("text") = "", py::arg("base_dir") = ".", py::arg("threads") = 0,
        py::arg("command_line") = "");

    m.def(
        "read",
        [](const std::string& path) {
            sim::Result<sim::out::Group> tree;
            {
                py::gil_scoped_release release;
                if (!std::filesystem::exists(path))
                    tree = sim::bad_input(path, "file not found");
                else
                    tree = sim::out::read_hdf5(path);
            }
            return value_or_raise(std::move(tree));
        },
        py::arg("path"));

    m.def("describe", &describe_rows, py::arg("model") = "pushpull");
}
