"""我的案件's session: after a party gave the case number and its access code, a short-lived
cookie lets them read the case and leave messages without typing the code again.

The cookie holds the case number, the code, a random CSRF value and its expiry, sealed
with the service's `FieldCipher` (AES-GCM under the suite's key ring): the browser keeps
only ciphertext — never the code in clear — every replica can open it, and nobody can
forge or alter one. Each page still calls the Portal with the code, so a code checked
wrong later (or a case gone) ends the session there. HttpOnly, SameSite=Strict,
Path=/my-case, Max-Age `SESSION_SECONDS`; Secure when the portal is served over TLS.
"""

from __future__ import annotations

import hmac
import json
import secrets
import time
from base64 import urlsafe_b64decode, urlsafe_b64encode
from collections.abc import Callable
from dataclasses import dataclass
from http.cookies import SimpleCookie

from zhixing.eventstore.crypto import FieldCipher

COOKIE = "zhixing_party"
SESSION_SECONDS = 15 * 60
"""How long a party's session lasts: a sitting, not a day (a shared computer)."""
MAX_COOKIE_CHARS = 1024


@dataclass(frozen=True)
class PartySession:
    """An opened session: the case, the code and the CSRF value its forms carry."""

    case_number: str
    access_code: str
    csrf: str
    expires: float

    def __repr__(self) -> str:  # never the code in a log or a traceback
        return f"PartySession(case_number={self.case_number!r})"

    def csrf_matches(self, sent: str) -> bool:
        return bool(sent) and hmac.compare_digest(sent.encode(), self.csrf.encode())


class PartySessions:
    """Seals and opens 我的案件's cookie."""

    def __init__(self, cipher: FieldCipher, *, secure: bool,
                 clock: Callable[[], float] = time.time) -> None:
        self.cipher, self.secure, self.clock = cipher, secure, clock

    def begin(self, case_number: str, access_code: str) -> tuple[PartySession, str]:
        """A new session and its Set-Cookie value."""
        session = PartySession(case_number, access_code, secrets.token_urlsafe(24),
                               self.clock() + SESSION_SECONDS)
        payload = json.dumps({"n": session.case_number, "c": session.access_code,
                              "x": session.csrf, "e": session.expires}, ensure_ascii=False)
        sealed = urlsafe_b64encode(self.cipher.seal(payload).encode()).decode()
        return session, self._cookie(sealed, SESSION_SECONDS)

    def open(self, cookie_header: str) -> PartySession | None:
        """The session of the request's cookie, or None (absent, forged, expired)."""
        value = _cookie_value(cookie_header)
        if not value or len(value) > MAX_COOKIE_CHARS:
            return None
        try:
            data = json.loads(self.cipher.open(urlsafe_b64decode(value.encode()).decode()))
            session = PartySession(str(data["n"]), str(data["c"]), str(data["x"]),
                                   float(data["e"]))
        except Exception:  # forged, altered, another ring's: no session, never an error
            return None
        return session if session.expires > self.clock() else None

    def cleared(self) -> str:
        return self._cookie("", 0)

    def _cookie(self, value: str, max_age: int) -> str:
        parts = [f"{COOKIE}={value}", "Path=/my-case", "HttpOnly", "SameSite=Strict",
                 f"Max-Age={max_age}"]
        if self.secure:
            parts.append("Secure")
        return "; ".join(parts)


def _cookie_value(header: str) -> str:
    """The first `zhixing_party` of the Cookie header (the most specific path first)."""
    for pair in header.split(";"):
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(pair.strip())
        except Exception:  # a malformed cookie counts as none
            continue
        if COOKIE in jar:
            return jar[COOKIE].value
    return ""
