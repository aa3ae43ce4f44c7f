"""Tests for fissures.claims: the claims tables, the status counts, contested numbers and translation slips."""

from __future__ import annotations

import dataclasses

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from fissures import claims, evidence


@pytest.fixture
def ev(data_dir):
    return evidence.load(data_dir)


@pytest.fixture
def ev_contested(data_dir):
    """The fixture evidence with a second, rival figure for the same count."""
    path = data_dir / "numbers.csv"
    with path.open("a", encoding="utf-8", newline="") as out:
        out.write("n2,2023-06-01-shebekino-shelling,evacuated,2500,,Gov. Vyacheslav Gladkov,fixture-news,"
                  "over: people in shelters\n")
        out.write("n3,2023-06-01-shebekino-shelling,evacuated,100,300,Someone else (a channel),fixture-news,range\n")
    return evidence.load(data_dir)


def test_fact_claims_keeps_facts_with_speaker_and_voice(ev):
    facts = claims.fact_claims(ev)
    assert list(facts["claim_id"]) == ["c01"]
    assert facts.iloc[0]["speaker"] == "The Sun Online"
    assert facts.iloc[0]["voice"] == "article"


def test_opinion_claims_keeps_opinions(ev):
    opinions = claims.opinion_claims(ev)
    assert list(opinions["claim_id"]) == ["c02"]
    assert opinions.iloc[0]["speaker"] == "Kristian Gustafson"
    assert opinions.iloc[0]["voice"] == "quoted"


def test_claims_in_reading_order(ev):
    extra = ev.claims.loc[["c01"]].assign(claim_id="c00", paragraph="p10").set_index("claim_id", drop=False)
    moved = dataclasses.replace(ev, claims=pd.concat([ev.claims, extra]))
    assert list(claims.fact_claims(moved)["paragraph"]) == ["p5", "p10"]


def test_unknown_speaker_raises(ev):
    bad = ev.claims.copy()
    bad.loc["c01", "speaker_id"] = "nobody"
    with pytest.raises(ValueError, match="'nobody'"):
        claims.fact_claims(dataclasses.replace(ev, claims=bad))


def test_status_counts_fills_every_status_and_voice():
    facts = pd.DataFrame({"status": ["confirmed", "confirmed", "claimed", "denied"],
                          "voice": ["article", "quoted", "article", "article"]})
    counts = claims.status_counts(facts)
    assert list(counts.index) == ["confirmed", "claimed", "disputed", "denied"]
    assert list(counts.columns) == ["article", "quoted"]
    assert counts.loc["confirmed"].tolist() == [1, 1]
    assert counts.loc["disputed"].tolist() == [0, 0]
    assert int(counts.values.sum()) == 4


@pytest.mark.parametrize("frame, message", [
    (pd.DataFrame({"status": ["opinion"], "voice": ["article"]}), "'opinion'"),
    (pd.DataFrame({"status": ["confirmed"]}), "'voice'"),
])
def test_status_counts_bad_input(frame, message):
    with pytest.raises(ValueError, match=message):
        claims.status_counts(frame)


def test_describe_status_counts_says_the_numbers(ev):
    text = claims.describe_status_counts(ev)
    assert "1 factual claims" in text and "1 confirmed" in text


def test_draw_status_counts(ev):
    fig = claims.draw_status_counts(ev)
    assert len(fig.axes[0].get_yticks()) == 4
    plt.close(fig)


def test_no_contested_numbers_with_one_figure(ev):
    assert claims.contested_numbers(ev).empty


def test_contested_numbers_groups_figures(ev_contested):
    rows = claims.contested_numbers(ev_contested)
    assert list(rows["value"]) == [100, 2500, 40000]  # sorted by value within the strip
    assert rows.set_index("number_id").loc["n1", "is_article"]
    assert rows.set_index("number_id").loc["n2", "more_than"]
    assert rows.set_index("number_id").loc["n3", "who"] == "Someone else"
    assert rows["strip"].nunique() == 1


def test_contested_numbers_unknown_measure(ev_contested):
    with pytest.raises(ValueError, match="'drones-hidden'"):
        claims.contested_numbers(ev_contested, ("drones-hidden",))


def test_number_table_says_figures(ev_contested):
    table = claims.number_table(ev_contested)
    assert list(table["figure"]) == ["100–300", "more than 2,500", "40,000"]
    assert set(table.columns) >= {"measure", "strip", "figure", "given_by", "source_id", "note"}


@pytest.mark.parametrize("row, said", [
    ({"value": 8, "value_max": float("nan"), "more_than": False}, "8"),
    ({"value": 4, "value_max": 10, "more_than": False}, "4–10"),
    ({"value": 40000, "value_max": float("nan"), "more_than": True}, "more than 40,000"),
])
def test_figure_text(row, said):
    assert claims.figure_text(pd.Series(row)) == said


def test_draw_contested_numbers(ev_contested):
    fig = claims.draw_contested_numbers(ev_contested, ("evacuated",))
    assert fig.axes[0].get_xscale() == "log"  # 100 to 40,000 spans orders of magnitude
    plt.close(fig)
    assert "The Sun 40,000" in claims.describe_contested_numbers(ev_contested, ("evacuated",))


def test_draw_contested_numbers_needs_figures(ev):
    with pytest.raises(ValueError, match="evacuated"):
        claims.draw_contested_numbers(ev, ("evacuated",))


def test_translation_slips_found_in_the_article(ev):
    slips = claims.translation_slips(ev)
    assert len(slips) == len(claims.TRANSLATION_SLIPS)
    assert {"p5", "p10", "p20", "p27", "p42"} <= set(slips["paragraph"])


def test_translation_slip_not_in_paragraph_raises(ev, monkeypatch):
    monkeypatch.setattr(claims, "TRANSLATION_SLIPS", (("p5", "grève générale", "x", "y"),))
    with pytest.raises(ValueError, match="'grève générale'"):
        claims.translation_slips(ev)


def test_claim_sources_leave_out_the_article(ev):
    sources = claims.claim_sources(ev, "c01")
    assert list(sources["source_id"]) == ["fixture-news"]


@pytest.mark.parametrize("call", [
    lambda ev: claims.claim_sources(ev, "c99"),
    lambda ev: claims.claim_card(ev, ["c01", "c99"]),
])
def test_unknown_claim_raises(ev, call):
    with pytest.raises(ValueError, match="'c99'"):
        call(ev)


def test_real_claims_every_fact_linked_to_an_event():
    ev = evidence.load()
    facts = claims.fact_claims(ev)
    assert (facts["event_ids"].str.len() > 0).all()


# --- Text twins: each description matches the table it describes --------------------------------

import re  # noqa: E402


def test_status_description_matches_status_table(ev_contested):
    extra = ev_contested.claims.loc[["c01"]]
    extra = pd.concat([extra.assign(claim_id="c03", status="claimed", speaker_id="kristian-gustafson"),
                       extra.assign(claim_id="c04", status="denied")]).set_index("claim_id", drop=False)
    ev = dataclasses.replace(ev_contested, claims=pd.concat([ev_contested.claims, extra.rename_axis(None)]))
    table = claims.status_table(ev).set_index("status")
    text = claims.describe_status_counts(ev)
    assert int(re.search(r"article's (\d+) factual claims", text).group(1)) == table["total"].sum() == 3
    said = {s: (int(t), int(a), int(q)) for t, s, a, q in
            re.findall(r"(\d+) (\w+) \((\d+) in the article's own voice, (\d+) from quoted speakers\)", text)}
    assert said == {s: (r["total"], r["article"], r["quoted"]) for s, r in table.iterrows()}
    assert list(table.index) == list(claims.FACT_STATUSES)


def test_contested_numbers_description_matches_its_table(ev_contested):
    table = claims.contested_numbers_table(ev_contested, ("evacuated",))
    text = claims.describe_contested_numbers(ev_contested, ("evacuated",))
    said = re.search(r"People evacuated \(([^)]*)\): (.*?)\.", text)
    figures = said.group(2).split(", ")
    drawn = table[table["role"] != "for comparison"]
    assert len(figures) == len(drawn) == 3
    assert sorted(figures) == sorted(f"{r['who']} {r['figure']}" for _, r in drawn.iterrows())
    assert set(drawn["strip"]) == {said.group(1)}
    assert list(drawn["role"]).count("the article") == 1
    assert "comparison" not in text and "for comparison" not in set(table["role"])


def test_contested_numbers_table_includes_comparisons(ev_contested, data_dir):
    with (data_dir / "numbers.csv").open("a", encoding="utf-8", newline="") as out:
        out.write("n4,2023-06-01-shebekino-shelling,other-town-population,40000,,AFP,fixture-news,\n")
    ev = evidence.load(data_dir)
    table = claims.contested_numbers_table(ev, ("evacuated",))
    text = claims.describe_contested_numbers(ev, ("evacuated",))
    grey = table[table["role"] == "for comparison"]
    assert len(grey) == 1 and grey.iloc[0]["who"] == "AFP"
    listed = re.search(r"Drawn grey for comparison: (.*)\.$", text).group(1).split("; ")
    assert len(listed) == len(grey) and listed[0].endswith("AFP 40,000")


def test_contested_numbers_table_needs_figures(ev):
    with pytest.raises(ValueError, match="evacuated"):
        claims.contested_numbers_table(ev, ("evacuated",))
