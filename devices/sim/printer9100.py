"""A simulated network label printer on a loopback port (9100 by default): it keeps every
job it receives and answers ZPL `~HS` and TSPL `<ESC>!?` from a state a test or a demo sets
(paper out, head open, paused...). It can be made silent (never answers, like a Zebra out of
paper) or switched off (connections refused) and on again on the same port."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from dataclasses import dataclass

from devices.printers.status import STX, TSPL_QUERY, ZPL_QUERY

ETX_CRLF = b"\x03\r\n"


@dataclass
class SimulatedState:
    """What the printer reports."""

    paper_out: bool = False
    paused: bool = False
    head_open: bool = False
    ribbon_out: bool = False
    buffer_full: bool = False
    paper_jam: bool = False
    labels_remaining: int = 0

    def zpl(self) -> bytes:
        """The three ~HS strings, laid out as the ZPL manual gives them."""
        b = int
        one = (f"030,{b(self.paper_out)},{b(self.paused)},1218,000,{b(self.buffer_full)},"
               "0,0,000,0,0,0")
        two = (f"001,0,{b(self.head_open)},{b(self.ribbon_out)},0,2,4,0,"
               f"{self.labels_remaining:08d},1,000")
        three = "1234,0"
        return b"".join(STX + s.encode() + ETX_CRLF for s in (one, two, three))

    def tspl(self) -> bytes:
        """The <ESC>!? status byte."""
        bits = (self.head_open, self.paper_jam, self.paper_out, self.ribbon_out, self.paused,
                self.labels_remaining > 0)
        return bytes([sum(1 << i for i, on in enumerate(bits) if on)])


class SimulatedPrinter:
    """Listening on 127.0.0.1:`port` (0 picks a free one); jobs arrive in `jobs`."""

    def __init__(self, port: int = 0, *, host: str = "127.0.0.1") -> None:
        self.host = host
        self.port = port
        self.state = SimulatedState()
        #: A silent printer takes jobs but answers no status question.
        self.silent = False
        #: Seconds a slow printer takes over each job before it closes the connection.
        self.hold_s = 0.0
        self.jobs: list[bytes] = []
        self.questions: list[bytes] = []
        self._lock = threading.Lock()
        self._arrived = threading.Condition(self._lock)
        self._server: socket.socket | None = None
        self._clients: set[socket.socket] = set()
        self.switch_on()

    @property
    def address(self) -> str:
        """The printer address to give WareDesk."""
        return f"tcp://{self.host}:{self.port}"

    @property
    def on(self) -> bool:
        """True while it listens."""
        return self._server is not None

    def switch_on(self) -> None:
        """Listen (again, on the same port)."""
        if self._server is not None:
            return
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((self.host, self.port))
        server.listen(8)
        self.port = server.getsockname()[1]
        self._server = server
        threading.Thread(target=self._accept, args=(server,), name="sim printer",
                         daemon=True).start()

    def switch_off(self) -> None:
        """Stop listening and drop every connection: new connections are refused."""
        server, self._server = self._server, None
        if server is not None:
            # Closing alone leaves a thread blocked in accept() listening on Linux.
            with contextlib.suppress(OSError):
                server.shutdown(socket.SHUT_RDWR)
            server.close()
        with self._lock:
            clients, self._clients = self._clients, set()
        for client in clients:
            with contextlib.suppress(OSError):
                client.shutdown(socket.SHUT_RDWR)
            client.close()

    def close(self) -> None:
        """Switch off for good."""
        self.switch_off()

    @property
    def received(self) -> bytes:
        """Every job's bytes in the order they came."""
        with self._lock:
            return b"".join(self.jobs)

    def wait_for_jobs(self, count: int, timeout: float = 5.0) -> list[bytes]:
        """The jobs once `count` have arrived; AssertionError after `timeout`."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while len(self.jobs) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"{len(self.jobs)} jobs arrived, not {count}")
                self._arrived.wait(left)
            return list(self.jobs)

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return  # switched off
            with self._lock:
                self._clients.add(client)
            threading.Thread(target=self._serve, args=(client,), name="sim printer job",
                             daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        job = b""
        try:
            while True:
                chunk = client.recv(65536)
                if not chunk:
                    time.sleep(self.hold_s)
                    break
                job = self._answer(client, job + chunk)
        except OSError:
            pass  # switched off mid-job: what arrived is kept, as a real printer prints it
        finally:
            with self._lock:
                self._clients.discard(client)
                if job:
                    self.jobs.append(job)
                    self._arrived.notify_all()
            client.close()

    def _answer(self, client: socket.socket, data: bytes) -> bytes:
        """Answer the status questions in `data`; the rest is the job."""
        for question, answer in ((ZPL_QUERY, self.state.zpl), (TSPL_QUERY, self.state.tspl)):
            while question in data:
                data = data.replace(question, b"", 1)
                with self._lock:
                    self.questions.append(question)
                if not self.silent:
                    client.sendall(answer())
        return data
