from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from gazetteer.cli import decode_text, main, read_input
from gazetteer.errors import InputError
from tests.gazetteer_support import FIXTURES, REPO, data_dir_with_builtin

ARTICLE = "قالت مصادر محلية إن قصفاً استهدف بلدة سراقب شرقي إدلب، فيما عُقد اجتماع في أنقرة."


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    d = data_dir_with_builtin(tmp_path / "data")
    monkeypatch.setenv("CONFLICTMAP_DATA_DIR", str(d))
    return d


def _run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- decoding -----------------------------------------------------------------------------


def test_decode_text_encodings():
    assert decode_text(ARTICLE.encode("utf-8")) == ARTICLE
    assert decode_text(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8")) == ARTICLE
    assert decode_text(ARTICLE.encode("cp1256")) == ARTICLE
    assert decode_text(b"") == ""


def test_decode_text_rejects_binary():
    with pytest.raises(InputError, match="binary"):
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, name="pic.png")


def test_read_input_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_input(str(tmp_path / "missing.txt"))
    with pytest.raises(InputError, match="not a regular file"):
        read_input(str(tmp_path))
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2000)
    with pytest.raises(InputError, match="over the limit"):
        read_input(str(big), max_bytes=1000)


def test_read_input_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("cp1256"))))
    assert read_input("-") == ARTICLE


# --- commands -----------------------------------------------------------------------------


def test_sources(data_dir, capsys):
    code, out, _ = _run(capsys, "sources")
    assert code == 0
    data = json.loads(out)
    names = [layer["name"] for layer in data["layers"]]
    assert names[0] == "builtin"
    assert names[-1] == "overlay"
    assert data["layers"][0]["rows"] > 6000
    assert any("GeoNames" in c for c in data["credits"])


def test_import_then_sources_credit_wof(data_dir, capsys):
    code, out, err = _run(capsys, "import", str(FIXTURES / "wof"), "--format", "wof")
    assert code == 0
    report = json.loads(out)
    assert report["rows"] == 5
    assert report["skipped"] == 2
    assert "skipped" in err
    assert "imported 5 places" in err
    code, out, _ = _run(capsys, "sources")
    data = json.loads(out)
    wof = next(layer for layer in data["layers"] if layer["name"].startswith("import:wof"))
    assert wof["url"] == "https://whosonfirst.org/docs/licenses/"
    assert "Who's On First" in wof["credit"]


def test_import_wrong_format_is_one_line(data_dir, capsys):
    code, out, err = _run(capsys, "import", str(FIXTURES / "SY.txt"), "--format", "wof")
    assert code == 2
    assert out == ""
    assert err.startswith("error: ")
    assert err.count("\n") == 1


def test_tag_empty_input_is_empty_list(data_dir, capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    code, out, _ = _run(capsys, "tag", str(empty))
    assert code == 0
    assert json.loads(out) == []


def test_tag_bad_inputs(data_dir, capsys, tmp_path):
    binary = tmp_path / "b.bin"
    binary.write_bytes(bytes(range(256)) * 10)
    for argv in (["tag", str(tmp_path / "none.txt")], ["tag", str(binary)]):
        code, out, err = _run(capsys, *argv)
        assert code == 2
        assert out == ""
        assert err.startswith("error: ")
        assert err.count("\n") == 1
    big = tmp_path / "big.txt"
    big.write_bytes(("سراقب " * 400).encode("utf-8"))
    code, _, err = _run(capsys, "tag", str(big), "--max-bytes", "1000")
    assert code == 2
    assert "over the limit" in err


def test_lookup_empty_name(data_dir, capsys):
    code, _, err = _run(capsys, "lookup", " ")
    assert code == 2
    assert "empty name" in err


def test_cli_end_to_end_without_traceback(data_dir, tmp_path):
    article = tmp_path / "a.txt"
    article.write_bytes(ARTICLE.encode("cp1256"))
    proc = subprocess.run(
        [sys.executable, "-m", "gazetteer", "tag", str(article)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    mentions = json.loads(proc.stdout)
    by_surface = {m["surface"]: m for m in mentions}
    assert by_surface["سراقب"]["place_id"] == "gn:164816"
    assert by_surface["أنقرة"]["country"] == "TR"
    proc = subprocess.run(
        [sys.executable, "-m", "gazetteer", "lookup", "سوتشي"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)[0]["country"] == "RU"
    proc = subprocess.run(
        [sys.executable, "-m", "gazetteer", "tag", str(tmp_path / "missing.txt")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("error: ")
