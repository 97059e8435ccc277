"""The deterministic safety net: danger phrases checked before and alongside the NLU."""
