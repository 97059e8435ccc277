"""The action server's settings, read once from the environment.

Council details default to the web app's own defaults (web/config.py) so both say the same thing.
"""

import os
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Settings:
    directory_api_url: str  # where the web app serves /api/search
    site_url: str  # prefix for links shown to people; empty gives links relative to the site
    timeout_seconds: float
    council_name: str
    council_phone: str
    council_email: str
    council_opening_hours: str
    safeguarding_phone: str

    def council_details(self) -> dict[str, str]:
        """The values the council responses fill in ({council_phone} and so on)."""
        return {
            "council_name": self.council_name,
            "council_phone": self.council_phone,
            "council_email": self.council_email,
            "council_opening_hours": self.council_opening_hours,
            "safeguarding_phone": self.safeguarding_phone,
        }


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    env = os.environ
    return Settings(
        directory_api_url=env.get("DIRECTORY_API_URL", "http://127.0.0.1:5000").rstrip("/"),
        site_url=env.get("SITE_URL", "").rstrip("/"),
        timeout_seconds=float(env.get("DIRECTORY_API_TIMEOUT", "3")),
        council_name=env.get("COUNCIL_NAME", "Greater Manchester and Warrington Community Directory"),
        council_phone=env.get("COUNCIL_PHONE", "0161 555 0100"),
        council_email=env.get("COUNCIL_EMAIL", "community.support@example.org"),
        council_opening_hours=env.get("COUNCIL_OPENING_HOURS", "Monday to Friday, 9am to 5pm"),
        safeguarding_phone=env.get("SAFEGUARDING_PHONE", "0161 555 0199"),
    )
