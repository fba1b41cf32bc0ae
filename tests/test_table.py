"""``policy-extract table``: one table per object kind, as many rows as the JSONL has objects.

CSV runs everywhere; Parquet and DuckDB need the ``table`` extra and skip without it. The
queries of docs/analysis.md are run against tables built from corpus notices.
"""

from __future__ import annotations

import csv
import json
import re
import sys

import pytest
from conftest import CORPUS, ROOT

from pipeline.cli import main
from pipeline.record import AgeRange, AttachmentRow, Commitment, Item, Meta, ResponsibleUnit, Source
from pipeline.tables import TABLES

# a few notices that hold every object kind between them: dated department names, progress tables, ages
NOTICES = ["hj3_zhuzhou_2018.txt", "hf1_longhui_2025.txt", "000_bb7a6b1f4e08e1f2.txt", "hc1_jiaxing_2024.docx", "hm4_qiandongnan_2024.txt"]


@pytest.fixture(scope="module")
def out_jsonl(extractor, tmp_path_factory):
    path = tmp_path_factory.mktemp("table") / "out.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for name in NOTICES:
            fh.write(json.dumps(extractor.extract_path(CORPUS / name).to_json_dict(), ensure_ascii=False) + "\n")
    return path


def expected_counts(path) -> dict[str, int]:
    """Object counts straight from the JSONL, the figures every format must reproduce."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    items = [i for r in records for i in r["items"]]
    return {
        "notices": len(records),
        "items": len(items),
        "commitments": sum(len(i["commitments"]) for i in items),
        "age_ranges": sum(len(i["age_ranges"]) for i in items),
        "responsible_units": sum(len(i["responsible_units"]) for i in items),
        "attachment_rows": sum(len(r["attachment_rows"]) for r in records),
    }


def _read_csv(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_sample_holds_every_object_kind(out_jsonl):
    assert all(n > 0 for n in expected_counts(out_jsonl).values())


def test_csv_row_counts_equal_the_jsonl_object_counts(out_jsonl, tmp_path, capsys):
    assert main(["table", str(out_jsonl), "-o", str(tmp_path / "t"), "--format", "csv"]) == 0
    counts = {name: len(_read_csv(tmp_path / "t" / f"{name}.csv")) for name in TABLES}
    assert counts == expected_counts(out_jsonl)
    assert f"{len(NOTICES)} notices" in capsys.readouterr().err


def test_csv_rows_carry_keys_issuer_year_and_values(out_jsonl, tmp_path):
    main(["table", str(out_jsonl), "-o", str(tmp_path), "--format", "csv"])
    units = _read_csv(tmp_path / "responsible_units.csv")
    old = next(u for u in units if u["name"] == "市卫计委")
    assert (old["doc_id"], old["year"], old["canonical"]) == ("hj3_zhuzhou_2018", "2018", "市卫生和计划生育委员会")
    assert old["issuer"] and old["item_id"] and old["role"]
    keys = [(u["doc_id"], u["item_id"], u["position"]) for u in units]
    assert len(keys) == len(set(keys))
    commitments = _read_csv(tmp_path / "commitments.csv")
    record = json.loads(out_jsonl.read_text(encoding="utf-8").splitlines()[2])
    first = next(c for i in record["items"] for c in i["commitments"])
    row = next(c for c in commitments if c["doc_id"] == record["doc_id"] and int(c["start"]) == first["start"])
    assert (row["text"], float(row["value"]), row["unit"], row["target"]) == (
        first["text"], first["value"], first["unit"], first["target"]["text"]
    )
    rows = _read_csv(tmp_path / "attachment_rows.csv")
    assert isinstance(json.loads(rows[0]["units"]), list) and isinstance(json.loads(rows[0]["cells"]), dict)


FLATTENED = {"id": "item_id", "heading": "heading_start", "target": "target_start", "source": "source_sha256"}


@pytest.mark.parametrize(
    ("table", "model"),
    [
        ("items", Item),
        ("commitments", Commitment),
        ("age_ranges", AgeRange),
        ("responsible_units", ResponsibleUnit),
        ("attachment_rows", AttachmentRow),
        ("notices", Meta),
        ("notices", Source),
    ],
)
def test_every_field_of_the_record_has_a_column(table, model):
    columns = {c for c, _ in TABLES[table]}
    prefix = "source_" if model is Source else ""
    nested = {"commitments", "age_ranges", "responsible_units"}
    for field in model.model_fields:
        if field in nested:
            continue  # their own tables
        assert FLATTENED.get(field, prefix + field) in columns, (table, field)


def test_gold_folder_input(tmp_path):
    assert main(["table", str(ROOT / "gold"), "-o", str(tmp_path), "--format", "csv"]) == 0
    notices = _read_csv(tmp_path / "notices.csv")
    assert len({n["doc_id"] for n in notices}) == len(list((ROOT / "gold").glob("*.json")))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, r"no such file"),
        ('{"doc_id": "a"\n', r"out\.jsonl:1: not valid JSON"),
        ('{"doc_id": "a"}\n', r"out\.jsonl:1: not a valid record"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, content, message):
    path = tmp_path / "out.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["table", str(path), "-o", str(tmp_path / "t"), "--format", "csv"]) == 2
    err = capsys.readouterr().err
    assert re.search(message, err) and "Traceback" not in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("fmt", ["csv", "parquet", "duckdb"])
def test_a_bad_line_after_good_ones_leaves_the_previous_tables(out_jsonl, tmp_path, fmt, monkeypatch):
    if fmt != "csv":
        pytest.importorskip("pyarrow")
        pytest.importorskip(fmt if fmt == "duckdb" else "pyarrow")
    import pipeline.tablewrite

    monkeypatch.setattr(pipeline.tablewrite, "BATCH", 2)  # the bad line comes after batches were written
    out = tmp_path / "t"
    assert main(["table", str(out_jsonl), "-o", str(out), "--format", fmt]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    bad = tmp_path / "bad.jsonl"
    bad.write_text(out_jsonl.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    assert main(["table", str(bad), "-o", str(out), "--format", fmt]) == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_batches_give_the_same_tables(out_jsonl, tmp_path, monkeypatch):
    import pipeline.tablewrite

    assert main(["table", str(out_jsonl), "-o", str(tmp_path / "one"), "--format", "csv"]) == 0
    monkeypatch.setattr(pipeline.tablewrite, "BATCH", 2)
    assert main(["table", str(out_jsonl), "-o", str(tmp_path / "many"), "--format", "csv"]) == 0
    for name in TABLES:
        assert (tmp_path / "one" / f"{name}.csv").read_bytes() == (tmp_path / "many" / f"{name}.csv").read_bytes()


def test_a_repeated_notice_is_reported_once(out_jsonl, tmp_path, capsys):
    twice = tmp_path / "twice.jsonl"
    twice.write_text(out_jsonl.read_text(encoding="utf-8") * 3, encoding="utf-8")
    assert main(["table", str(twice), "-o", str(tmp_path / "t"), "--format", "csv"]) == 0
    err = capsys.readouterr().err
    assert f"{len(NOTICES)} notice(s) appear more than once" in err and err.count("more than once") == 1
    assert len(_read_csv(tmp_path / "t" / "notices.csv")) == 3 * len(NOTICES)


def test_an_output_that_is_a_file_is_refused(out_jsonl, tmp_path, capsys):
    (tmp_path / "t").write_text("", encoding="utf-8")
    assert main(["table", str(out_jsonl), "-o", str(tmp_path / "t"), "--format", "csv"]) == 2
    assert "is not a folder" in capsys.readouterr().err


@pytest.mark.parametrize(("fmt", "module"), [("parquet", "pyarrow"), ("duckdb", "pyarrow"), ("duckdb", "duckdb")])
def test_without_the_extra_it_says_how_to_install_it(out_jsonl, tmp_path, capsys, monkeypatch, fmt, module):
    monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    assert main(["table", str(out_jsonl), "-o", str(tmp_path / "t"), "--format", fmt]) == 2
    err = capsys.readouterr().err
    assert re.search(rf"--format {fmt} needs .*not installed here: .*{module}", err)
    assert "pip install" in err and "[table]" in err
    assert not (tmp_path / "t").exists()


def test_parquet_row_counts_and_types(out_jsonl, tmp_path, monkeypatch):
    pq = pytest.importorskip("pyarrow.parquet")
    import pipeline.tablewrite

    monkeypatch.setattr(pipeline.tablewrite, "BATCH", 2)  # several row groups
    assert main(["table", str(out_jsonl), "-o", str(tmp_path), "--format", "parquet"]) == 0
    tables = {name: pq.read_table(tmp_path / f"{name}.parquet") for name in TABLES}
    assert {name: t.num_rows for name, t in tables.items()} == expected_counts(out_jsonl)
    for name, t in tables.items():
        assert t.column_names == [c for c, _ in TABLES[name]]
    pa = pytest.importorskip("pyarrow")
    assert tables["commitments"].schema.field("value").type == pa.float64()
    units = tables["attachment_rows"].schema.field("units").type
    assert pa.types.is_list(units) and units.value_type == pa.string()


def test_an_empty_jsonl_gives_empty_tables_with_their_columns(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    (tmp_path / "out.jsonl").write_text("", encoding="utf-8")
    assert main(["table", str(tmp_path / "out.jsonl"), "-o", str(tmp_path / "t"), "--format", "parquet"]) == 0
    t = pq.read_table(tmp_path / "t" / "commitments.parquet")
    assert t.num_rows == 0 and "value" in t.column_names


@pytest.fixture(scope="module")
def database(out_jsonl, tmp_path_factory):
    duckdb = pytest.importorskip("duckdb")
    pytest.importorskip("pyarrow")
    import pipeline.tablewrite

    folder = tmp_path_factory.mktemp("duckdb")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pipeline.tablewrite, "BATCH", 2)  # several inserts per table
        assert main(["table", str(out_jsonl), "-o", str(folder), "--format", "duckdb"]) == 0
    con = duckdb.connect(str(folder / "records.duckdb"), read_only=True)
    yield con
    con.close()


def test_duckdb_row_counts(database, out_jsonl):
    counts = {name: database.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in TABLES}
    assert counts == expected_counts(out_jsonl)


def test_duckdb_keeps_lists_and_cells(database, out_jsonl):
    records = [json.loads(line) for line in out_jsonl.read_text(encoding="utf-8").splitlines()]
    want = {(r["doc_id"], i): (row["units"], row["cells"]) for r in records for i, row in enumerate(r["attachment_rows"])}
    got = database.execute("SELECT doc_id, position, units, cells FROM attachment_rows").fetchall()
    assert {(d, p): (u, json.loads(c)) for d, p, u, c in got} == want
    assert any(cells for _, cells in want.values())


ANALYSIS = (ROOT / "docs" / "analysis.md").read_text(encoding="utf-8")
QUERIES = re.findall(r"```sql\n(.*?)```", ANALYSIS, re.S)


def test_analysis_page_has_three_queries():
    assert len(QUERIES) >= 3


@pytest.mark.parametrize("sql", QUERIES, ids=lambda q: q.splitlines()[0][:40])
def test_analysis_queries_run(database, sql):
    rows = database.execute(sql).fetchall()
    assert rows, "the query gave no row on the sample"
