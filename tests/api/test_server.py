"""The header deadline: hundreds of half-sent requests are closed, the service keeps answering."""

from __future__ import annotations

import socket
import time

from fastapi import FastAPI

from api.server import HeaderTimeoutH11Protocol, uvicorn_options
from tests.api.conftest import LiveServer

HALF_SENT = 300
DEADLINE_S = 1.0


class QuickDeadline(HeaderTimeoutH11Protocol):
    header_timeout = DEADLINE_S


def tiny_app() -> FastAPI:
    app = FastAPI()

    @app.get("/ping")
    def ping() -> dict:
        return {"ok": True}

    return app


def get(port: int, path: str) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as connection:
        connection.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


def test_half_sent_requests_are_closed_after_the_deadline(monkeypatch) -> None:
    monkeypatch.setitem(uvicorn_options.__globals__, "HeaderTimeoutH11Protocol", QuickDeadline)
    with LiveServer(tiny_app()) as server:
        idle = []
        for i in range(HALF_SENT):
            connection = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            if i % 3:  # some send part of a request line and headers, some send nothing at all
                connection.sendall(b"GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            idle.append(connection)
        started = time.monotonic()
        assert b'{"ok":true}' in get(server.port, "/ping")  # a complete request is served meanwhile
        closed = 0
        for connection in idle:
            connection.settimeout(max(0.1, DEADLINE_S * 4 - (time.monotonic() - started)))
            try:
                if connection.recv(1) == b"":
                    closed += 1
            except (TimeoutError, ConnectionResetError):
                pass
            connection.close()
        assert closed == HALF_SENT, f"{HALF_SENT - closed} halb gesendete Anfragen blieben offen"
        assert time.monotonic() - started < DEADLINE_S * 5
        assert b'{"ok":true}' in get(server.port, "/ping")


def test_a_keep_alive_connection_idle_longer_than_the_deadline_still_serves(monkeypatch) -> None:
    # The deadline runs from a request's first byte, not while a kept-alive connection waits.
    monkeypatch.setitem(uvicorn_options.__globals__, "HeaderTimeoutH11Protocol", QuickDeadline)
    with (
        LiveServer(tiny_app()) as server,
        socket.create_connection(("127.0.0.1", server.port), timeout=5) as connection,
    ):
        for _ in range(3):
            connection.sendall(b"GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            received = b""
            while b'{"ok":true}' not in received:
                chunk = connection.recv(65536)
                assert chunk, "the server closed a kept-alive connection"
                received += chunk
            time.sleep(DEADLINE_S * 1.5)
