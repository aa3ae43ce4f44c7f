"""fissures.claims and chapter 05's choices: the claims tables, the status counts, the contested panels, the slips."""

from __future__ import annotations

import dataclasses
import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from fissures import claims, evidence
from fissures.chapters import claims as chapter
from tests.conftest import add_rows


@pytest.fixture
def ev(data_dir):
    return evidence.load(data_dir)


@pytest.fixture
def ev_contested(data_dir):
    """The fixture evidence with rival figures for the same count, and one that counts something else."""
    row = {"event_id": "2023-06-01-shebekino-shelling", "source_id": "fixture-news", "measure": "evacuated"}
    add_rows(data_dir, "numbers", [
        dict(row, number_id="n2", value="2500", qualifier="over", given_by="Gov. Vyacheslav Gladkov"),
        dict(row, number_id="n3", value="100", value_max="300", qualifier="range", given_by="Someone (a channel)"),
        dict(row, number_id="n4", measure="other-town-population", value="40000", qualifier="about", given_by="AFP"),
        dict(row, number_id="n5", measure="drones-downed", value="8", qualifier="exact", given_by="MoD")])
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


def test_contested_panels_hold_rival_figures_and_their_comparisons(ev, ev_contested):
    assert chapter.contested(ev) == {}  # one figure alone is not contested
    assert chapter.contested(ev_contested) == {"People evacuated": ["n1", "n2", "n3", "n4"]}


def test_translation_slips_come_from_the_data(ev):
    slips = claims.translation_slips(ev)
    assert list(slips.columns) == ["paragraph", "french", "english", "english_fr", "effect", "effect_fr"]
    assert slips.iloc[0]["french"] in ev.paragraphs.loc[slips.iloc[0]["paragraph"], "text"]


def test_a_slip_not_in_its_paragraph_is_refused(data_dir):
    path = data_dir / "article" / "slips.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("grève", "grève générale", 1), encoding="utf-8")
    with pytest.raises(evidence.EvidenceError, match="slips.csv line 2 \\(paragraph=p5\\): french 'grève générale' is not found"):
        evidence.load(data_dir)


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


def test_chapter_05_opens_with_the_counts_the_data_gives(real_ev):
    """The intro's numbers are prose, written by hand: they must still be the table's."""
    import nbformat

    from fissures import paths

    intro = nbformat.read(paths.ROOT / "notebooks" / "05-claims-and-evidence.ipynb", as_version=4).cells[0].source
    said = re.search(r"of its (\d+) factual claims, (\d+) are confirmed .*?, (\d+) rest on one side's word alone, "
                     r"(\d+) are disputed and (\d+) (?:was|were) denied", intro)
    assert said, "chapter 05's intro no longer gives the status counts in the expected words"
    facts = real_ev.claims[real_ev.claims["kind"] == "fact"]["status"]
    assert [int(n) for n in said.groups()] == [len(facts)] + [int((facts == s).sum())
                                                              for s in ("confirmed", "claimed", "disputed", "denied")]
