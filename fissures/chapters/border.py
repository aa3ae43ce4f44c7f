"""Chapter 03, the border: where the raids and the shelling were, how far inside Russia, and what
"eight villages" and "40,000 evacuated" mean."""

from __future__ import annotations

from fissures import distances, figures, maps, numbers, staticmaps, tables
from fissures.evidence import Evidence
from fissures.html import Shown, localized
from fissures.i18n import N_, _

BBOX = (34.5, 49.6, 38.5, 51.3)
WINDOW = ("2023-05-22", "2023-06-06")
PLACES = ("belgorod", "shebekino", "novaya-tavolzhanka", "maslova-pristan", "grayvoron", "kozinka", "glotovo",
          "gora-podol", "sumy", "kharkiv")
REGIONS = ("belgorod-oblast", "kursk-oblast", "sumy-oblast", "kharkiv-oblast")
COUNTRY_LABELS = {"RU": (51.12, 37.6), "UA": (49.9, 35.25)}
PLACE_LABELS = {
    "belgorod": "above",
    "shebekino": {"name": (8, -24), "events": "right"},
    "shebekinsky-district": None,
    "novaya-tavolzhanka": {"name": (-6, -24), "events": "left"},
    "maslova-pristan": {"name": (-10, 16), "events": "left"},
    "grayvoron": {"name": (4, 22), "events": "right", "text": N_("Grayvoron")},
    "grayvoronsky-district": None,
    "kozinka": {"name": (-30, -22), "events": "left", "text": N_("Kozinka, Glotovo,\nGora-Podol")},
    "glotovo": None,
    "gora-podol": None,
    "sumy": {"name": "above", "events": "right"},
    "kharkiv": "right",
}
# The villages of the 22-23 May raid, close up.
RAID_BBOX = (35.45, 50.36, 35.85, 50.56)
RAID_PLACES = ("grayvoron", "kozinka", "glotovo", "gora-podol")
RAID_LABELS = {
    "grayvoron": {"name": "below", "events": "right"},
    "grayvoronsky-district": None,
    "kozinka": {"name": (-8, -22), "events": "left"},
    "glotovo": {"name": (10, -30), "text": N_("Glotovo (approximate)")},
    "gora-podol": {"name": (-10, 20)},
}
RAID_COUNTRY_LABELS = {"RU": (50.53, 35.52), "UA": (50.385, 35.52)}
VILLAGES = ("num-025", "num-026", "num-029", "num-030", "num-031", "num-032")
EVACUATED = ("num-041", "num-042", "num-043", "num-047", "num-044", "num-045", "num-046", "num-048")
MAP_SOURCE = N_("Fissures data/events.csv, data/places.csv; base map Natural Earth, border © OpenStreetMap contributors")


def events(ev: Evidence):
    """The events of 22 May to 6 June 2023 near the border (statements left out: they have no place of their own)."""
    return staticmaps.select_events(ev, *WINDOW, BBOX, exclude_types=["statement"])


@localized
def border_map(ev: Evidence) -> Shown:
    """The border between Sumy, Belgorod and Kharkiv, with the events of 22 May to 6 June 2023."""
    return staticmaps.figure(
        ev, "03-border-map", BBOX, title=_("Belgorod Oblast and the border, 22 May – 6 June 2023"), events=events(ev),
        places=PLACES, place_labels=PLACE_LABELS, regions=REGIONS, country_labels=COUNTRY_LABELS, source=_(MAP_SOURCE),
        caption=_("Events of 22 May to 6 June 2023 near the border. Colour is the kind of event, fill its status. Grey "
                  "circles mark places known only approximately (district rows, and Glotovo)."))


@localized
def events_map(ev: Evidence) -> Shown:
    """The same events on an interactive map."""
    shown = events(ev)
    return maps.save(ev, "03-border-events", shown, title=_("Events at the Belgorod border, 22 May – 6 June 2023"),
                     description=maps.describe(shown), bbox=BBOX)


def _places(ev: Evidence):
    return distances.place_table(ev, list(PLACES) + list(events(ev)["place_id"]))


@localized
def places(ev: Evidence) -> Shown:
    """The places on the border map and their distance to the border, nearest first."""
    return tables.render(_places(ev).sort_values("distance_km"),
                         _("Places on the border map and their distance to the Russia–Ukraine border"),
                         columns={"name": _("Place"), "kind": _("Kind"), "country": _("Country"),
                                  "distance_km": _("To the border (km)"), "geo_precision": _("Precision"),
                                  "source_ids": _("Sources")})


@localized
def distance_chart(ev: Evidence) -> Shown:
    """How far inside Russia (or Ukraine) each place lies."""
    table = _places(ev)
    table = table[table["kind"] != "district"]
    bars = distances.figure_table(table)
    def fig():
        return distances.draw(table, title=_("Distance to the Russia–Ukraine border"),
                              source=_("Source: Fissures data/places.csv; border © OpenStreetMap contributors; geodesic distance "
                                       "(WGS84)"))
    return figures.save(fig, "03-border-distances", data=bars, description=distances.describe(bars),
                        columns=tables.headers(distances.TABLE_COLUMNS), alt=distances.alt(bars),
                        source=_("Fissures data/places.csv, data/events.csv; border © OpenStreetMap contributors; distances geodesic "
                                 "(WGS84)"),
                        caption=_("Distance from each place to the Russia–Ukraine border. Whiskers show the "
                                  "uncertainty of places known only approximately."))


@localized
def village_figures(ev: Evidence) -> Shown:
    """Villages and people in the 22–23 May raid, each figure as its source gave it."""
    return numbers.table(ev, VILLAGES, _("Villages and people in the 22–23 May raid: each figure as given, with who "
                                         "gave it"))


@localized
def raid_map(ev: Evidence) -> Shown:
    """The villages of the 22–23 May raid, close up."""
    return staticmaps.figure(
        ev, "03-grayvoron-map", RAID_BBOX, title=_("The villages of the 22–23 May raid"),
        events=staticmaps.select_events(ev, *WINDOW, RAID_BBOX), places=RAID_PLACES, place_labels=RAID_LABELS,
        country_labels=RAID_COUNTRY_LABELS, source=_(MAP_SOURCE),
        caption=_("The villages named in the sources for the 22–23 May raid. Glotovo has no coordinates of its own and "
                  "is drawn at Kozinka's; the district circle is centred on Grayvoron."))


@localized
def evacuation_figures(ev: Evidence) -> Shown:
    """Evacuation figures for Shebekino and nearby villages, each as its source gave it."""
    return numbers.table(ev, EVACUATED, _("Evacuation figures for Shebekino and nearby villages: each figure as given, "
                                          "with who gave it"))


@localized
def numbers_chart(ev: Evidence) -> Shown:
    """The article's "eight villages" and "40,000 evacuated" against their sources."""
    panels = {_("Villages: taken, or evacuated? (22–23 May raid)"): ["num-025", "num-026", "num-029", "num-030"],
              _("People evacuated from Shebekino and around"): list(EVACUATED)}
    return numbers.figure(
        ev, "03-contested-numbers", panels, title=_("The article's numbers against their sources"),
        source=_("Fissures data/numbers.csv (one row per source); dates are the sources' publication dates"),
        caption=_("Each figure as its source gave it, one mark per source. Orange: the article; blue: the same count "
                  "from others; grey: a related figure that counts something else."))
