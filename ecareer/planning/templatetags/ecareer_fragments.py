"""`{{ bound_field|fragment }}`: an unbound form field's HTML, rendered once per process.

Django renders each form field through several templates (field group, label, widget, attrs):
the share form and the "What you need" panel's two fields were a third of the scenario page's
render time, and each renders to the same text for every view of every scenario with the same
field definition. So an unbound field's HTML is kept in process memory, keyed by everything of it
that can differ between views: the form's class, prefix and auto_id, the field's name, label, help
text, required and disabled flags, its value, its choices and its widget's class and attributes,
and the active language. A bound field (a posted form, perhaps with errors) is rendered each time.

`{{ bf|fragment }}` is `{{ bf }}` (the widget), `{{ bf|fragment:"as_field_group" }}` and
`{{ bf|fragment:"label_tag" }}` the same-named methods. With DEBUG on nothing is kept (a template
edited while the development server runs shows at once).
"""

from django import template
from django.conf import settings
from django.forms import BoundField
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

register = template.Library()
_RENDERINGS = ("", "as_field_group", "label_tag")


def _render(field: BoundField, how: str) -> str:
    return str(field) if not how else str(getattr(field, how)())


def field_key(field: BoundField, how: str) -> tuple:
    """Everything of an unbound field that its HTML can differ by."""
    form, definition = field.form, field.field
    widget = definition.widget
    choices = getattr(definition, "choices", None)
    return (
        type(form).__module__,
        type(form).__qualname__,
        form.prefix,
        form.auto_id,
        form.use_required_attribute,
        field.name,
        how,
        str(definition.label),
        str(definition.help_text),
        definition.required,
        definition.disabled,
        repr(field.value()),
        repr([(str(v), str(label)) for v, label in choices]) if choices is not None else None,
        type(widget).__module__,
        type(widget).__qualname__,
        repr(sorted((k, str(v)) for k, v in widget.attrs.items())),
        getattr(widget, "format", None),
        getattr(widget, "input_type", None),
        translation.get_language(),
    )


_KEPT: dict[tuple, str] = {}
_KEPT_MAX = 512  # fields' renderings kept; all are dropped when more come (a few forms' worth)


@register.filter
def fragment(field: BoundField, how: str = "") -> SafeString:
    """The field's HTML (widget, field group or label), kept per process when unbound."""
    if how not in _RENDERINGS:
        raise template.TemplateSyntaxError(f"fragment: unknown rendering {how!r}")
    if field.form.is_bound or settings.DEBUG:
        return mark_safe(_render(field, how))  # noqa: S308 (Django's own form rendering)
    key = field_key(field, how)
    html = _KEPT.get(key)
    if html is None:
        if len(_KEPT) >= _KEPT_MAX:
            _KEPT.clear()
        html = _KEPT[key] = _render(field, how)
    return mark_safe(html)  # noqa: S308 (Django's own form rendering)
