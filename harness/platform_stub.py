"""A local stand-in for the WeChat platform API: token and customer-service send."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List
from urllib.parse import parse_qs, urlparse


class PlatformStub:
    """Serves ``/cgi-bin/token`` and ``/cgi-bin/message/custom/send``; records the calls."""

    ACCESS_TOKEN = "stub-access-token"

    def __init__(self, appid: str, secret: str) -> None:
        self.appid, self.secret = appid, secret
        self.token_calls = 0
        self.sent: List[Dict[str, Any]] = []
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
                if url.path != "/cgi-bin/token":
                    self._json({"errcode": 404, "errmsg": "not found"})
                elif query.get("appid") != stub.appid or query.get("secret") != stub.secret:
                    self._json({"errcode": 40125, "errmsg": "invalid appsecret"})
                else:
                    with stub.lock:
                        stub.token_calls += 1
                    self._json({"access_token": stub.ACCESS_TOKEN, "expires_in": 7200})

            def do_POST(self) -> None:
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length).decode("utf-8"))
                if url.path != "/cgi-bin/message/custom/send":
                    self._json({"errcode": 404, "errmsg": "not found"})
                elif query.get("access_token") != stub.ACCESS_TOKEN:
                    self._json({"errcode": 40001, "errmsg": "invalid credential"})
                else:
                    with stub.lock:
                        stub.sent.append(body)
                    self._json({"errcode": 0, "errmsg": "ok"})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> PlatformStub:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
