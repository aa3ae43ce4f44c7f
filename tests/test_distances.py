"""fissures.distances: distances to the border and between places, the chart, its table and its words agree."""

from __future__ import annotations

import re

import pytest
from matplotlib.figure import Figure

from fissures import distances, evidence


@pytest.fixture
def ev(data_dir):
    return evidence.load(data_dir)


def test_place_table(ev) -> None:
    t = distances.place_table(ev, ["shebekino", "kharkiv", "shebekino"])
    assert list(t.index) == ["shebekino", "kharkiv"]
    assert 5.0 < t.loc["shebekino", "distance_km"] < 9.0
    assert t.loc["shebekino", "distance_km"] == round(t.loc["shebekino", "distance_km"], 1)
    assert t.loc["kharkiv", "source_ids"] == "geonames-cities500"
    with pytest.raises(ValueError, match="'nowhere'"):
        distances.place_table(ev, ["nowhere"])


def test_between(ev) -> None:
    t = distances.between(ev, [("shebekino", "kharkiv")])
    assert 50 < t.loc[0, "distance_km"] < 70 and t.loc[0, "precision"] == "1 / 1"
    with pytest.raises(ValueError, match="'nowhere'"):
        distances.between(ev, [("shebekino", "nowhere")])


def test_chart_table_and_words_agree(ev) -> None:
    table = distances.place_table(ev, ["kharkiv", "shebekino", "belgorod-oblast"])
    bars = distances.figure_table(table)
    text = distances.describe(bars)
    said = [(name, country, float(km)) for name, country, km in
            re.findall(r"(?:: |, )([^,:]+?) \((RU|UA)\) ([\d.]+) km", text)]
    assert said == [(r["place"], r["country"], round(r["distance_km"], 1)) for _i, r in bars.iterrows()]
    assert [d for _n, _c, d in said] == sorted(d for _n, _c, d in said)  # nearest first
    approx = int(re.search(r"(\d+) of them known only approximately", text).group(1))
    assert approx == int((bars["uncertainty_km"] > 0).sum()) == 1 and "± 25 km" in text
    first, last = bars.iloc[0], bars.iloc[-1]
    assert distances.alt(bars) == (f"Bar chart of 3 places by distance to the Russia–Ukraine border, from "
                                   f"{first['place']} ({first['distance_km']:.1f} km) to {last['place']} "
                                   f"({last['distance_km']:.1f} km).")
    fig = distances.draw(table, title="Distances", source="Source: test")
    assert isinstance(fig, Figure)
    assert [t.get_text() for t in fig.axes[0].texts][:-1] == [f"{d:.1f} km" for d in
                                                               table.sort_values("distance_km", ascending=False)["distance_km"]]
    with pytest.raises(ValueError, match="'country'"):
        distances.draw(table.drop(columns="country"), title="x", source="y")
