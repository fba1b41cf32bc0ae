"""The ``policy-extract`` command. Imports stay inside the handlers so that ``--help`` is instant."""

from __future__ import annotations

import argparse
import sys

EXIT_OK, EXIT_FAILURES, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # exit status 2 for usage errors, as documented
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="policy-extract",
        description=(
            "Turn Chinese government notices of yearly practical things (为妇女儿童办实事, 民生实事) "
            "into JSONL records: items, quantified commitments, age ranges, responsible units, "
            "meta and attachment rows, every span with exact character offsets."
        ),
        epilog=(
            "examples:\n"
            "  policy-extract extract corpus/ -o out.jsonl\n"
            "  policy-extract evaluate gold/ out.jsonl --errors\n"
            "  policy-extract view out.jsonl --gold gold/ -o view.html\n"
            "  policy-extract schema > record.schema.json\n"
            "exit status: 0 all notices done, 1 some failed, 2 usage error"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"policy-extract {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    ex = sub.add_parser(
        "extract",
        help="extract records from notice files or folders",
        description="Extract one JSONL record per notice. Failures go to an errors JSONL and a summary.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=(
            "inputs: files, folders (searched recursively with --glob), or '-' to read a list of\n"
            "paths from standard input, one per line.\n"
            "exit status: 0 all notices done, 1 some failed, 2 usage error"
        ),
    )
    ex.add_argument("inputs", nargs="+", metavar="INPUT", help="notice file, folder, or '-' for paths on stdin")
    ex.add_argument("-o", "--output", default="-", help="output JSONL ('-' for stdout, the default)")
    ex.add_argument(
        "--glob",
        action="append",
        default=None,
        help="file pattern for folders, may repeat (default: *.txt *.docx *.html *.htm *.pdf)",
    )
    ex.add_argument("--errors", dest="errors_path", default=None, help="errors JSONL (default: OUTPUT.errors.jsonl, or stderr only when streaming)")
    ex.add_argument("--workers", type=int, default=None, help="worker processes (default: number of cores)")
    ex.add_argument("--engine", choices=["local", "dask"], default="local", help="run locally (default) or on Dask")
    ex.add_argument("--scheduler", default=None, help="Dask scheduler address (default: a local cluster)")
    ex.add_argument("--resume", action="store_true", help="continue an interrupted run: skip notices already in OUTPUT")
    ex.add_argument("--max-bytes", type=int, default=None, help="skip files larger than this (default 20 MiB)")
    ex.add_argument("--timeout", type=float, default=None, metavar="SECONDS", help="stop a notice that takes longer (local engine; default: no limit)")
    ex.add_argument("--rules", default=None, help="folder of rule files (default: the shipped rules/)")
    ex.add_argument("--spacy", action="store_true", help="run the extractors as spaCy components (same records, slower)")
    ex.add_argument("-q", "--quiet", action="store_true", help="nothing on stderr but usage errors (failures still go to the errors JSONL)")
    ex.add_argument("-v", "--verbose", action="store_true", help="report every file as it is done")
    ex.set_defaults(handler="pipeline.batch:main")

    sc = sub.add_parser("schema", help="print the JSON Schema of a record")
    sc.set_defaults(handler="pipeline.schema:main")

    ev = sub.add_parser(
        "evaluate",
        help="score predictions against gold",
        description="Score a JSONL of predictions against a folder of gold records (the scoring of docs/contract.md).",
    )
    ev.add_argument(
        "gold",
        help="gold folder (gold/<doc_id>.json) or a gold JSONL (given after the predictions, it is swapped back with a warning)",
    )
    ev.add_argument("predictions", help="predicted records (JSONL) or a second gold folder")
    ev.add_argument("--json", dest="json_path", default=None, help="write the full report as JSON")
    ev.add_argument("--html", dest="html_path", default=None, help="write a self-contained HTML report")
    ev.add_argument("--errors", action="store_true", help="list every miss and false hit with context")
    ev.add_argument("--floors", default=None, help="TOML of minimum F1 per field; exit 1 when one is not met")
    ev.set_defaults(handler="pipeline.evaluate:main")

    vw = sub.add_parser(
        "view",
        help="one self-contained HTML page of every notice, spans highlighted, errors marked with --gold",
        description=(
            "Write one HTML page (no network needed) showing every notice with its spans highlighted by kind, "
            "values on hover, an item outline and a filter by kind; with --gold, the scorer's misses and "
            "false hits are marked in the text with a jump list between them."
        ),
    )
    vw.add_argument("records", help="predicted records (JSONL) or a gold folder")
    vw.add_argument("--gold", default=None, help="gold folder or JSONL: mark misses and false hits")
    vw.add_argument("-o", "--output", required=True, help="HTML file to write")
    vw.set_defaults(handler="pipeline.view:main")

    gd = sub.add_parser("gold", help="gold file tools")
    gsub = gd.add_subparsers(dest="gold_command", metavar="ACTION", parser_class=_Parser)
    gc = gsub.add_parser("check", help="validate gold files: schema, offsets, spans, values")
    gc.add_argument("paths", nargs="+", help="gold folder or files")
    gc.set_defaults(handler="pipeline.goldcheck:main")

    ls = sub.add_parser("labelstudio", help="Label Studio round trip")
    lsub = ls.add_subparsers(dest="ls_command", metavar="ACTION", parser_class=_Parser)
    le = lsub.add_parser("export", help="records (JSONL or gold folder) to Label Studio tasks with pre-annotations")
    le.add_argument("records", help="JSONL of records or a gold folder")
    le.add_argument("-o", "--output", required=True, help="Label Studio tasks JSON")
    le.add_argument("--config", dest="config_path", default=None, help="also write the labelling config XML here")
    le.set_defaults(handler="pipeline.labelstudio:export_main")
    li = lsub.add_parser("import", help="a Label Studio export back into gold records")
    li.add_argument("export", help="Label Studio JSON export")
    li.add_argument("-o", "--output", required=True, help="gold folder to write <doc_id>.json into")
    li.set_defaults(handler="pipeline.labelstudio:import_main")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    module_name, func_name = handler.split(":")
    import importlib

    func = importlib.import_module(module_name).__dict__[func_name]
    try:
        return int(func(args) or 0)
    except KeyboardInterrupt:
        print("policy-extract: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
