"""A local stand-in for the WeChat platform API: token, customer-service send, staff online."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Optional
from urllib.parse import parse_qs, urlparse


class PlatformStub:
    """Serves the token, customer-service send and online-staff endpoints; records sends.

    ``online_staff`` is what ``/cgi-bin/customservice/getonlinekflist`` lists.

    Each token call issues a new token (``stub-access-token``, ``stub-access-token-2``, …)
    valid for ``expires_in`` seconds by the platform's word. ``revoke(code)`` makes every
    issued token fail with ``code`` (40001 invalid, 42001 expired); ``fail_sends`` makes
    sends fail with that error code (45015: the user has not written for 48 hours).
    """

    ACCESS_TOKEN = "stub-access-token"

    def __init__(self, appid: str, secret: str, expires_in: int = 7200) -> None:
        self.appid, self.secret = appid, secret
        self.expires_in = expires_in
        self.token_calls = 0
        self.send_calls = 0
        self.sent: List[Dict[str, Any]] = []
        self.valid: Dict[str, int] = {}  # token → 0 when valid, else the error code it gets
        self.fail_sends: Optional[int] = None
        # getonlinekflist: the staff online (``{"kf_account": …, "status": 1}``)
        self.online_staff: List[Dict[str, Any]] = []
        self.lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _json(self, data: Dict[str, Any]) -> None:
                body = json.dumps(data).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/cgi-bin/customservice/getonlinekflist":
                    with stub.lock:
                        token_error = stub.valid.get(query.get("access_token", ""), 40001)
                    if token_error:
                        self._json({"errcode": token_error, "errmsg": "invalid token"})
                    else:
                        self._json({"kf_online_list": list(stub.online_staff)})
                elif url.path != "/cgi-bin/token":
                    self._json({"errcode": 404, "errmsg": "not found"})
                elif query.get("appid") != stub.appid or query.get("secret") != stub.secret:
                    self._json({"errcode": 40125, "errmsg": "invalid appsecret"})
                else:
                    with stub.lock:
                        stub.token_calls += 1
                        token = stub.ACCESS_TOKEN
                        if stub.token_calls > 1:
                            token = f"{token}-{stub.token_calls}"
                        stub.valid[token] = 0
                    self._json({"access_token": token, "expires_in": stub.expires_in})

            def do_POST(self) -> None:
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length).decode("utf-8"))
                with stub.lock:
                    stub.send_calls += 1
                    token_error = stub.valid.get(query.get("access_token", ""), 40001)
                if url.path != "/cgi-bin/message/custom/send":
                    self._json({"errcode": 404, "errmsg": "not found"})
                elif token_error:
                    self._json({"errcode": token_error, "errmsg": "invalid or expired token"})
                elif stub.fail_sends:
                    self._json({"errcode": stub.fail_sends, "errmsg": "response out of time limit"})
                else:
                    with stub.lock:
                        stub.sent.append(body)
                    self._json({"errcode": 0, "errmsg": "ok"})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def revoke(self, code: int = 40001) -> None:
        """Every token issued so far now fails with ``code``."""
        with self.lock:
            self.valid = {token: code for token in self.valid}

    def __enter__(self) -> PlatformStub:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
