"""Load and validate the evidence base (``data/``) once, for every chapter and for the build.

The schema lives in ``data/datapackage.json`` (a Frictionless Data Package): frictionless checks
types, required cells, enums, patterns, ranges, unique ids and single-column foreign keys. The
rules a schema cannot say (multi-valued references, paragraph numbers, quotes that must appear
in the article, coordinates inside the region, statuses that follow the status rule of
``fissures.status``, sources that cannot predate what they report) are checked here. Every problem is reported as
``<file> line <n> (<id column>=<id>): <what is wrong and what was expected>``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from fissures import i18n, paths, status

ARTICLE_SOURCE = "sun-2023-06-article"
ARTICLE_TEXT = "article.fr.txt"
PARAGRAPH_ROLES = ("headline", "standfirst", "caption", "pull-quote", "body")
OPINION_KINDS = ("assessment", "prediction", "rhetoric")
# Russian and Ukrainian places must fall in this box (lat, lon): a swapped pair or a typo
# lands outside it.
REGION = {"lat": (44.0, 62.0), "lon": (22.0, 50.0)}
REGION_COUNTRIES = ("RU", "UA")
MAX_REPORTED = 25
AS_OF = pd.Timestamp(status.AS_OF)  # the evidence's as-of date: later sources are "learned later"
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

PATTERN_MEANING = {
    "^[a-z0-9][a-z0-9-]*$": "a lowercase id of letters, digits and hyphens, like 'moscow-drones'",
    "^([a-z0-9][a-z0-9-]*)(;[a-z0-9][a-z0-9-]*)*$": "ids separated by ';' with no spaces, like 'bbc-1;tass-2'",
    "^(p[1-9][0-9]*)(;p[1-9][0-9]*)*$": "paragraph numbers separated by ';', like 'p20;p21'",
    "^p[1-9][0-9]*$": "one paragraph number, like 'p20'",
    "^https://[^\\s\"'<>]+$": "an https:// address with no spaces or quotes",
    "^[a-z]{2}$": "a two-letter ISO 639-1 language code, like 'en'",
    "^[A-Z]{2}$": "a two-letter ISO 3166 country code, like 'RU'",
}
TYPE_MEANING = {
    "date": "a real calendar date written YYYY-MM-DD",
    "integer": "a whole number",
    "number": "a number",
}


NEWLINE = b"\n"
SLIP_COLUMNS = ("paragraph", "french", "english", "english_fr", "effect", "effect_fr")  # data/article/slips.csv
_SHOWN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")

class EvidenceError(Exception):
    """The evidence did not validate; ``problems`` lists one line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = problems[:MAX_REPORTED]
        more = len(problems) - len(shown)
        lines = [f"the evidence in data/ did not validate ({len(problems)} problem{'s' * (len(problems) != 1)}):"]
        lines += [f"  - {p}" for p in shown]
        if more:
            lines.append(f"  … and {more} more")
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class Evidence:
    """The validated tables, as pandas frames indexed by their ids."""

    sources: pd.DataFrame
    places: pd.DataFrame
    events: pd.DataFrame
    attacks: pd.DataFrame  # the systematic count of attacks on Russian border regions, May–June 2023
    numbers: pd.DataFrame
    counts: pd.DataFrame  # published counts of attacks, side by side
    people: pd.DataFrame
    claims: pd.DataFrame
    accounts: pd.DataFrame
    argument: pd.DataFrame
    argument_evidence: pd.DataFrame
    opinion: pd.DataFrame
    corrections: pd.DataFrame
    paragraphs: pd.DataFrame
    slips: pd.DataFrame  # data/article/slips.csv: where the machine translation changes the meaning
    article: dict
    descriptor: dict

    def table(self, name: str) -> pd.DataFrame:
        """One table by its resource name."""
        return getattr(self, name)

    def original(self, name: str) -> pd.DataFrame:
        """A table in the source language whatever the edition: for rules that read its words (a filter
        on what a count counts must not change with the language it is shown in)."""
        return object.__getattribute__(self, name)

    def __getattribute__(self, name: str):
        """A table in the current edition: in French, each column that has a French twin (``summary_en`` and
        ``summary_fr``, ``note`` and ``note_fr``) reads in French, so that every function that shows a
        table's words shows them in the edition it draws, with no language argument of its own."""
        value = object.__getattribute__(self, name)
        if name in _TEXT_TABLES:
            locale = i18n.current()
            if locale != i18n.SOURCE:
                editions = self.__dict__.setdefault("_editions", {})  # frozen: the cache is not a field
                if (name, locale) not in editions:
                    editions[(name, locale)] = _in_edition(value, locale)
                return editions[(name, locale)]
        return value


_TEXT_TABLES = {"sources", "places", "events", "attacks", "numbers", "counts", "people", "claims", "accounts",
                "argument", "argument_evidence", "opinion", "slips"}
def _in_edition(frame: pd.DataFrame, locale: str) -> pd.DataFrame:
    """``frame`` with each text column replaced by its twin in ``locale`` where the twin is filled."""
    found = frame.copy()
    for column in frame.columns:
        name = i18n.twin(column, locale)
        if column.endswith(f"_{locale}") or name not in frame.columns:
            continue
        words = frame[name].fillna("").astype(str)
        found[column] = frame[column].where(words == "", words)  # the English where no translation is kept
    return found


def split_ids(cell: object) -> list[str]:
    """The ids of a ';'-separated cell (empty cell → no ids)."""
    if not isinstance(cell, str) or not cell.strip():
        return []
    return [part.strip() for part in cell.split(";") if part.strip()]


def require(frame: pd.DataFrame, columns: tuple[str, ...], what: str) -> None:
    """Raise ValueError naming the columns ``frame`` (called ``what`` in the message) lacks."""
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"{what} must be a pandas DataFrame, not {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{what} has no column {', '.join(repr(c) for c in missing)} "
                         f"(have {', '.join(map(str, frame.columns))})")


def published(ev: Evidence) -> pd.Timestamp:
    """When the article appeared: its metadata's ``published``, else the article's row in sources.csv."""
    for value, where in (((ev.article or {}).get("published"), "data/article/metadata.json 'published'"),
                         (ev.sources["date"].get(ARTICLE_SOURCE), f"the sources.csv date of {ARTICLE_SOURCE}")):
        if value is not None and not (not isinstance(value, str) and pd.isna(value)):
            try:
                return pd.Timestamp(value).normalize()
            except (TypeError, ValueError):
                raise ValueError(f"{where} {value!r} is not a date written YYYY-MM-DD") from None
    raise ValueError(f"no publication date: data/article/metadata.json has no 'published' and "
                     f"sources.csv has no date for {ARTICLE_SOURCE!r}")


def descriptor(data_dir: Path | None = None) -> dict:
    """The Data Package descriptor, as a dict."""
    path = Path(data_dir or paths.DATA) / "datapackage.json"
    paths.record_read(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise EvidenceError([f"{paths.rel(path)}: cannot be read as JSON ({err})"]) from None


class _Table:
    """One CSV file as read for validation: its rows and where each starts in the file.

    Blank lines are allowed anywhere (a trailing one is common) and are skipped. A file that
    cannot be read as CSV, or whose header is not the schema's, gets one problem that says
    where and what is expected, and is not checked further (the rest would only cascade).
    """

    def __init__(self, path: Path, schema: dict):
        self.path = path
        self.label = paths.rel(path)
        self.schema = schema
        self.key = (schema.get("primaryKey") or [schema["fields"][0]["name"]])[0]
        self.rows: list[dict[str, str]] = []
        self.lines: list[int] = []  # file line where row i (0-based, after the header) starts
        self.records: list[int] = []  # file line of every record after the header, blank ones included
        self.blank: set[int] = set()  # frictionless row positions (header = 1) of blank records
        self.problem: str | None = None
        paths.record_read(path)
        try:
            raw = path.read_bytes()
        except OSError as err:
            self.problem = f"{self.label}: cannot be read ({err.strerror or err})"
            return
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            self.problem = _not_utf8(self.label, raw, err)
            return
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        start = 1
        try:
            header = next(reader, None)
            if header is None:
                self.problem = f"{self.label}: is empty; expected a header row"
                return
            self.header = header
            self.problem = _header_problem(self.label, header, [f["name"] for f in schema["fields"]])
            if self.problem:
                return
            start = reader.line_num + 1
            for cells in reader:
                bad = next((c for c in cells if CONTROL.search(c)), None)
                if bad is not None:
                    self.problem = (f"{self.label} line {start}: a cell contains the control character "
                                    f"{CONTROL.search(bad).group()!r}; expected plain text")
                    return
                self.records.append(start)
                if any(cell.strip() for cell in cells):
                    self.rows.append(dict(zip(header, cells)))
                    self.lines.append(start)
                else:
                    self.blank.add(len(self.records) + 1)
                start = reader.line_num + 1
        except csv.Error as err:
            if reader.line_num > start:  # the record ran on past its line: a quote opened there and never closed
                self.problem = (f"{self.label} line {start}: a quoted cell starts on this line and is not closed "
                                f"(the file ends, or breaks, at line {reader.line_num}: {err}); "
                                'close the quote, or write a quote inside a cell as ""')
            else:
                self.problem = f"{self.label} line {start}: cannot be read as CSV ({err})"

    def where(self, index: int) -> str:
        """``file line n (key=id)`` for the row at ``index``."""
        row = self.rows[index]
        ident = row.get(self.key, "")
        if not _SHOWN_ID.fullmatch(ident):  # a broken id is quoted by the message, not in the place it names
            return f"{self.label} line {self.lines[index]}"
        return f"{self.label} line {self.lines[index]} ({self.key}={ident})"

    def where_line(self, line: int) -> str:
        """``file line n (key=id)`` for a row found by its file line."""
        if line in self.lines:
            return self.where(self.lines.index(line))
        return f"{self.label} line {line}"


def _not_utf8(label: str, raw: bytes, err: UnicodeDecodeError) -> str:
    """Where a file stops being UTF-8, as a line and column a person can find in an editor."""
    line_start = raw.rfind(b"\n", 0, err.start) + 1
    line = raw[:err.start].count(NEWLINE) + 1
    column = len(raw[line_start:err.start].decode("utf-8", errors="replace")) + 1
    return (f"{label} line {line}, column {column}: is not UTF-8 text (byte 0x{raw[err.start]:02x}, "
            "as Latin-1 or Windows-1252 would write an accented letter); save the file as UTF-8")


def _header_problem(label: str, header: list[str], expected: list[str]) -> str | None:
    """What is wrong with a header row, naming the columns; None when it is the schema's."""
    if header == expected:
        return None
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    said = []
    if missing:
        said.append(f"lacks the column{'s' * (len(missing) > 1)} {', '.join(missing)}")
    if extra:
        said.append(f"has the column{'s' * (len(extra) > 1)} {', '.join(repr(c) for c in extra)}, which "
                    f"datapackage.json does not declare")
    if not said:
        repeated = sorted({c for c in header if header.count(c) > 1})
        said.append(f"repeats {', '.join(repeated)}" if repeated else "has the right columns in another order")
    return f"{label} line 1: the header {' and '.join(said)}; expected the columns, in order: {', '.join(expected)}"


def _a(word: str) -> str:
    """The indefinite article for ``word`` ("an event_id", "a source_id")."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def _field(schema: dict, name: str | None) -> dict:
    return next((f for f in schema["fields"] if f["name"] == name), {})


def _describe(table: _Table, error, position_to_line: dict[int, int]) -> str:
    """One frictionless error, said in the report's words."""
    kind = error.type
    field_name = getattr(error, "field_name", None)
    field = _field(table.schema, field_name)
    cell = getattr(error, "cell", None)
    row_number = getattr(error, "row_number", None)
    where = table.label
    if row_number is not None:
        where = table.where_line(position_to_line.get(row_number, row_number))
    cons = field.get("constraints", {})
    shown = cell if field.get("type") in ("integer", "number") else repr(cell)
    if kind == "constraint-error":
        note = error.note
        if '"required"' in note:
            return f"{where}: {field_name} is empty; a value is required"
        if '"minimum"' in note or '"maximum"' in note:
            low, high = cons.get("minimum", "-∞"), cons.get("maximum", "∞")
            return f"{where}: {field_name} {cell} is not within {low}..{high}"
        if '"enum"' in note:
            allowed = ", ".join(str(v) for v in cons.get("enum", []))
            return f"{where}: {field_name} {shown} is not one of: {allowed}"
        if '"pattern"' in note:
            meaning = PATTERN_MEANING.get(cons.get("pattern", ""), f"the pattern {cons.get('pattern')}")
            return f"{where}: {field_name} {cell!r} is not {meaning}"
        return f"{where}: {field_name} {cell!r} breaks a rule ({note})"
    if kind == "type-error":
        meaning = TYPE_MEANING.get(field.get("type", ""), f"of type {field.get('type')}")
        return f"{where}: {field_name} {cell!r} is not {meaning}"
    if kind in ("unique-error", "primary-key"):
        first = re.search(r"position (\d+)", error.note or "")
        other = f" (first used on line {position_to_line.get(int(first.group(1)), first.group(1))})" if first else ""
        column = field_name or table.key
        return f"{where}: {column} repeats an id that must be unique{other}"
    if kind == "foreign-key":
        names = list(getattr(error, "field_names", None) or [])
        values = list(getattr(error, "field_cells", None) or [])
        target = getattr(error, "reference_name", "") or "the referenced table"
        keys = list(getattr(error, "reference_field_names", None) or names)
        said = ", ".join(f"{n} {v!r}" for n, v in zip(names, values)) or "a reference"
        return f"{where}: {said} is not {_a(keys[0] if keys else 'id')} {', '.join(keys)} in {target}.csv"
    if kind in ("missing-label", "extra-label", "incorrect-label", "duplicate-label", "blank-label"):
        expected = ", ".join(f["name"] for f in table.schema["fields"])
        found = ", ".join(getattr(table, "header", []))
        return f"{table.label} line 1: the header is '{found}'; expected the columns: {expected}"
    if kind in ("extra-cell", "missing-cell"):
        fewer_more = "more" if kind == "extra-cell" else "fewer"
        return f"{where}: has {fewer_more} cells than the header's {len(table.schema['fields'])} columns"
    return f"{where}: {error.message}"


def _frictionless_problems(pkg_path: Path, tables: dict[str, _Table]) -> list[str]:
    import frictionless

    try:
        report = frictionless.validate(str(pkg_path))
    except Exception as err:  # frictionless raises on descriptors it cannot read at all
        return [f"{paths.rel(pkg_path)}: frictionless could not validate the package ({err})"]
    problems = []
    for task in report.tasks:
        table = tables.get(task.name)
        if table is None:
            problems += [f"{paths.rel(pkg_path)}: {e.message}" for e in task.errors]
            continue
        position_to_line = {i + 2: line for i, line in enumerate(table.records)}
        problems += [_describe(table, e, position_to_line) for e in task.errors
                     if getattr(e, "row_number", None) not in table.blank]  # blank lines are skipped, not errors
    problems += [f"{paths.rel(pkg_path)}: {e.message}" for e in report.errors]
    return list(dict.fromkeys(problems))  # a repeated id is both a unique and a primary-key error


def _article(data_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame, dict, list[str]]:
    """The article's paragraphs (p1…pN = its non-empty lines), their roles, its translation slips and metadata."""
    problems: list[str] = []
    folder = data_dir / "article"
    text_path, roles_path, meta_path = folder / ARTICLE_TEXT, folder / "paragraphs.csv", folder / "metadata.json"
    slips_path = folder / "slips.csv"
    for path in (text_path, roles_path, meta_path, slips_path):
        paths.record_read(path)
    try:
        raw = text_path.read_bytes()
        lines = [line.strip() for line in raw.decode("utf-8").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError) as err:
        return pd.DataFrame(), pd.DataFrame(), {}, [f"{paths.rel(text_path)}: cannot be read as UTF-8 text ({err})"]
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        meta, problems = {}, [f"{paths.rel(meta_path)}: cannot be read as JSON ({err})"]
    digest = hashlib.sha256(raw).hexdigest()
    if meta and meta.get("sha256") != digest:
        problems.append(f"{paths.rel(meta_path)}: sha256 {meta.get('sha256')!r} does not match "
                        f"{paths.rel(text_path)} ({digest}); the article must stay byte for byte as received")
    roles = _Table(roles_path, {"fields": [{"name": "paragraph"}, {"name": "role"}, {"name": "note"}],
                                "primaryKey": ["paragraph"]})
    role_of: dict[str, str] = {}
    if roles.problem:
        problems.append(roles.problem)
    for i, row in enumerate(roles.rows):
        para, role = row.get("paragraph", ""), row.get("role", "")
        if not re.fullmatch(r"p[1-9][0-9]*", para) or int(para[1:]) > len(lines):
            problems.append(f"{roles.where(i)}: paragraph {para!r} is not one of p1..p{len(lines)}")
        elif role not in PARAGRAPH_ROLES:
            problems.append(f"{roles.where(i)}: role {role!r} is not one of: {', '.join(PARAGRAPH_ROLES)}")
        elif para in role_of:
            problems.append(f"{roles.where(i)}: paragraph {para} is listed twice")
        else:
            role_of[para] = role
    frame = pd.DataFrame({
        "paragraph": [f"p{n}" for n in range(1, len(lines) + 1)],
        "n": range(1, len(lines) + 1),
        "text": lines,
        "role": [role_of.get(f"p{n}", "body") for n in range(1, len(lines) + 1)],
    }).set_index("paragraph", drop=False)
    # Where the machine translation changes the meaning: each French fragment must be in its paragraph.
    slips = _Table(slips_path, {"fields": [{"name": n} for n in SLIP_COLUMNS]})
    if slips.problem:
        problems.append(slips.problem)
    texts = dict(zip(frame["paragraph"], frame["text"]))
    for i, row in enumerate(slips.rows):
        para = row.get("paragraph", "")
        if para not in texts:
            problems.append(f"{slips.where(i)}: paragraph {para!r} is not one of p1..p{len(lines)}")
        elif row.get("french", "") not in texts[para]:
            problems.append(f"{slips.where(i)}: french {row.get('french')!r} is not found word for word in {para}")
        for column in ("english", "effect"):
            if not row.get(column, "").strip():
                problems.append(f"{slips.where(i)}: {column} is empty; say what the English meant and the effect")
    slip_frame = pd.DataFrame(slips.rows, columns=list(SLIP_COLUMNS))
    return frame, slip_frame, meta, problems


def _translated(tables: dict[str, _Table]) -> list[str]:
    """Every text the French edition shows has its French: a ``<column>_fr`` cell is filled wherever its
    English one is (so that a new row, or a changed one, cannot reach readers untranslated)."""
    problems = []
    for table in tables.values():
        names = [f.get("name", "") for f in table.schema.get("fields", [])]
        for french in (n for n in names if n.endswith("_fr")):
            english = next((n for n in (french[:-3] + "_en", french[:-3]) if n in names), None)
            if english is None:
                continue
            for i, row in enumerate(table.rows):
                if row.get(english, "").strip() and not row.get(french, "").strip():
                    problems.append(f"{table.where(i)}: {french} is empty but {english} is filled; the French "
                                    f"edition shows it: translate it")
    return problems


def _rules(tables: dict[str, _Table], paragraphs: pd.DataFrame) -> list[str]:
    """The checks the schema cannot express, on rows that already passed the schema."""
    problems: list[str] = _translated(tables)
    ids = {name: {row.get(t.key, "") for row in t.rows} for name, t in tables.items()}
    texts = dict(zip(paragraphs["paragraph"], paragraphs["text"])) if len(paragraphs) else {}

    def refs(table: str, index: int, column: str, target: str, required: bool = False) -> list[str]:
        row = tables[table].rows[index]
        values = split_ids(row.get(column, ""))
        for value in values:
            if value not in ids[target]:
                problems.append(f"{tables[table].where(index)}: {column} names {value!r}, which is not in {target}.csv")
        if required and not values:
            problems.append(f"{tables[table].where(index)}: {column} is empty; at least one {target} id is required")
        return values

    def paragraph_refs(table: str, index: int, column: str) -> None:
        for para in split_ids(tables[table].rows[index].get(column, "")):
            if para not in texts:
                problems.append(f"{tables[table].where(index)}: {column} names {para!r}, "
                                f"but the article has paragraphs p1..p{len(texts)}")

    def needs_claimant(table: str, index: int) -> None:
        row = tables[table].rows[index]
        if row.get("status") in ("claimed", "disputed", "denied") and not row.get("claimed_by", "").strip():
            problems.append(f"{tables[table].where(index)}: status is {row['status']!r} but claimed_by is empty; "
                            "say who asserts it")

    places = tables["places"]
    for i, row in enumerate(places.rows):
        refs("places", i, "source_ids", "sources", required=True)
        if row.get("country") in REGION_COUNTRIES:
            for axis in ("lat", "lon"):
                try:
                    value = float(row.get(axis, ""))
                except ValueError:
                    continue
                low, high = REGION[axis]
                if not low <= value <= high:
                    problems.append(f"{places.where(i)}: {axis} {row[axis]} is outside the region of the report "
                                    f"({low}..{high}) for a place in {row['country']}")

    for table in ("events", "attacks"):
        _event_rules(tables, table, problems, refs, paragraph_refs, needs_claimant)

    numbers = tables["numbers"]
    numbers = tables["numbers"]
    for i, row in enumerate(numbers.rows):
        low, high = row.get("value", ""), row.get("value_max", "")
        if low.isdigit() and high.isdigit() and int(high) < int(low):
            problems.append(f"{numbers.where(i)}: value_max {high} is below value {low}")
        if bool(high) != (row.get("qualifier") == "range"):
            problems.append(f"{numbers.where(i)}: qualifier is {row.get('qualifier')!r} but value_max is "
                            f"{'set' if high else 'empty'}; a range has both value and value_max, and only a range does")

    for i, _row in enumerate(tables["people"].rows):
        refs("people", i, "source_ids", "sources", required=True)

    claims = tables["claims"]
    for i, row in enumerate(claims.rows):
        sources = refs("claims", i, "source_ids", "sources", required=True)
        refs("claims", i, "event_ids", "events")
        refs("claims", i, "verdict_source_ids", "sources")
        needs_claimant("claims", i)
        para, quote = row.get("paragraph", ""), row.get("quote_fr", "")
        if para not in texts:
            problems.append(f"{claims.where(i)}: paragraph {para!r} is not one of p1..p{len(texts)}")
        elif quote and quote.strip() not in texts[para]:
            problems.append(f"{claims.where(i)}: quote_fr is not found word for word in {para} of the article")
        kind, status = row.get("kind", ""), row.get("status", "")
        if kind == "fact" and status == "opinion":
            problems.append(f"{claims.where(i)}: a fact cannot have status 'opinion'; "
                            "use confirmed, claimed, disputed or denied")
        if kind in OPINION_KINDS and status != "opinion":
            problems.append(f"{claims.where(i)}: {_a(kind)} {kind} has status 'opinion', not {status!r}")
        if kind == "fact" and sources and all(s == ARTICLE_SOURCE for s in sources):
            problems.append(f"{claims.where(i)}: source_ids cites only the article; a fact needs a source that checks it")
        if row.get("verdict") and kind != "prediction":
            problems.append(f"{claims.where(i)}: verdict is only for predictions (kind is {kind!r})")
        if row.get("verdict") and not split_ids(row.get("verdict_source_ids", "")):
            problems.append(f"{claims.where(i)}: verdict {row['verdict']!r} needs verdict_source_ids")
    argument = tables["argument"]
    theses = [i for i, row in enumerate(argument.rows) if row.get("kind") == "thesis"]
    if len(theses) != 1:
        problems.append(f"{argument.label}: has {len(theses)} rows of kind 'thesis'; expected exactly one")
    for i, row in enumerate(argument.rows):
        refs("argument", i, "claim_ids", "claims", required=True)
        refs("argument", i, "event_ids", "events")
        parent = row.get("parent", "")
        if row.get("kind") == "thesis" and parent:
            problems.append(f"{argument.where(i)}: the thesis has no parent, but parent is {parent!r}")
        elif row.get("kind") != "thesis" and parent not in ids["argument"]:
            problems.append(f"{argument.where(i)}: parent {parent!r} is not a node_id in argument.csv")
    for i, _row in enumerate(tables["corrections"].rows):
        refs("corrections", i, "source_ids", "sources")
    problems += _statuses(tables, ids)
    problems += _dates(tables)
    for i, _row in enumerate(tables["argument_evidence"].rows):
        refs("argument_evidence", i, "source_ids", "sources", required=True)
        refs("argument_evidence", i, "event_ids", "events")
    return problems


def row_accounts(tables: dict[str, _Table]) -> dict[tuple[str, str], list]:
    """The accounts of each event and claim, by (row_kind, row_id), as the status rule reads them."""
    out: dict[tuple[str, str], list] = {}
    for row in tables["accounts"].rows:
        out.setdefault((row["row_kind"], row["row_id"]), []).append(
            status.Account(row["side"], row["stance"], row.get("own_verification") == "yes"))
    return out


def rule_status(row: dict, kind: str, accounts: dict, sides: dict[str, str]) -> tuple[str, str]:
    """The status the rule gives an event or a claim row, and its reason's code."""
    key = row["event_id"] if kind == "event" else row["claim_id"]
    return status.decide(accounts.get((kind, key), []),
                         (sides.get(s, "other") for s in split_ids(row.get("source_ids", "")) if s != ARTICLE_SOURCE))


def _statuses(tables: dict[str, _Table], ids: dict[str, set[str]]) -> list[str]:
    """Every event's and factual claim's status is the one the status rule gives, or status_note says why not."""
    problems = []
    accounts_table = tables["accounts"]
    for i, row in enumerate(accounts_table.rows):
        target = "events" if row["row_kind"] == "event" else "claims"
        if row["row_id"] not in ids[target]:
            problems.append(f"{accounts_table.where(i)}: row_id {row['row_id']!r} is not in {target}.csv")
    accounts = row_accounts(tables)
    sides = {row["source_id"]: row.get("side", "") for row in tables["sources"].rows}
    for table, kind in (("events", "event"), ("attacks", "event"), ("claims", "claim")):
        for i, row in enumerate(tables[table].rows):
            if kind == "claim" and row.get("kind") != "fact":
                continue
            got, why = rule_status(row, kind, accounts, sides)
            if got != row.get("status") and not row.get("status_note", "").strip():
                problems.append(f"{tables[table].where(i)}: status is {row.get('status')!r} but the status rule gives "
                                f"{got!r} ({status.REASONS[why]}); change the status, or say in status_note why it stays")
    return problems


def _dates(tables: dict[str, _Table]) -> list[str]:
    """No source reports what had not yet happened, and no event is first reported before it happened."""
    problems = []
    dated = {row["source_id"]: row.get("date", "") for row in tables["sources"].rows}
    starts = {}
    for events in (tables["events"], tables["attacks"]):
        for i, row in enumerate(events.rows):
            start = row.get("date", "")
            starts[row["event_id"]] = start
            month = row.get("date_precision") == "month"  # only the month is known: a source may date from it
            for source in split_ids(row.get("source_ids", "")):
                published = dated.get(source, "")
                if published and start and published < (start[:7] if month else start):
                    problems.append(f"{events.where(i)}: source {source} is dated {published}, before the event "
                                    f"({start}); a source cannot report what had not happened")
            first, first_source = row.get("first_reported", ""), row.get("first_report_source", "")
            if first and start and first < (start[:7] if month else start):
                problems.append(f"{events.where(i)}: first_reported {first} is before the event's date {start}")
            later, later_source = row.get("later_status_date", ""), row.get("later_status_source", "")
            if later and later_source and dated.get(later_source) and later != dated[later_source]:
                problems.append(f"{events.where(i)}: later_status_date {later} is not the date of its "
                                f"later_status_source {later_source} ({dated[later_source]})")
            if first and first_source and dated.get(first_source) and first != dated[first_source]:
                problems.append(f"{events.where(i)}: first_reported {first} is not the date of its "
                                f"first_report_source {first_source} ({dated[first_source]}); the first report we "
                                "hold is dated by its source")
    numbers = tables["numbers"]
    for i, row in enumerate(numbers.rows):
        said, source = row.get("reported_on", ""), row.get("source_id", "")
        start = starts.get(row.get("event_id", ""), "")
        if said and start and said < start:
            problems.append(f"{numbers.where(i)}: reported_on {said} is before its event's date {start}")
        if said and dated.get(source) and said > dated[source]:
            problems.append(f"{numbers.where(i)}: reported_on {said} is after the date of its source "
                            f"{source} ({dated[source]})")
    return problems


def learned_later(ev: Evidence) -> set[str]:
    """The sources published after the evidence's as-of date: drawn and listed apart, never counted in
    what was known when."""
    return set(ev.sources.index[ev.sources["date"] > AS_OF])


def _event_rules(tables: dict[str, _Table], table: str, problems: list[str], refs, paragraph_refs,
                 needs_claimant) -> None:
    """The checks an event row (of events.csv or attacks.csv) takes beyond the schema, added to ``problems``."""
    events = tables[table]
    for i, row in enumerate(events.rows):
        sources = refs(table, i, "source_ids", "sources", required=True)
        if sources and all(s == ARTICLE_SOURCE for s in sources):
            problems.append(f"{events.where(i)}: source_ids cites only the article; "
                            "every event needs at least one other source")
        refs(table, i, "first_report_source", "sources")
        refs(table, i, "later_status_source", "sources")
        later, later_source = row.get("later_status_date", ""), row.get("later_status_source", "")
        if bool(later) != bool(later_source):
            problems.append(f"{events.where(i)}: later_status_date and later_status_source go together; "
                            f"one is empty")
        elif later and later < row.get("date", ""):
            problems.append(f"{events.where(i)}: later_status_date {later} is before the event's date {row['date']}")
        paragraph_refs(table, i, "article_paragraphs")
        needs_claimant(table, i)
        start, end, precision = row.get("date", ""), row.get("end_date", ""), row.get("date_precision", "")
        if end and end < start:
            problems.append(f"{events.where(i)}: end_date {end} is before date {start}")
        if precision == "range" and not end:
            problems.append(f"{events.where(i)}: date_precision is 'range' but end_date is empty")
        if end and precision != "range":
            problems.append(f"{events.where(i)}: end_date is set, so date_precision should be 'range', not {precision!r}")
        if precision == "month" and not start.endswith("-01"):
            problems.append(f"{events.where(i)}: date_precision is 'month', so date should be the first of the month, not {start}")


def _frame(table: _Table) -> pd.DataFrame:
    """The validated rows, typed by the schema, indexed by the primary key."""
    columns = [f["name"] for f in table.schema["fields"]]
    frame = pd.DataFrame(table.rows, columns=columns).fillna("")
    for field in table.schema["fields"]:
        name, kind = field["name"], field["type"]
        if kind == "date":
            frame[name] = pd.to_datetime(frame[name].replace("", None), format="%Y-%m-%d")
        elif kind == "integer":
            frame[name] = pd.to_numeric(frame[name].replace("", None)).astype("Int64")
        elif kind == "number":
            frame[name] = pd.to_numeric(frame[name].replace("", None))
    return frame.set_index(table.key, drop=False).rename_axis(None)


def validate(data_dir: Path | None = None) -> list[str]:
    """Every problem in the evidence, as messages; an empty list means it is valid."""
    try:
        _load(Path(data_dir or paths.DATA))
    except EvidenceError as err:
        return err.problems
    return []


_loaded: list[Evidence] = []  # the evidence this process loaded last (a chapter loads it once)


def load(data_dir: Path | None = None) -> Evidence:
    """Read, validate and type every table; raise EvidenceError naming each problem."""
    ev = _load(Path(data_dir or paths.DATA))
    _loaded[:] = [ev]
    return ev


def source_label(source_id: str) -> tuple[str, str]:
    """A source as a reader names it ("Reuters, 30 May 2023") and its title, from the evidence loaded last;
    the id itself when nothing is loaded or the id is unknown (so a link still works)."""
    from fissures import formats
    from fissures.i18n import _

    if _loaded and source_id in _loaded[0].sources.index:
        row = _loaded[0].sources.loc[source_id]
        return (_("{publisher}, {date}").format(publisher=row["publisher"], date=formats.date(row["date"], "short")),
                str(row["title"]))
    return source_id, ""


def source_later(source_id: str) -> bool:
    """Whether a source of the evidence loaded last was published after the as-of date ("learned later")."""
    if _loaded and source_id in _loaded[0].sources.index:
        return bool(_loaded[0].sources.loc[source_id, "date"] > AS_OF)
    return False


def _load(data_dir: Path) -> Evidence:
    pkg = descriptor(data_dir)
    resources = {r.get("name"): r for r in pkg.get("resources", [])}
    expected = ("sources", "places", "events", "attacks", "numbers", "counts", "people", "claims", "accounts",
                "argument", "argument_evidence", "opinion", "corrections")
    missing = [name for name in expected if name not in resources]
    if missing:
        raise EvidenceError([f"{paths.rel(data_dir / 'datapackage.json')}: no resource named {', '.join(missing)}"])
    tables = {name: _Table(data_dir / resources[name]["path"], resources[name]["schema"]) for name in expected}
    problems = [t.problem for t in tables.values() if t.problem]
    if problems:
        raise EvidenceError(problems)
    problems = _frictionless_problems(data_dir / "datapackage.json", tables)
    paragraphs, slips, meta, article_problems = _article(data_dir)
    problems += article_problems
    if problems:  # the rules below assume well-typed rows
        raise EvidenceError(problems)
    problems = _rules(tables, paragraphs)
    if problems:
        raise EvidenceError(problems)
    frames = {name: _frame(table) for name, table in tables.items()}
    return Evidence(paragraphs=paragraphs, slips=slips, article=meta, descriptor=pkg, **frames)


def main(argv: list[str] | None = None) -> int:
    """``python -m fissures.evidence``: validate data/ and say so."""
    import sys

    try:
        ev = load()
    except EvidenceError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    counts = ", ".join(f"{len(ev.table(n))} {n}" for n in ("events", "attacks", "places", "claims", "accounts", "people",
                                                       "numbers", "counts", "sources"))
    print(f"data/ is valid: {counts}, {len(ev.paragraphs)} paragraphs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
