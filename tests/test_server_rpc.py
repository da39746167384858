"""The language server's JSON-RPC edges, over real stdio: raw frames written to a
``python -m yeplint server`` process, answers read back with bounded waits. A request with
parameters of the wrong shape or after ``shutdown`` gets an error response, a frame with a
wrong ``Content-Length`` costs that message and not the connection, the server exits when the
editor process is gone, and buffers the editor never opened are never read."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls")

from yeplint.server.protocol import Frames

WAIT = 15.0
"""The longest any answer is waited for (a hung server fails the test instead of hanging it)."""
Message = dict[str, Any]


class Raw:
    """A ``yeplint server`` process spoken to in raw JSON-RPC frames."""

    def __init__(self, cwd: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "yeplint", "server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
        )
        self.messages: queue.Queue[Message | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        out = self.process.stdout
        while True:
            length = 0
            while (line := out.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not line:
                self.messages.put(None)
                return
            self.messages.put(json.loads(out.read(length)))

    def write(self, data: bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message: Message, length_change: int = 0) -> None:
        """One frame; ``length_change`` makes its ``Content-Length`` lie."""
        body = json.dumps(message).encode()
        self.write(b"Content-Length: %d\r\n\r\n" % (len(body) + length_change) + body)

    def request(self, number: int, method: str, params: Any = None) -> Message:
        message: Message = {"jsonrpc": "2.0", "id": number, "method": method}
        if params is not None:
            message["params"] = params
        return message

    def notify(self, method: str, params: Any) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def answer(self, number: int | None) -> Message:
        """The response to request ``number`` (``None``: one with a ``null`` id)."""
        return self.next(lambda m: "method" not in m and m.get("id") == number)

    def next(self, wanted: Callable[[Message], bool]) -> Message:
        while True:
            message = self.messages.get(timeout=WAIT)
            assert message is not None, "the server closed its output"
            if wanted(message):
                return message

    def initialize(self, root: Path, process_id: int | None = None, **capabilities: Any) -> Message:
        params = {
            "processId": process_id,
            "rootUri": root.as_uri(),
            "capabilities": capabilities,
            "initializationOptions": {"debounce": 0},
        }
        self.send(self.request(1, "initialize", params))
        result = self.answer(1)
        self.notify("initialized", {})
        return result

    def open(self, uri: str, text: str) -> None:
        item = {"uri": uri, "languageId": "markdown", "version": 1, "text": text}
        self.notify("textDocument/didOpen", {"textDocument": item})

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(WAIT)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture
def raw(tmp_path: Path) -> Iterator[Raw]:
    (tmp_path / "content" / "blog").mkdir(parents=True)
    (tmp_path / "yeplint.toml").write_text('preset = "yep-trainingen"\n')
    server = Raw(tmp_path)
    server.initialize(tmp_path)
    yield server
    server.stop()


def _hover(number: int, uri: str, line: Any = 0) -> Message:
    position = {"line": line, "character": 0}
    return {
        "jsonrpc": "2.0",
        "id": number,
        "method": "textDocument/hover",
        "params": {"textDocument": {"uri": uri}, "position": position},
    }


def _alive_check(raw: Raw, number: int) -> None:
    """The server still answers, and answers right."""
    raw.send(_hover(number, "file:///nergens.md"))
    assert raw.answer(number)["result"] is None


def test_parameters_of_the_wrong_shape_get_invalid_params(raw: Raw) -> None:
    raw.send(_hover(2, "file:///x.md", line="een"))
    error = raw.answer(2)["error"]
    assert error["code"] == -32602
    assert "textDocument/hover" in error["message"]
    _alive_check(raw, 3)


def test_a_request_after_shutdown_gets_invalid_request_and_exit_ends_the_server(
    raw: Raw,
) -> None:
    raw.send(raw.request(2, "shutdown"))
    assert raw.answer(2)["result"] is None
    raw.send(_hover(3, "file:///x.md"))
    assert raw.answer(3)["error"]["code"] == -32600
    raw.notify("exit", None)
    assert raw.process.wait(WAIT) == 0  # exit after shutdown: success


def test_exit_without_shutdown_is_exit_code_1(raw: Raw) -> None:
    raw.notify("exit", None)
    assert raw.process.wait(WAIT) == 1


def test_a_content_length_too_small_costs_that_message_only(raw: Raw) -> None:
    raw.send(_hover(2, "file:///x.md"), length_change=-10)
    error = raw.answer(2)["error"]  # the id was readable before the body broke off
    assert error["code"] == -32700
    _alive_check(raw, 3)
    _alive_check(raw, 4)


def test_a_content_length_too_large_does_not_swallow_the_next_frame(raw: Raw) -> None:
    raw.send(_hover(2, "file:///x.md"), length_change=25)
    raw.send(_hover(3, "file:///y.md"))
    assert raw.answer(2)["result"] is None
    assert raw.answer(3)["result"] is None
    _alive_check(raw, 4)


def test_a_content_length_too_large_alone_is_answered_once_the_stream_stalls(raw: Raw) -> None:
    raw.send(_hover(2, "file:///x.md"), length_change=7)
    assert raw.answer(2)["result"] is None  # after FRAME_STALL_SECONDS, well within WAIT
    _alive_check(raw, 3)


def test_a_body_that_is_not_json_gets_a_parse_error_with_a_null_id(raw: Raw) -> None:
    raw.write(b"Content-Length: 9\r\n\r\nkapot!!!!")
    assert raw.answer(None)["error"]["code"] == -32700
    _alive_check(raw, 2)


def test_the_server_exits_when_the_editor_process_is_gone(tmp_path: Path) -> None:
    editor = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    server = Raw(tmp_path)
    try:
        server.initialize(tmp_path, process_id=editor.pid)
        _alive_check(server, 2)
        editor.kill()
        editor.wait(WAIT)  # reaped: a zombie would still answer os.kill(pid, 0)
        assert server.process.wait(WAIT) == 1
        assert server.process.stderr is not None
        assert f"process {editor.pid}) is gone" in server.process.stderr.read().decode()
    finally:
        editor.kill()
        editor.wait(WAIT)
        server.stop()


def test_utf16_positions_whatever_the_client_prefers(tmp_path: Path) -> None:
    """pygls agrees to the client's first encoding (UTF-8 for Neovim and Helix); the server
    counts columns in UTF-16, so that is what it must announce."""
    server = Raw(tmp_path)
    try:
        general = {"positionEncodings": ["utf-8", "utf-32", "utf-16"]}
        result = server.initialize(tmp_path, general=general)["result"]
        assert result["capabilities"]["positionEncoding"] == "utf-16"
    finally:
        server.stop()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a FIFO")
def test_documents_the_editor_did_not_open_are_never_read(raw: Raw, tmp_path: Path) -> None:
    """A FIFO (or /dev/zero) behind a URI would block the server for good or fill its memory:
    a buffer that is not open gets an empty answer, whatever asks for it."""
    fifo = tmp_path / "content" / "blog" / "pijp.md"
    os.mkfifo(fifo)
    uri = fifo.as_uri()
    raw.open(uri, "##Kop\n")
    raw.next(lambda m: m.get("method") == "textDocument/publishDiagnostics")
    raw.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    raw.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    position = {"line": 0, "character": 2}
    everywhere = {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}}
    at = {"textDocument": {"uri": uri}, "position": position}
    raw.send(raw.request(2, "textDocument/completion", at))
    assert raw.answer(2)["result"] == {"isIncomplete": False, "items": []}
    raw.send(raw.request(3, "textDocument/hover", at))
    assert raw.answer(3)["result"] is None
    context: Message = {"diagnostics": []}
    actions = {"textDocument": {"uri": uri}, "range": everywhere, "context": context}
    raw.send(raw.request(4, "textDocument/codeAction", actions))
    assert raw.answer(4)["result"] == []
    change = {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "x"}]}
    raw.notify("textDocument/didChange", change)
    _alive_check(raw, 5)


def _bodies(frames: Frames, *, stalled: bool = False) -> list[bytes]:
    return list(frames.take(stalled=stalled))


def _frame(body: bytes, length: int | None = None) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % (len(body) if length is None else length) + body


def test_frames_cut_in_any_chunks() -> None:
    stream = _frame(b'{"a": 1}') + _frame(b'{"b": "\\r\\n"}')
    for size in (1, 3, len(stream)):
        frames, found = Frames(), []
        for start in range(0, len(stream), size):
            frames.feed(stream[start : start + size])
            found += _bodies(frames)
        assert found == [b'{"a": 1}', b'{"b": "\\r\\n"}']
        assert not frames.waiting


def test_frames_with_a_length_that_lies() -> None:
    frames = Frames()
    frames.feed(_frame(b'{"a": 1}', 20) + _frame(b'{"b": 2}'))  # too large: cut at the next
    assert _bodies(frames) == [b'{"a": 1}', b'{"b": 2}']
    frames.feed(_frame(b'{"c": 3}', 4) + _frame(b'{"d": 4}'))  # too small: the rest skipped
    assert _bodies(frames) == [b'{"c"', b'{"d": 4}']
    frames.feed(_frame(b'{"e": 5}', 30))  # too large, and nothing follows
    assert _bodies(frames) == [] and frames.waiting
    assert _bodies(frames, stalled=True) == [b'{"e": 5}']
    assert not frames.waiting


def test_a_schema_ref_that_cannot_be_resolved_is_the_configurations_error(tmp_path: Path) -> None:
    """A schema compiles, resolving its ``$ref``s, when a page is first checked against it; a
    ``$ref`` yeplint refuses (a URL: nothing is fetched) was then a traceback in the log and a
    YEP000 on every buffer, where ``check`` says it is the configuration's error (exit 2)."""
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "s.json").write_text(
        '{"properties": {"title": {"$ref": "https://example.invalid/t.json"}}}'
    )
    (tmp_path / "yeplint.toml").write_text(
        '[[collections]]\nglob = "*.md"\nschema = "schemas/s.json"\n'
    )
    page = tmp_path / "a.md"
    page.write_text("---\ntitle: x\n---\n# A\n")
    server = Raw(tmp_path)
    try:
        server.initialize(tmp_path)
        server.open(page.as_uri(), page.read_text())
        seen: list[Message] = []

        def page_published(message: Message) -> bool:
            seen.append(message)
            return bool(
                message.get("method") == "textDocument/publishDiagnostics"
                and message["params"]["uri"] == page.as_uri()
            )

        published = server.next(page_published)
    finally:
        server.stop()
    assert published["params"]["diagnostics"] == []
    shown = [m["params"]["message"] for m in seen if m.get("method") == "window/showMessage"]
    assert len(shown) == 1 and "the configuration is broken" in shown[0]
    assert "https://example.invalid/t.json" in shown[0] and "Traceback" not in json.dumps(seen)
