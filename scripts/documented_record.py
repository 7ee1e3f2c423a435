"""The documented record as the scripts read it: one definition of the "main curve" rule.

Main curve: rows of data/adoption_events_documented.csv with confidence high/medium and scope
platform / FR_platform / pilot; each country's earliest year_first_documented. Also the AidData
Chinese official finance 2000-2014 per country (the model's input). Used by derive-targets.py,
adopter-order.py and rival-scores.py.
"""
import csv
from pathlib import Path

MAIN_SCOPES = {"platform", "FR_platform", "pilot"}


def first_years(rows):
    """iso3 -> earliest documented year over the main-curve rows."""
    first = {}
    for r in rows:
        if r["confidence"] not in ("high", "medium") or r["scope"] not in MAIN_SCOPES:
            continue
        if not r["year_first_documented"].strip():
            continue
        y = int(r["year_first_documented"])
        first[r["iso3"]] = min(y, first.get(r["iso3"], y))
    return first


def documented_first_years(root):
    with open(Path(root) / "data" / "adoption_events_documented.csv", newline="", encoding="utf-8") as f:
        return first_years(csv.DictReader(f))


def finance_record(root):
    """iso3 -> Chinese official finance 2000-2014, USD (AidData geocoded)."""
    total = {}
    with open(Path(root) / "data" / "aiddata_geo_v111_country_year.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            total[r["iso3"]] = total.get(r["iso3"], 0.0) + float(r["usd_current_sum_known"] or 0)
    return total
