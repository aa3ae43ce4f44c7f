"""The loader: every rule has a bad input that must be named by file, line, id and column."""

from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fissures import evidence, paths


# (file, text to replace, replacement, words the message must contain)
BAD = [
    ("places.csv", "50.41342", "999", "places.csv line 2 (place_id=shebekino): lat 999 is not within -90..90"),
    ("places.csv", "50.41342,36.92537", "36.92537,50.41342", "lat 36.92537 is outside the region of the report"),
    ("places.csv", "50.41342", "north", "places.csv line 2 (place_id=shebekino): lat 'north' is not a number"),
    ("places.csv", "belgorod-oblast,", "shebekino,", "places.csv line 3 (place_id=shebekino): place_id repeats an id"),
    ("places.csv", ",1,geonames", ",4,geonames", "geo_precision 4 is not one of: 1, 2, 3"),
    ("events.csv", "2023-06-01,,day", "2023-02-30,,day", "events.csv line 2 (event_id=2023-06-01-shebekino-shelling): date '2023-02-30' is not a real calendar date"),
    ("events.csv", "2023-06-01,,day", "01/06/2023,,day", "date '01/06/2023' is not a real calendar date written YYYY-MM-DD"),
    ("events.csv", "shelling,Unknown", "bombing,Unknown", "event_type 'bombing' is not one of: invasion"),
    ("events.csv", ",shebekino,Shebekino", ",nowhere,Shebekino", "place_id 'nowhere' is not a place_id in places.csv"),
    ("events.csv", "fixture-news;sun", "fixture-nws;sun", "source_ids names 'fixture-nws', which is not in sources.csv"),
    ("events.csv", "fixture-news;sun-2023-06-article,p5", "sun-2023-06-article,p5", "cites only the article"),
    ("events.csv", "p5;p47", "p5;p99", "article_paragraphs names 'p99', but the article has paragraphs p1..p68"),
    ("events.csv", "p5;p47", "p5,p47", "has more cells than the header"),
    ("events.csv", "2023-05-22,2023-05-23", "2023-05-24,2023-05-23", "end_date 2023-05-23 is before date 2023-05-24"),
    ("events.csv", "claimed,Freedom of Russia Legion", "claimed,", "status is 'claimed' but claimed_by is empty"),
    ("events.csv", "confirmed,,,,fixture", "sure,,,,fixture", "status 'sure' is not one of: confirmed, claimed, disputed, denied"),
    ("events.csv", "2023-06-01-shebekino-shelling,2023", "Shebekino Shelling,2023", "event_id 'Shebekino Shelling' is not a lowercase id"),
    ("events.csv", "Shebekino was shelled", '"Shebekino was shelled', "events.csv line 2: a quoted cell starts on this line and is not closed"),
    ("events.csv", "Shebekino was shelled", "Shebekino\x00 was shelled", "control character"),
    ("sources.csv", "https://example.org/news/shebekino", "http://example.org/x", "url 'http://example.org/x' is not an https:// address"),
    ("sources.csv", "source_id,publisher", "id,publisher",
     "sources.csv line 1: the header lacks the column source_id and has the column 'id', which datapackage.json"),
    ("numbers.csv", "40000", "-5", "numbers.csv line 2 (number_id=n1): value -5 is not within 0..∞"),
    ("claims.csv", "Une usine en feu", "Une usine en flammes", "claims.csv line 2 (claim_id=c01): quote_fr is not found word for word in p5"),
    ("claims.csv", "c01,p5,", "c01,p70,", "paragraph 'p70' is not one of p1..p68"),
    ("claims.csv", "fact,confirmed", "fact,opinion", "a fact cannot have status 'opinion'"),
    ("claims.csv", "prediction,opinion", "prediction,confirmed", "a prediction has status 'opinion'"),
    ("events.csv", ",[fr] Shebekino was shelled and a factory caught fire.,", ",,",
     "events.csv line 2 (event_id=2023-06-01-shebekino-shelling): summary_fr is empty but summary_en is filled; "
     "the French edition shows it: translate it"),
    ("numbers.csv", "n1,2023-06-01-shebekino-shelling", "n1,2099-no-such-event",
     "numbers.csv line 2 (number_id=n1): event_id '2099-no-such-event' is not an event_id in events.csv"),
    ("claims.csv", "kristian-gustafson,prediction", "nobody,prediction", "speaker_id 'nobody' is not a person_id in people.csv"),
    ("claims.csv", "too-early,fixture-news", "too-early,", "verdict 'too-early' needs verdict_source_ids"),
    ("people.csv", "independent-expert", "pundit", "side 'pundit' is not one of"),
    ("article/paragraphs.csv", "p5,caption", "p5,photo", "role 'photo' is not one of"),
    ("argument_evidence.csv", ",fixture-news,", ",nope,", "source_ids names 'nope', which is not in sources.csv"),
    ("events.csv", "2023-06-01,fixture-news\n", "2023-06-01,\n", "later_status_date and later_status_source go together"),
    ("argument_evidence.csv", "ev-1,thesis", "ev-1,nowhere", "node_id 'nowhere' is not a node_id in argument.csv"),
    ("opinion.csv", "2023-05,82", "2023-05,182", "approve_pct 182 is not within 0..100"),
    ("opinion.csv", "2023-05,82", "2023-13,82", "month '2023-13' is not"),
    ("article/metadata.json", '"sha256": "', '"sha256": "00', "does not match"),
    # The status rule: a recorded status that differs from the rule's needs the editors' reason.
    ("events.csv", "confirmed,,,,fixture", "disputed,,,,fixture",
     "events.csv line 2 (event_id=2023-06-01-shebekino-shelling): status is 'disputed' but the status rule gives "
     "'confirmed' (an independent outlet's own reporting asserts it); change the status, or say in status_note"),
    ("accounts.csv", "in Shebekino,2023-06-01,asserts,Reporters saw the shelling", "in Shebekino,2023-06-01,contradicts,Reporters saw the shelling",
     "status is 'confirmed' but the status rule gives 'disputed' (an account contradicts it)"),
    ("accounts.csv", "a0001,event,2023-06-01-shebekino-shelling", "a0001,event,2023-06-09-nothing",
     "accounts.csv line 2 (account_id=a0001): row_id '2023-06-09-nothing' is not in events.csv"),
    ("accounts.csv", "2023-06-01,asserts,Reporters saw the shelling", "2023-06-01,believes,Reporters saw the shelling",
     "stance 'believes' is not one of: asserts, contradicts, denies, other"),
    ("sources.csv", "en,independent,,,\nfixture-news", "en,neutral,,,\nfixture-news", "side 'neutral' is not one of"),
    # Dates: no source reports what had not happened; first reports and later checks carry their source's date.
    ("sources.csv", "officials say\",2023-06-01", "officials say\",2023-05-31",
     "events.csv line 2 (event_id=2023-06-01-shebekino-shelling): source fixture-news is dated 2023-05-31, before "
     "the event (2023-06-01); a source cannot report what had not happened"),
    ("events.csv", "p5;p47,2023-06-01,fixture-news", "p5;p47,2023-05-30,fixture-news",
     "first_reported 2023-05-30 is before the event's date 2023-06-01"),
    ("events.csv", "p5;p47,2023-06-01,fixture-news", "p5;p47,2023-06-02,fixture-news",
     "first_reported 2023-06-02 is not the date of its first_report_source fixture-news (2023-06-01)"),
    ("events.csv", "p43,,,2023-06-01,fixture-news", "p43,,,2023-06-03,fixture-news",
     "events.csv line 3 (event_id=2023-05-22-belgorod-raid): later_status_date 2023-06-03 is not the date of its "
     "later_status_source fixture-news (2023-06-01)"),
    ("numbers.csv", "The Sun (article),,sun", "The Sun (article),2023-05-30,sun",
     "numbers.csv line 2 (number_id=n1): reported_on 2023-05-30 is before its event's date 2023-06-01"),
    ("numbers.csv", "The Sun (article),,sun", "The Sun (article),2023-06-05,sun",
     "reported_on 2023-06-05 is after the date of its source sun-2023-06-article (2023-06-02)"),
]


@pytest.mark.parametrize("file, old, new, expected", BAD, ids=[f"{b[0]}:{b[3][:40]}" for b in BAD])
def test_bad_input_is_named(data_dir: Path, file: str, old: str, new: str, expected: str):
    path = data_dir / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(evidence.EvidenceError) as err:
        evidence.load(data_dir)
    assert expected in str(err.value)
    assert "Traceback" not in str(err.value)


def test_a_status_note_keeps_a_status_the_rule_would_not_give(data_dir: Path):
    """The editors may overrule the rule, in words the site shows beside the status."""
    path = data_dir / "events.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "confirmed,,,,fixture", "claimed,Governor Gladkov,Le gouverneur Gladkov,The reporters saw smoke and not the fire.,fixture", 1), encoding="utf-8")
    ev = evidence.load(data_dir)
    row = ev.events.loc["2023-06-01-shebekino-shelling"]
    assert row["status"] == "claimed" and row["status_note"] == "The reporters saw smoke and not the fire."


def test_blank_lines_are_skipped(data_dir: Path):
    for name in ("people.csv", "events.csv"):
        path = data_dir / name
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("\n", "\n\n", 1) + "\n\n", encoding="utf-8")
    ev = evidence.load(data_dir)
    assert len(ev.people) == 2 and len(ev.events) == 2


def test_latin1_bytes_are_named_by_line_and_column(data_dir: Path):
    path = data_dir / "people.csv"
    path.write_bytes(path.read_bytes().replace(b"Security expert", "Sécurité".encode("latin-1"), 1))
    with pytest.raises(evidence.EvidenceError) as err:
        evidence.load(data_dir)
    assert "people.csv line 3, column 64: is not UTF-8 text (byte 0xe9" in str(err.value)
    assert "save the file as UTF-8" in str(err.value)


def test_a_missing_column_is_named_once(data_dir: Path):
    path = data_dir / "events.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    drop = rows[0].index("claimed_by")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([r[:drop] + r[drop + 1:] for r in rows])
    path.write_text(out.getvalue(), encoding="utf-8")
    with pytest.raises(evidence.EvidenceError) as err:
        evidence.load(data_dir)
    assert err.value.problems == [err.value.problems[0]]
    assert "events.csv line 1: the header lacks the column claimed_by;" in err.value.problems[0]


def test_fixture_loads_typed(data_dir: Path):
    ev = evidence.load(data_dir)
    assert ev.places.loc["shebekino", "lat"] == pytest.approx(50.41342)
    assert str(ev.events["date"].dtype).startswith("datetime64")
    assert ev.paragraphs.loc["p5", "role"] == "caption" and len(ev.paragraphs) == 68
    assert evidence.split_ids("a;b") == ["a", "b"] and evidence.split_ids("") == []


def test_missing_file_is_named(data_dir: Path):
    (data_dir / "people.csv").unlink()
    with pytest.raises(evidence.EvidenceError, match=r"people.csv: cannot be read"):
        evidence.load(data_dir)


def test_not_utf8_is_named(data_dir: Path):
    (data_dir / "people.csv").write_bytes("person_id,name\nx,Gustafs\xf6n\n".encode("latin-1"))
    with pytest.raises(evidence.EvidenceError, match=r"people.csv line 2, column 10: is not UTF-8 text"):
        evidence.load(data_dir)


def test_the_real_evidence_is_valid():
    problems = evidence.validate()
    assert problems == [], "\n".join(problems)


def test_descriptor_and_files_agree():
    """Every table in data/ is described, with exactly the columns it has."""
    pkg = evidence.descriptor()
    described = {r["path"] for r in pkg["resources"]}
    assert described == {p.name for p in paths.DATA.glob("*.csv")}
    for resource in pkg["resources"]:
        with open(paths.DATA / resource["path"], encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        assert header == [field["name"] for field in resource["schema"]["fields"]], resource["path"]
        for field in resource["schema"]["fields"]:
            assert field.get("description") and field.get("origin"), f"{resource['path']}:{field['name']}"


# Property: whatever one cell of the real tables becomes, the loader either accepts the data
# or answers with messages that name a file, never with a traceback.
TABLES = ["sources.csv", "places.csv", "events.csv", "numbers.csv", "people.csv", "claims.csv", "argument.csv",
          "argument_evidence.csv", "opinion.csv"]
JUNK = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "999", "-1", "2023-02-30", "p0", "p999", "a;;b", "nan", "<script>", '"', "\n", "1e9", "NULL"]),
)


WHERE = re.compile(r"^\S+\.(csv|json)(?: line \d+(?: \([^)]*\))?(?:, column \d+)?)?: ")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.sampled_from(TABLES), row=st.integers(min_value=0, max_value=400),
       column=st.integers(min_value=0, max_value=20), value=JUNK)
def test_corrupted_cell_gives_a_file_and_line_message(table: str, row: int, column: int, value: str):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        shutil.copytree(paths.DATA, folder, ignore=shutil.ignore_patterns("geo"))  # the loader reads no geography
        path = folder / table
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        r = 1 + row % max(len(rows) - 1, 1)
        if r < len(rows):
            rows[r][column % len(rows[r])] = value
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
        try:
            evidence.load(folder)
        except evidence.EvidenceError as err:
            assert err.problems
            for problem in err.problems:
                assert WHERE.match(problem), f"names no file and line: {problem}"
                assert "Traceback" not in problem
            assert any(table in problem for problem in err.problems), err.problems
