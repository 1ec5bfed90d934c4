"""Server-side limits of a public Atlas, checked against a real ``streamlit run`` on 127.0.0.1.

A visitor is not bound by what the page's uploader says: a script can open a session over the
websocket, forge the double-submit XSRF pair (any token, sent as both cookie and header) and
PUT files straight to ``/_stcore/upload_file/<session>/<file>``. The server itself must refuse
what is too large (``server.maxUploadSize`` and ``server.maxWidgetStateSize`` in
``.streamlit/config.toml``). No browser is needed: these are plain HTTP and websocket requests.
"""

from __future__ import annotations

import contextlib
import http.client
import uuid
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from .conftest import Server, serve

pytestmark = pytest.mark.browser  # a real server, like the browser tests (no Chromium needed)

MB = 1024 * 1024


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with serve(tmp_path_factory.mktemp("server-limits")) as s:
        yield s


@contextlib.contextmanager
def _session(server: Server):
    """An open websocket session and its id (from the first script run's ``new_session``),
    closed on leaving."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    parts = urlsplit(server.url("_stcore/stream"))
    with connect(f"ws://{parts.netloc}{parts.path}", subprotocols=["streamlit"],
                 origin=server.origin, max_size=None, open_timeout=30, proxy=None) as ws:
        msg = BackMsg()
        msg.rerun_script.query_string = ""
        ws.send(msg.SerializeToString())
        for _ in range(500):
            fwd = ForwardMsg.FromString(ws.recv(timeout=60))
            if fwd.WhichOneof("type") == "new_session":
                yield ws, fwd.new_session.initialize.session_id
                return
        pytest.fail("no new_session message from the server")


def _put(server: Server, session_id: str, size: int) -> int:
    """PUT a ``size``-byte file with a forged XSRF cookie/header pair; the HTTP status."""
    from streamlit.web.server.starlette.starlette_app_utils import generate_xsrf_token_string

    token = generate_xsrf_token_string()
    boundary = uuid.uuid4().hex
    body = b"".join([f"--{boundary}\r\n".encode(),
                     b'Content-Disposition: form-data; name="file"; filename="deck.json"\r\n',
                     b"Content-Type: application/json\r\n\r\n", b"x" * size,
                     f"\r\n--{boundary}--\r\n".encode()])
    path = urlsplit(server.url(f"_stcore/upload_file/{session_id}/{uuid.uuid4()}")).path
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        conn.request("PUT", path, body=body, headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "X-Xsrftoken": token, "Cookie": f"_streamlit_xsrf={token}",
            "Origin": server.origin})
        return conn.getresponse().status
    finally:
        conn.close()


def test_forged_upload_over_the_limit_is_refused(server: Server):
    with _session(server) as (_, session_id):
        assert _put(server, session_id, 10_000) == 204  # a deck-sized file: the forgery works
        assert _put(server, session_id, 2 * MB) == 413  # Streamlit's default took 200 MB
        assert _put(server, session_id, 10 * MB) == 413


def test_oversized_client_message_closes_the_connection(server: Server):
    """``server.maxWidgetStateSize``: a 3 MB rerun request is not taken (25 MB was)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from websockets.exceptions import ConnectionClosed

    msg = BackMsg()
    msg.rerun_script.query_string = "orgs=" + "x," * (3 * MB // 2)
    with _session(server) as (ws, _):
        ws.send(msg.SerializeToString())
        with pytest.raises(ConnectionClosed):
            for _ in range(10_000):  # the server's answers until it closes (or goes quiet)
                ws.recv(timeout=20)
