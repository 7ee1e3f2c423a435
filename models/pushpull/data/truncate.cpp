#include "models/pushpull/data/truncate.hpp"

#include <algorithm>

namespace pushpull::data {

namespace {

void unreport_after(YearSeries& s, int last_year) {
    for (int y = std::max(last_year + 1, kFirstYear); y <= kLastYear; ++y)
        if (static_cast<std::size_t>(y - kFirstYear) < s.size()) s[static_cast<std::size_t>(y - kFirstYear)] = kMissing;
}

}  // namespace

InputData truncated_after(const InputData& in, int last_year) {
    InputData out = in;
    out.data_until = last_year;
    for (auto& c : out.countries) {
        for (auto* s : {&c.population, &c.homicide_per_100k, &c.polyarchy, &c.libdem, &c.gdp_pc_usd, &c.engagement_days,
                        &c.unga_agree_chn, &c.unga_agree_usa, &c.cn_investment_musd, &c.cn_finance_usd})
            unreport_after(*s, last_year);
        if (c.first_bri_year && *c.first_bri_year > last_year) c.first_bri_year.reset();
    }
    for (auto& city : out.cities) unreport_after(city.population, last_year);
    std::erase_if(out.visits, [last_year](const Visit& v) { return v.year > last_year; });
    return out;
}

}  // namespace pushpull::data
