"""Chapter 04, Moscow: the Kremlin incident and the 30 May drones, how many by whose count, and how far
Moscow lies from the border compared with the strikes before."""

from __future__ import annotations

import pandas as pd

from fissures import distances, formats, geo, labels, maps, numbers, staticmaps, tables
from fissures.evidence import Evidence
from fissures.html import Shown, localized
from fissures.i18n import N_, _

BBOX = (36.8, 55.45, 38.2, 56.05)
PLACES = ("moscow-kremlin", "moscow", "novo-ogaryovo", "rublyovka", "odintsovo", "krasnogorsk")
EVENTS = ("2023-05-03-kremlin-drones", "2023-05-30-moscow-drone-attack", "2023-05-30-drones-downed-rublyovka")
PLACE_LABELS = {
    "moscow-kremlin": {"name": (4, -22), "events": "right", "text": N_("Kremlin (central Moscow)")},
    "moscow": None,
    "novo-ogaryovo": {"name": (-10, -26), "text": N_("Novo-Ogaryovo\n(Putin's residence)")},
    "rublyovka": {"name": (-4, 24), "events": "right", "text": N_("Rublyovka\n(approximate)")},
    "odintsovo": "below",
    "krasnogorsk": "above",
}
RING_KM = (10, 20, 30)
KREMLIN = "moscow-kremlin"
DRONES = ("num-001", "num-002", "num-003", "num-004", "num-005", "num-006", "num-007", "num-010", "num-012")
LAUNCHED = ("num-001", "num-004", "num-007")
DOWNED = ("num-002", "num-003", "num-005", "num-006", "num-010")
PAIRS = (("rublyovka", "novo-ogaryovo"), ("moscow-kremlin", "rublyovka"), ("moscow-kremlin", "novo-ogaryovo"))

# The region: rings of distance around Moscow, and the earlier strikes nearer the border.
REGION_BBOX = (28.0, 48.0, 47.0, 57.0)
REGION_RING_KM = (100, 200, 300, 400, 500)
REGION_COUNTRY_LABELS = {"RU": (56.3, 43.5), "UA": (49.0, 31.0), "BY": (53.6, 29.9)}
# Earlier strikes on Russian soil and occupied Crimea that the article's p25 contrasts with the
# Moscow attacks (oil, energy, military, border regions), plus the Moscow attacks themselves.
COMPARISON_EVENTS = ("2022-04-01-belgorod-fuel-depot", "2022-04-14-klimovo-shelling", "2022-10-08-crimean-bridge-blast",
                     "2022-12-05-engels-dyagilevo-drones", "2023-03-02-bryansk-raid", "2023-04-29-sevastopol-oil-depot",
                     "2023-05-03-kremlin-drones", "2023-05-30-moscow-drone-attack", "2023-05-31-afipsky-refinery-drone")
# events.csv has one place per event; this event hit two air bases, so the map also marks the
# second one (Dyagilevo, at Ryazan) with the same event.
SECOND_PLACES = {"2022-12-05-engels-dyagilevo-drones": ("ryazan",)}
REGION_PLACES = ("moscow", "kyiv", "belgorod", "klimovo", "engels", "ryazan", "kharkiv")
REGION_DISTANCES = ("belgorod", "klimovsky-district", "engels", "ryazan")
REGION_LABELS = {
    "moscow": {"name": "right", "events": "left"},
    "moscow-kremlin": None,
    "kyiv": "left",
    "kharkiv": "below",
    "belgorod": {"name": "right", "events": "left"},
    "klimovo": None,
    "klimovsky-district": {"name": (-10, -30), "events": "right", "text": N_("Klimovo")},
    "engels": {"name": (-12, -16), "events": "left", "text": N_("Engels-2 air base")},
    "ryazan": {"name": "right", "events": "left", "text": N_("Dyagilevo air base (Ryazan)")},
}
MAP_SOURCE = N_("Fissures data/events.csv, data/places.csv; base map Natural Earth, border © OpenStreetMap contributors")
NUMBERS_SOURCE = N_("Fissures data/numbers.csv (one row per source); dates are the sources' publication dates")


@localized
def moscow_map(ev: Evidence) -> Shown:
    """Moscow and its western suburbs, with rings from the Kremlin and the drones of 3 and 30 May."""
    kremlin = ev.places.loc[KREMLIN]
    rings = [(kremlin.lat, kremlin.lon, km, _("{km} from the Kremlin").format(km=formats.km(km))) for km in RING_KM]
    return staticmaps.figure(
        ev, "04-moscow-map", BBOX, title=_("Drones over Moscow, 3 and 30 May 2023"), events=EVENTS, places=PLACES,
        place_labels=PLACE_LABELS, regions=["moscow-oblast"], rings=rings,
        ring_label=_("distance from the Kremlin (geodesic)"), source=_(MAP_SOURCE),
        caption=_("The 3 May Kremlin incident and the 30 May drone wave. The three apartment blocks hit on 30 May were "
                  "not geocoded and are drawn at the city point; Rublyovka is drawn at Barvikha, a settlement inside the "
                  "area, with a 5 km circle."))


@localized
def events_map(ev: Evidence) -> Shown:
    """The drones over Moscow in May 2023 on an interactive map."""
    shown = staticmaps.select_events(ev, "2023-05-01", "2023-05-31", BBOX, exclude_types=["statement"])
    return maps.save(ev, "04-moscow-events", shown, title=_("Drones over Moscow, May 2023"),
                     description=maps.describe(shown), bbox=BBOX)


@localized
def drone_figures(ev: Evidence) -> Shown:
    """Every count of the drones over Moscow on 30 May (and 3 May), as each source gave it."""
    return numbers.table(ev, DRONES, _("Drones over Moscow on 30 May (and 3 May): each figure as given, with who gave it"))


@localized
def drone_chart(ev: Evidence) -> Shown:
    """How many drones over Moscow on 30 May, by whose count."""
    panels = {_("Drones launched, 30 May"): list(LAUNCHED), _("Drones downed, 30 May"): list(DOWNED)}
    return numbers.figure(
        ev, "04-drone-counts", panels, title=_("How many drones over Moscow on 30 May?"), source=_(NUMBERS_SOURCE),
        caption=_("Counts of drones on 30 May as each source gave them. The ministry's is the lowest launch count and "
                  "the only one saying every drone was stopped."))


@localized
def distances_table(ev: Evidence) -> Shown:
    """Geodesic distances between the places on the Moscow map."""
    return tables.render(distances.between(ev, PAIRS), _("Geodesic distances between the places on the Moscow map"),
                         columns={"from": _("From"), "to": _("To"), "distance_km": _("Distance (km)"),
                                  "precision": _("Precision (from / to)"), "source_ids": _("Sources of the coordinates")})


def _strikes(ev: Evidence) -> pd.DataFrame:
    return staticmaps.with_second_places(ev.events.loc[list(COMPARISON_EVENTS)], SECOND_PLACES)


@localized
def range_map(ev: Evidence) -> Shown:
    """Rings of distance around Moscow, and the earlier strikes on Russian soil nearer the border."""
    moscow = ev.places.loc["moscow"]
    distance = geo.distance_to_border_km(float(moscow.lat), float(moscow.lon))
    return staticmaps.figure(
        ev, "04-range-rings", REGION_BBOX, title=_("Moscow is about {km} from the border").format(
            km=formats.km(round(distance, -1))), events=_strikes(ev), places=REGION_PLACES, place_labels=REGION_LABELS,
        distances=REGION_DISTANCES, country_labels=REGION_COUNTRY_LABELS, to_border=["moscow"],
        ring_label=_("distance from Moscow (geodesic)"), rings=[(moscow.lat, moscow.lon, km) for km in REGION_RING_KM],
        source=_(MAP_SOURCE),
        caption=_("Rings of distance around Moscow, and where earlier attacks on Russian soil took place, with each "
                  "place's distance to the border. Sevastopol, the Crimean Bridge and the Afipsky refinery lie south of "
                  "the map."))


def comparison_table(ev: Evidence) -> pd.DataFrame:
    """Strikes compared: date, what, target, place, distance from the border (km), status, sources.

    Distances are to the Russia–Ukraine land border; a place in Ukraine (occupied Crimea) gets none.
    """
    rows = []
    for eid in COMPARISON_EVENTS:
        e = ev.events.loc[eid]
        p = ev.places.loc[e["place_id"]]
        in_russia = p["country"] == "RU"
        where = staticmaps.short_name(p["name_en"])
        for second in SECOND_PLACES.get(eid, ()):
            where += f"; {staticmaps.short_name(ev.places.at[second, 'name_en'])}"
        km = [geo.distance_to_border_km(float(ev.places.at[q, "lat"]), float(ev.places.at[q, "lon"]))
              for q in (e["place_id"], *SECOND_PLACES.get(eid, ()))]
        rows.append({"event_id": eid, "date": e["date"], "what": labels.event_type(e["event_type"]).lower(),
                     "target": e["target"],
                     "place": where if in_russia else _("{place} (occupied, Ukraine)").format(place=where),
                     "distance_km": "; ".join(formats.number(d) for d in km) if in_russia else "",
                     "status": e["status"], "source_ids": e["source_ids"]})
    return pd.DataFrame(rows).set_index("event_id").sort_values("date")


@localized
def comparison(ev: Evidence) -> Shown:
    """The Moscow attacks and earlier strikes: target and distance from the border."""
    return tables.render(comparison_table(ev), _("The Moscow attacks and earlier strikes: target and distance from the "
                                                 "border"),
                         columns={"date": _("Date"), "what": _("Event"), "target": _("Target"), "place": _("Place"),
                                  "distance_km": _("From the border (km)"), "status": _("Status"),
                                  "source_ids": _("Sources")})
