"""uvicorn settings for `leitbild serve`: a deadline for request headers.

uvicorn times out idle keep-alive connections, but not a connection that never finishes its
headers: thousands of half-sent requests (slowloris) would stay open until the process runs out
of file descriptors. This protocol closes a connection whose request headers are not complete
within `LEITBILD_HEADER_TIMEOUT` seconds of its first byte (or of the connection, if nothing comes).
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from domain.settings import get_settings


class HeaderTimeoutH11Protocol(H11Protocol):
    header_timeout: float | None = None  # None: from the settings

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline: asyncio.TimerHandle | None = None
        self._timeout = self.header_timeout if self.header_timeout is not None else get_settings().header_timeout

    def _arm(self) -> None:
        if self._deadline is None:
            self._deadline = self.loop.call_later(self._timeout, self._expired)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expired(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            self.transport.close()

    def _between_requests(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._between_requests():
            self._arm()  # the next request's first bytes start its clock
        super().data_received(data)
        if not self._between_requests():
            self._disarm()  # headers complete: the app has the request now

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


def uvicorn_options() -> dict[str, Any]:
    return {"http": HeaderTimeoutH11Protocol, "timeout_keep_alive": 5, "proxy_headers": False}
