"""The search index for the running app: one DirectoryIndex per app, opened on first use.

Importing this module opens nothing. init_app() marks the app as having an index; the session events
that keep it in step with the database are web.services.indexing's (the app factory turns them on).
"""

from pathlib import Path
from typing import TYPE_CHECKING

from flask import Flask, current_app

if TYPE_CHECKING:
    from search_index import DirectoryIndex

_EXTENSION = "directory_index"


def init_app(app: Flask) -> None:
    app.extensions[_EXTENSION] = None  # opened lazily by get_index()


def is_enabled(app: Flask) -> bool:
    return _EXTENSION in app.extensions


def get_index() -> "DirectoryIndex":
    """The current app's index, created at SEARCH_INDEX_PATH the first time it is asked for."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    index = app.extensions.get(_EXTENSION)
    if index is None:
        from search_index import DirectoryIndex

        path = Path(app.config["SEARCH_INDEX_PATH"])
        path.mkdir(parents=True, exist_ok=True)
        index = DirectoryIndex(path)
        app.extensions[_EXTENSION] = index
    return index
