"""GOV.UK widgets for the search form that remember the HTML they rendered.

The results page draws about forty checkboxes, radios and options on every search, and the GOV.UK
macros behind them, and the mapping of a field to their params, cost more than the rest of the page.
What a widget renders depends only on the field's own state (its name, label, hint, choices, what was
typed or ticked, errors, flags) and the params the template passes, so the same state gives the same
HTML and it is kept, per app, in a bounded least-recently-used store for each template: the text boxes,
which hold the words each person typed, churn only their own store.
"""

import threading
from collections import OrderedDict
from typing import Any

from flask import current_app
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovRadioInput,
    GovSelect,
    GovTextInput,
)
from markupsafe import Markup
from wtforms import Field

# Most searches tick nothing, so a few hundred entries cover almost every page.
MAX_REMEMBERED = 256
_EXTENSION = "rendered_widgets"
_LOCK = threading.Lock()


class RememberedRendering:
    template: str

    def __call__(self, field: Field, **kwargs: Any) -> Markup:
        # repr tells Markup from plain text and keeps every value, so equal keys mean equal HTML.
        key = repr(
            (
                field.name,
                field.id,
                field.label.text,
                field.description,
                field.data,
                getattr(field, "raw_data", None),
                getattr(field, "choices", None),
                field.errors,
                field.flags,
                kwargs,
            )
        )
        stores: dict[str, OrderedDict[str, Markup]] = current_app.extensions.setdefault(_EXTENSION, {})
        remembered = stores.setdefault(self.template, OrderedDict())
        with _LOCK:
            html = remembered.get(key)
            if html is not None:
                remembered.move_to_end(key)
        if html is None:
            html = super().__call__(field, **kwargs)  # type: ignore[misc]
            with _LOCK:
                remembered[key] = html
                if len(remembered) > MAX_REMEMBERED:
                    remembered.popitem(last=False)
        return html


class RememberedTextInput(RememberedRendering, GovTextInput):
    pass


class RememberedSelect(RememberedRendering, GovSelect):
    pass


class RememberedRadioInput(RememberedRendering, GovRadioInput):
    pass


class RememberedCheckboxesInput(RememberedRendering, GovCheckboxesInput):
    pass


class RememberedCheckboxInput(RememberedRendering, GovCheckboxInput):
    pass
