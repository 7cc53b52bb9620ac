"""Files to text: UTF-8 with or without BOM; UTF-16 and Shift_JIS are named, not guessed."""

from __future__ import annotations

from pathlib import Path

from generator.problems import Problem


def decode(raw: bytes, name: str) -> tuple[str | None, list[Problem]]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(name, 1, 1, "", "ファイルがUTF-16で保存されています。", "エディタで文字コードを「UTF-8」にして保存し直してください。",
                              code="E-FILE-ENCODING")]
    if raw.startswith(b"\xef\xbb\xbf"):  # Excel and Notepad add a BOM: harmless
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        guess = ""
        try:
            raw.decode("cp932")
            guess = "Shift_JIS（CP932）で保存されているようです。"
        except UnicodeDecodeError:
            pass
        return None, [Problem(
            name, line, None, "",
            f"ファイルがUTF-8ではありません。{guess}",
            "エディタで文字コードを「UTF-8」にして保存し直してください。", code="E-FILE-ENCODING",
        )]


# A data file is text a planner writes; anything far larger is a mistake (or an attack on CI).
MAX_FILE_BYTES = 5 * 1024 * 1024


def read_text(path: Path, name: str) -> tuple[str | None, list[Problem]]:
    """A data file's text (None when it cannot be opened or decoded) and the problems; never raises."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [Problem(name, None, None, "", f"ファイルが大きすぎます（{size:,}バイト。上限は{MAX_FILE_BYTES:,}バイト）。",
                                  "データのファイルか確かめてください。大きな表は CSV に分けてください。", code="E-FILE-TOO-LARGE")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(name, None, None, "", f"ファイルを開けません（{exc.strerror}）。", "ファイル名と場所を確認してください。",
                              code="E-FILE-UNREADABLE")]
    return decode(raw, name)
