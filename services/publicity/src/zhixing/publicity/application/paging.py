"""Paging limits of the public lists (issue 17, anti-scraping): at most `PAGE_SIZE_MAX`
entries a page and `PAGES_MAX` pages of one list; the page token is opaque and signed
with the blind-index key, so a forged or altered token (another offset, another court or
list) is refused, and no token leads past the last page allowed."""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass

from zhixing.eventstore.crypto import FieldCipher
from zhixing.kernel.errors import InvalidInput

PAGE_SIZE = 20
"""Entries on a public list page when the caller does not say."""
PAGE_SIZE_MAX = 50
"""At most this many entries on one page (anti-scraping, R61)."""
PAGES_MAX = 20
"""At most this many pages of one list are served: a token beyond is refused (R61)."""
_TOKEN = re.compile(r"^([0-9]{1,3})\.([0-9]{1,6})\.([0-9a-f]{16})$")


@dataclass(frozen=True)
class Page:
    """Where a page of one list (`scope`: the list, its court and filter) starts."""

    scope: str
    number: int
    """0 for the first page."""
    offset: int
    size: int

    def next_token(self, cipher: FieldCipher, fetched: int) -> str:
        """The token of the next page when `fetched` rows (size + 1 asked) say there is
        one and the limit allows it; "" otherwise."""
        if fetched <= self.size or self.number + 1 >= PAGES_MAX:
            return ""
        number, offset = self.number + 1, self.offset + self.size
        return f"{number}.{offset}.{_mac(cipher, self.scope, number, offset)}"


def page_of(cipher: FieldCipher, scope: str, page_size: int, page_token: str) -> Page:
    """The page a request asks for; InvalidInput naming page_size or page_token and R61
    when beyond the limits or not a token this server gave (never echoing it)."""
    if not 0 < page_size <= PAGE_SIZE_MAX:
        raise InvalidInput(f"page_size must be between 1 and {PAGE_SIZE_MAX} on a public list",
                           field="page_size", rule="R61")
    if not page_token:
        return Page(scope, 0, 0, page_size)
    found = _TOKEN.match(page_token) if len(page_token) <= 64 else None
    if found is None or not hmac.compare_digest(
            found.group(3), _mac(cipher, scope, int(found.group(1)), int(found.group(2)))):
        raise InvalidInput("page_token is not one this list gave (tokens are bound to the "
                           "list, its court and the paging limit)", field="page_token",
                           rule="R61")
    number, offset = int(found.group(1)), int(found.group(2))
    if number >= PAGES_MAX:
        raise InvalidInput(f"page_token is beyond the {PAGES_MAX} pages a public list serves",
                           field="page_token", rule="R61")
    return Page(scope, number, offset, page_size)


def _mac(cipher: FieldCipher, scope: str, number: int, offset: int) -> str:
    """64 bits of a keyed HMAC (the blind-index key) over what the token says."""
    return cipher.blind(f"page-token|{scope}|{number}|{offset}")[-16:]
