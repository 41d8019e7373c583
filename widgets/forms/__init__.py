"""Schema-driven config forms: integration config model (or JSON schema) → Textual inputs.

* :mod:`widgets.forms.schema` — pure: JSON schema → :class:`FieldSpec` list, and
  :func:`field_errors_from_validation` for pydantic errors.
* :mod:`widgets.forms.validators` — the URL validator.
* :mod:`widgets.forms.config_form` — :class:`ConfigForm`, the widget the app's forms embed.
* :mod:`widgets.texts` — the error-code table (title, message, field it attaches to).
"""

from widgets.forms.config_form import ConfigForm
from widgets.forms.schema import FieldSpec, field_errors_from_validation, fields_from_schema

__all__ = ["ConfigForm", "FieldSpec", "field_errors_from_validation", "fields_from_schema"]
