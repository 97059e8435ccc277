"""Where to send someone after they sign in: only a page on this site, never another site."""

from urllib.parse import urlsplit


def safe_next_path(target: str | None) -> str | None:
    """The target if it is a path on this site (like /services/1?q=x), otherwise None.

    Browsers treat //evil.example and /\\evil.example as other sites, and strip tabs and newlines
    before reading a URL, so any of those make the target unsafe.
    """
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    if "\\" in target or any(ord(character) < 32 or ord(character) == 127 for character in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
