"""fissures.argument: the rows the argument map and the voices chart draw, and their descriptions."""

from __future__ import annotations

import dataclasses
import re

import pandas as pd
import pytest

from fissures import argument, evidence, style


@pytest.fixture
def ev(data_dir):
    return evidence.load(data_dir)


@pytest.fixture
def ev_more(ev):
    """The fixture evidence with a caveat and a second event (claimed) offered as evidence."""
    caveat = pd.DataFrame([{"node_id": "cav", "kind": "caveat", "label_en": "The cracks are small", "parent": "thesis",
                            "claim_ids": "c02", "event_ids": "2023-05-22-belgorod-raid", "note": ""}]).set_index(
        "node_id", drop=False).rename_axis(None)
    nodes = pd.concat([ev.argument, caveat.reindex(columns=ev.argument.columns)])
    return dataclasses.replace(ev, argument=nodes)


def _described_map(text: str) -> dict:
    """The counts the argument map's description gives, read back out of its words."""
    out = {"mechanism": int(re.search(r"(\d+) mechanisms? support", text).group(1)),
           "caveat": int(re.search(r"(\d+) caveats? qualif", text).group(1)),
           "event": int(re.search(r"(\d+) events? (?:are|is) offered", text).group(1))}
    statuses = re.search(r"offered as evidence \(([^)]*)\)", text).group(1)
    out["status"] = {s: int(n) for n, s in re.findall(r"(\d+) (\w+)", statuses)}
    return out


@pytest.mark.parametrize("name", ["ev", "ev_more"])
def test_map_description_matches_its_table(name, request):
    ev = request.getfixturevalue(name)
    table = argument.map_table(ev)
    said = _described_map(argument.describe_map(ev))
    parts = table["part"].value_counts()
    assert said["mechanism"] == parts.get("mechanism", 0)
    assert said["caveat"] == parts.get("caveat", 0)
    assert said["event"] == parts.get("event", 0)
    events = table[table["part"] == "event"]
    assert said["status"] == {s: int(n) for s, n in events["status"].value_counts().items()}
    assert set(said["status"]) <= set(style.STATUS_ORDER)


def test_map_table_rows(ev_more):
    table = argument.map_table(ev_more)
    assert list(table["part"]) == ["thesis", "mechanism", "caveat", "event", "event"]
    events = table[table["part"] == "event"]
    assert list(events["date"]) == ["22 May 2023", "1 Jun 2023"]  # oldest first
    assert list(events["supports"]) == ["The cracks are small", "Putin is weakening"]
    assert (table.loc[table["part"] != "event", "status"] == "").all()  # no badge for the argument's parts


def test_map_table_unknown_event(ev):
    nodes = ev.argument.copy()
    nodes.loc["m-one", "event_ids"] = "no-such-event"
    with pytest.raises(ValueError, match="'no-such-event'"):
        argument.map_table(dataclasses.replace(ev, argument=nodes))


def test_voices_description_matches_its_table():
    voices = pd.DataFrame({"name": ["Dr Expert", "The Sun"], "affiliation": ["Uni", "The Sun"],
                           "side": ["independent-expert", "media"], "quoted_words": [30, 10], "paragraphs": [3, 1]})
    voices["share"] = voices["quoted_words"] / voices["quoted_words"].sum()
    table = argument.voices_table(voices)
    text = argument.describe_voices(voices)
    said = {name: (share, int(words)) for name, share, words in re.findall(r"([A-Z][\w ]+?) (\d+%) \((\d+) words\)", text)}
    assert said == {r["name"]: (r["share"], r["quoted_words"]) for _, r in table.iterrows()}
    assert list(table["side"]) == ["Western expert", "The Sun (narration)"]
