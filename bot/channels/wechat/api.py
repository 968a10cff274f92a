"""Client of the platform's customer-service message API, with a cached access token."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any, Dict, Optional

import aiohttp

logger = logging.getLogger(__name__)

TOKEN_MARGIN_S = 300
INVALID_TOKEN_CODES = {40001, 40014, 42001}


class PlatformError(RuntimeError):
    """The platform answered with an error code."""


class CustomerServiceClient:
    """Sends text through ``/cgi-bin/message/custom/send``; fetches tokens as needed."""

    def __init__(
        self,
        api_base: str,
        appid: str,
        appsecret: str,
        timeout_s: float = 10.0,
        shared: Optional[Any] = None,
    ) -> None:
        self._api_base = api_base.rstrip("/")
        self._appid = appid
        self._appsecret = appsecret
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)
        self._token: Optional[str] = None
        self._token_expires = 0.0
        self._lock = asyncio.Lock()
        self._shared = shared  # bot.channels.wechat.shared.SharedState, or None

    async def access_token(self, refresh: bool = False) -> str:
        """A valid access token, fetched once and reused until shortly before it expires."""
        async with self._lock:
            if (
                not refresh
                and self._shared
                and (not self._token or time.time() >= self._token_expires)
            ):
                cached = await self._shared.cached_token()
                if cached:
                    self._token, self._token_expires = cached, time.time() + 60
            if refresh or not self._token or time.time() >= self._token_expires:
                data = await self._get(
                    "/cgi-bin/token",
                    {
                        "grant_type": "client_credential",
                        "appid": self._appid,
                        "secret": self._appsecret,
                    },
                )
                self._token = str(data["access_token"])
                lifetime = int(data.get("expires_in", 7200)) - TOKEN_MARGIN_S
                self._token_expires = time.time() + lifetime
                if self._shared:
                    await self._shared.cache_token(self._token, lifetime)
            return self._token

    async def send_text(self, openid: str, content: str) -> None:
        """Send one text message to a user; retry once with a fresh token if it expired."""
        body = {"touser": openid, "msgtype": "text", "text": {"content": content}}
        for attempt in range(2):
            token = await self.access_token(refresh=attempt > 0)
            try:
                await self._post("/cgi-bin/message/custom/send", {"access_token": token}, body)
                return
            except PlatformError as error:
                if attempt or error.args[0] not in INVALID_TOKEN_CODES:
                    raise

    async def staff_online(self) -> bool:
        """Whether a customer-service staff member is online (``getonlinekflist``)."""
        for attempt in range(2):
            token = await self.access_token(refresh=attempt > 0)
            try:
                data = await self._get(
                    "/cgi-bin/customservice/getonlinekflist", {"access_token": token}
                )
            except PlatformError as error:
                if attempt or error.args[0] not in INVALID_TOKEN_CODES:
                    raise
                continue
            return any(int(staff.get("status") or 0) for staff in data.get("kf_online_list") or [])
        return False

    async def _get(self, path: str, params: Dict[str, str]) -> Dict[str, Any]:
        async with aiohttp.ClientSession(timeout=self._timeout) as session:
            async with session.get(self._api_base + path, params=params) as response:
                return self._checked(await response.json(content_type=None))

    async def _post(
        self, path: str, params: Dict[str, str], body: Dict[str, Any]
    ) -> Dict[str, Any]:
        async with aiohttp.ClientSession(timeout=self._timeout) as session:
            # ensure_ascii=False: the platform shows \uXXXX escapes literally.
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            headers = {"Content-Type": "application/json; charset=utf-8"}
            async with session.post(
                self._api_base + path, params=params, data=data, headers=headers
            ) as response:
                return self._checked(await response.json(content_type=None))

    @staticmethod
    def _checked(data: Dict[str, Any]) -> Dict[str, Any]:
        code = int(data.get("errcode", 0) or 0)
        if code:
            raise PlatformError(code, data.get("errmsg", ""))
        return data
