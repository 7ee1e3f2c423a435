// Vendors' reported footprints (vendor_footprints.csv): the anchors of the supply path (R8).
#include "models/pushpull/data/loaders.hpp"

namespace pushpull::data::detail {

using sim::io::take;

std::vector<VendorFootprint> load_footprints(const CsvTable& t, DiagnosticList& diags) {
    std::vector<VendorFootprint> out;
    const auto cols = t.columns({"vendor", "year", "qualifier", "value", "unit", "business_scope", "source_url",
                                 "quoted_sentence"},
                                diags);
    if (!cols) return out;
    const auto& c = *cols;
    for (std::size_t r = 0; r < t.rows(); ++r) {
        const auto year = take(sim::io::optional_int_field(t, r, c[1], kFirstYear, kLastYear), diags);
        const auto value = take(sim::io::number_field(t, r, c[3], 0.0, 1e10), diags);
        if (t.field(r, c[6]).empty()) diags.add(t.where(r, c[6]), "expected a source URL, got ''");
        if (t.field(r, c[7]).empty()) diags.add(t.where(r, c[7]), "expected the quoted sentence, got ''");
        if (!year || !value) continue;
        VendorFootprint f;
        f.vendor = std::string(t.field(r, c[0]));
        f.year = *year;
        f.qualifier = std::string(t.field(r, c[2]));
        f.value = *value;
        f.unit = std::string(t.field(r, c[4]));
        f.scope = std::string(t.field(r, c[5]));
        out.push_back(std::move(f));
    }
    return out;
}

}  // namespace pushpull::data::detail
