"""GOV.UK widgets for the search form that remember the HTML they rendered.

The results page draws about forty checkboxes, radios and options on every search, and the GOV.UK
macros behind them cost more than the rest of the page. What a widget renders depends only on its
template and the params it is given (the field's name, choices, what is ticked, errors), so the same
params give the same HTML and it is kept, per app, in a bounded least-recently-used store for each
template: the text boxes, which hold the words each person typed, churn only their own store.
"""

import threading
from collections import OrderedDict

from flask import current_app
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovRadioInput,
    GovSelect,
    GovTextInput,
)
from markupsafe import Markup

# Most searches tick nothing, so a few hundred entries cover almost every page.
MAX_REMEMBERED = 256
_EXTENSION = "rendered_widgets"
_LOCK = threading.Lock()


class RememberedRendering:
    template: str

    def render(self, params: dict) -> Markup:
        # repr tells Markup from plain text and keeps every value, so equal keys mean equal HTML.
        key = repr(params)
        stores: dict[str, OrderedDict[str, Markup]] = current_app.extensions.setdefault(_EXTENSION, {})
        remembered = stores.setdefault(self.template, OrderedDict())
        with _LOCK:
            html = remembered.get(key)
            if html is not None:
                remembered.move_to_end(key)
        if html is None:
            html = super().render(params)  # type: ignore[misc]
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
