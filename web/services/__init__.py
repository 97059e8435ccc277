"""Domain rules shared by views, the API, CLI commands and tests: plain functions over a session."""
