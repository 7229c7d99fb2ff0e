"""With the default model, answering never imports torch, transformers or sentence-transformers:
`ask`, `commitments`, `documents`, `eval` and the server's app run in a fresh interpreter, answer
for real, and the interpreter's modules are checked afterwards."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from domain.settings import PROJECT_ROOT
from eval.gold import GOLD_FILE

pytestmark = pytest.mark.model

HEAVY = ("torch", "transformers", "sentence_transformers")

SCRIPT = textwrap.dedent(
    """
    import contextlib, io, json, sys
    from api.cli import main

    def run(*args):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = main(["--index", INDEX, *args])
        return code, out.getvalue()

    report = {}
    report["ask"] = run("ask", "--json", "Was plant die Landesregierung zur Wasserstoffwirtschaft?")
    report["commitments"] = run("commitments", "--format", "json", "--query", "Breitband")
    report["documents"] = run("documents", "--json")
    report["eval"] = run("eval", "--json", "--gold", GOLD)

    from fastapi.testclient import TestClient
    from api.app import create_app
    with TestClient(create_app(), base_url="http://127.0.0.1") as client:  # as `leitbild serve` builds it
        response = client.post("/api/ask", json={"question": "Welche Ziele hat NRW beim Breitbandausbau?"})
        report["serve"] = (response.status_code, response.text)

    heavy = sorted(m for m in sys.modules if m.split(".")[0] in HEAVY)
    print(json.dumps({"report": report, "heavy": heavy}))
    """
)


def test_answering_never_imports_torch(index_dir: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold.yaml"
    gold.write_text(yaml.safe_dump(yaml.safe_load(GOLD_FILE.read_text(encoding="utf-8"))[:2], allow_unicode=True))
    script = f"INDEX = {str(index_dir)!r}\nGOLD = {str(gold)!r}\nHEAVY = {HEAVY!r}\n" + SCRIPT
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "LEITBILD_INDEX_DIR": str(index_dir),
            "LEITBILD_DATABASE_URL": f"sqlite:///{tmp_path / 'archiv.sqlite3'}",
        },
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    report = outcome["report"]
    for command in ("ask", "commitments", "documents", "eval"):
        assert report[command][0] == 0, (command, report[command])
    answer = json.loads(report["ask"][1])
    assert not answer["abstained"] and answer["citations"]
    assert json.loads(report["commitments"][1]) and json.loads(report["documents"][1])
    assert report["serve"][0] == 200 and json.loads(report["serve"][1])["citations"]
    assert outcome["heavy"] == [], f"schwere Module importiert: {outcome['heavy'][:5]}"
