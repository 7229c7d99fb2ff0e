"""The `leitbild` command line: ingest, ask, documents, remove, commitments, eval, serve, feedback."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from domain.settings import DEFAULT_DOCUMENTS_DIR, Settings, get_settings

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def _settings(args: argparse.Namespace) -> Settings:
    settings = get_settings()
    if args.index:
        settings = settings.model_copy(update={"index_dir": Path(args.index)})
    return settings


def _fail(message: str, code: int = EXIT_ERROR) -> int:
    print(f"Fehler: {message}", file=sys.stderr)
    return code


def _print_json(value) -> None:
    print(json.dumps(value, ensure_ascii=False))


def cmd_ingest(args: argparse.Namespace) -> int:
    from index.builder import ingest_paths
    from index.embedder import ModelMissingError
    from index.store import IndexBusyError

    settings = _settings(args)
    paths = [Path(p) for p in args.paths] or [DEFAULT_DOCUMENTS_DIR]
    try:
        report = ingest_paths(paths, settings, progress=not args.json and sys.stderr.isatty())
    except (IndexBusyError, ModelMissingError) as exc:
        return _fail(str(exc))  # the published index is untouched in both cases
    if args.json:
        _print_json({"files": [f.to_dict() for f in report.files], "version": report.version})
    else:
        labels = {"added": "hinzugefügt", "updated": "aktualisiert", "unchanged": "unverändert", "failed": "FEHLER"}
        for f in report.files:
            detail = f" – {f.error}" if f.error else (f" ({f.document})" if f.document else "")
            print(f"{labels[f.status]:>12}: {f.path}{detail}")
        if report.version:
            print(f"Index-Version: {report.version} in {settings.index_dir}")
    for f in report.files:
        if f.status == "failed":
            print(f"Fehler: {f.path}: {f.error}", file=sys.stderr)
    if not report.files:
        return _fail("keine PDF-Dateien gefunden")
    return EXIT_ERROR if report.failed else EXIT_OK


def _load_assistant(settings: Settings):
    from assistant import Assistant

    return Assistant(settings)


def format_answer(answer) -> str:
    if answer.abstained:
        return answer.answer
    lines = [answer.answer, "", "Quellen:"]
    for c in answer.citations:
        lines.append(f"[{c.n}] {c.title}, S. {c.printed_page or c.page} – {c.section}")
    return "\n".join(lines)


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant import QuestionError
    from index.store import IndexMissingError

    settings = _settings(args)
    try:
        assistant = _load_assistant(settings)
    except IndexMissingError as exc:
        return _fail(str(exc))
    questions = [line.rstrip("\n") for line in sys.stdin] if args.question == "-" else [args.question]
    if args.question == "-":
        status = EXIT_OK
        for question in questions:
            if not question.strip():
                continue
            try:
                _print_json(assistant.ask(question, documents=args.document).to_dict())
            except QuestionError as exc:
                _print_json({"question": question, "error": str(exc)})
                status = EXIT_ERROR
            sys.stdout.flush()
        return status
    try:
        answer = assistant.ask(args.question, documents=args.document)
    except QuestionError as exc:
        return _fail(str(exc), EXIT_USAGE)
    print(json.dumps(answer.to_dict(), ensure_ascii=False) if args.json else format_answer(answer))
    return EXIT_OK


def cmd_documents(args: argparse.Namespace) -> int:
    from index import store

    settings = _settings(args)
    try:
        data = store.load(settings.index_dir)
    except store.IndexMissingError as exc:
        return _fail(str(exc))
    docs = [
        {
            "id": d.id,
            "title": d.title,
            "pages": d.pages,
            "passages": d.passages,
            "commitments": d.commitments,
            "sha256": d.sha256,
            "ingested_at": d.ingested_at,
            "path": d.path,
            "publisher": d.publisher,
            "date": d.date,
            "source_url": d.source_url,
            "aliases": list(d.aliases),
        }
        for d in data.documents
    ]
    if args.json:
        _print_json(docs)
        return EXIT_OK
    if not docs:
        print("Der Index enthält keine Dokumente.")
    for d in docs:
        origin = ", ".join(x for x in (d["publisher"], d["date"]) if x)
        print(f"{d['id']}: {d['title']}" + (f" ({origin})" if origin else ""))
        if d["aliases"]:
            print(f"    auch genannt: {', '.join(d['aliases'])}")
        print(f"    {d['pages']} Seiten, {d['passages']} Passagen, {d['commitments']} Zusagen – {d['path']}")
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    from index.builder import LastDocumentError, remove_document
    from index.store import IndexBusyError, IndexMissingError

    settings = _settings(args)
    try:
        removed = remove_document(settings.index_dir, args.id)
    except (IndexBusyError, IndexMissingError, LastDocumentError) as exc:
        return _fail(str(exc))
    if not removed:
        return _fail(f"Unbekannte Dokument-ID: {args.id} (`leitbild documents` listet die eingelesenen)")
    print(f"Entfernt: {args.id} – mit allen Passagen, Vektoren und Zusagen")
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from assistant.fusion import SYSTEMS
    from eval.report import print_table, write_report
    from eval.runner import as_json, run_eval
    from index.store import IndexMissingError

    settings = _settings(args)
    systems = list(SYSTEMS) if args.system == "all" else [args.system]
    gold_path = Path(args.gold) if args.gold else None
    try:
        assistant = _load_assistant(settings)
        gold, runs = run_eval(assistant, systems, gold_path)
    except (IndexMissingError, ValueError) as exc:
        return _fail(str(exc))
    if args.report:
        from eval.gate import baseline_path, report_name, save_baseline

        name = report_name(gold_path)
        write_report(gold, runs, Path(args.report), name, " ".join(["leitbild", *sys.argv[1:]]))
        if runs[0].name == "hybrid":
            # Beside the report: a report written elsewhere leaves the gate's baseline in reports/ alone.
            save_baseline(runs[0], baseline_path(gold_path, Path(args.report)))
    if args.json:
        _print_json(as_json(gold, runs))
    else:
        print_table(gold, runs)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    import os
    import uuid

    # Before numpy and faiss load (here or in the workers uvicorn spawns): one request searches with
    # one query, where OpenMP and OpenBLAS teams only add threads that spin against the encoder's.
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import uvicorn

    from api.runtime import SERVICE_ENV
    from api.server import uvicorn_options

    if not 1 <= args.workers <= 64:
        return _fail("--workers muss zwischen 1 und 64 liegen", EXIT_USAGE)
    settings = _settings(args)
    # Every worker builds the app from the environment (uvicorn imports `api.app:create_app` in each
    # process), so what was given on the command line goes there.
    os.environ["LEITBILD_INDEX_DIR"] = str(Path(settings.index_dir).resolve())
    if args.answer_cache is not None:
        os.environ["LEITBILD_ANSWER_CACHE"] = str(args.answer_cache)
    if args.workers > 1 and "LEITBILD_TORCH_THREADS" not in os.environ:
        # N processes each encoding with all cores would fight over them; share the cores out.
        os.environ["LEITBILD_TORCH_THREADS"] = str(max(1, (os.cpu_count() or 1) // args.workers))
    os.environ.setdefault(SERVICE_ENV, uuid.uuid4().hex)
    get_settings.cache_clear()
    workers = f", {args.workers} Prozesse" if args.workers > 1 else ""
    print(
        f"Leitbild-Assistent: http://{args.host}:{args.port}/ (Index: {settings.index_dir}{workers})", file=sys.stderr
    )
    uvicorn.run(
        "api.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        **uvicorn_options(),
    )
    from api.server import uvicorn_options

    return EXIT_OK


def cmd_commitments(args: argparse.Namespace) -> int:
    from api.formats import commitment_rows, commitments_csv, commitments_table
    from assistant import QuestionError
    from index.store import IndexMissingError

    settings = _settings(args)
    try:
        assistant = _load_assistant(settings)
        records = assistant.commitments(query=args.query, section=args.section, documents=args.document)
    except IndexMissingError as exc:
        return _fail(str(exc))
    except QuestionError as exc:
        return _fail(str(exc), EXIT_USAGE)
    if args.format == "json":
        _print_json(commitment_rows(records))
    elif args.format == "csv":
        sys.stdout.write(commitments_csv(records, args.dialect))
    else:
        print(commitments_table(records))
    return EXIT_OK


def cmd_feedback(args: argparse.Namespace) -> int:
    from api.archive import Archive
    from api.database import DatabaseError
    from api.feedback_export import gold_yaml

    settings = _settings(args)
    try:
        archive = Archive.open(settings.database())
    except DatabaseError as exc:
        return _fail(str(exc))
    try:
        items = archive.feedback(status="confirmed", limit=100_000)
    finally:
        archive.close()
    target = Path(args.gold)
    if target.exists() and not args.force:
        return _fail(f"{target} gibt es schon – mit --force überschreiben")
    try:
        target.write_text(gold_yaml(items), encoding="utf-8")
    except OSError as exc:
        return _fail(f"{target}: nicht schreibbar ({exc.strerror})")
    print(f"{len(items)} bestätigte Rückmeldungen als Goldfrage-Kandidaten in {target}", file=sys.stderr)
    print(f"Prüfen mit: leitbild eval --gold {target}", file=sys.stderr)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="leitbild", description="Leitbild-Assistent: zitierende Antworten aus Strategiedokumenten"
    )
    parser.add_argument(
        "--index", metavar="DIR", help="Index-Verzeichnis (Standard: LEITBILD_INDEX_DIR oder var/index)"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser("ingest", help="PDF-Dateien oder Ordner einlesen")
    ingest.add_argument("--json", action="store_true", help="Ergebnis als JSON")
    ingest.add_argument("paths", nargs="*", help="PDF-Dateien oder Ordner (Standard: die mitgelieferten Dokumente)")
    ingest.set_defaults(func=cmd_ingest)

    ask = sub.add_parser("ask", help="Eine Frage stellen ('-' liest eine Frage pro Zeile von stdin)")
    ask.add_argument("--json", action="store_true", help="Antwort als JSON")
    ask.add_argument("--document", action="append", metavar="ID", help="nur in diesem Dokument suchen (wiederholbar)")
    ask.add_argument("question", help="die Frage, oder '-' für stdin")
    ask.set_defaults(func=cmd_ask)

    documents = sub.add_parser("documents", help="Eingelesene Dokumente auflisten")
    documents.add_argument("--json", action="store_true")
    documents.set_defaults(func=cmd_documents)

    remove = sub.add_parser("remove", help="Ein Dokument aus dem Index entfernen")
    remove.add_argument("id")
    remove.set_defaults(func=cmd_remove)
    catalog = sub.add_parser("commitments", help="Zusagen („Wir werden …“) auflisten, filtern, durchsuchen")
    catalog.add_argument("--format", choices=["table", "json", "csv"], default="table")
    catalog.add_argument(
        "--dialect",
        choices=["default", "excel-de"],
        default="default",
        help="CSV: excel-de = UTF-8 mit BOM, Semikolon, CRLF (für deutsches Excel)",
    )
    catalog.add_argument("--query", metavar="TEXT", help="nur zur Suche passende Zusagen, beste zuerst")
    catalog.add_argument("--section", metavar="TEXT", help="Abschnitt enthält TEXT (ohne Groß/Klein)")
    catalog.add_argument("--document", action="append", metavar="ID", help="nur dieses Dokument (wiederholbar)")
    catalog.set_defaults(func=cmd_commitments)

    evaluate = sub.add_parser("eval", help="Goldfragen beantworten und Zitate bewerten")
    evaluate.add_argument("--json", action="store_true", help="Kennzahlen als JSON (letzte Zeile)")
    evaluate.add_argument("--system", choices=["hybrid", "bm25", "dense", "all"], default="hybrid")
    evaluate.add_argument(
        "--gold", metavar="FILE", help="Goldfragen-Datei oder Ordner davon (Standard: eval/gold.yaml)"
    )
    evaluate.add_argument(
        "--report", metavar="DIR", help="Markdown-Bericht und Diagramm in dieses Verzeichnis schreiben"
    )
    evaluate.set_defaults(func=cmd_eval)

    serve = sub.add_parser("serve", help="Web-Chat und HTTP-API starten")
    serve.add_argument("--host", default="127.0.0.1", help="Adresse (Standard: 127.0.0.1, nur dieser Rechner)")
    serve.add_argument("--port", type=int, default=8000, help="Port (Standard: 8000)")
    serve.add_argument(
        "--answer-cache",
        type=int,
        metavar="N",
        help="Antworten im Speicher je Prozess (0 = aus; Standard: LEITBILD_ANSWER_CACHE oder 256)",
    )
    serve.add_argument(
        "--workers", type=int, default=1, metavar="N", help="Server-Prozesse über demselben Index (Standard: 1)"
    )
    serve.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    serve.set_defaults(func=cmd_serve)

    feedback = sub.add_parser("feedback", help="Rückmeldungen aus dem Antwortarchiv (LEITBILD_DATABASE_URL)")
    feedback_sub = feedback.add_subparsers(dest="feedback_command", required=True)
    export = feedback_sub.add_parser(
        "export", help="Bestätigte Rückmeldungen als Goldfrage-Kandidaten schreiben (für leitbild eval --gold)"
    )
    export.add_argument("--gold", metavar="FILE", required=True, help="Ziel-Datei im Format von eval/gold.yaml")
    export.add_argument("--force", action="store_true", help="eine vorhandene Datei überschreiben")
    export.set_defaults(func=cmd_feedback)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status = args.func(args)
        sys.stdout.flush()  # a pipe closed early shows here, inside the try
    except BrokenPipeError:
        # `leitbild ask … | head`: the reader has what it wanted. Point stdout at /dev/null so the
        # interpreter's final flush does not raise again, and stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    return status


if __name__ == "__main__":
    sys.exit(main())
