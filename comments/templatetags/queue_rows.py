"""The queue's table, its cells drawn by the columns alone.

Django's result_list looks each cell up as a model field first, then finds
its empty value, classes and escaping: on the queue, whose columns are all
methods returning HTML (comments.admin_rows), that was a third of the rows'
time. The same table, the same classes; any other column list goes through
Django's own tag.
"""

from django import template
from django.contrib.admin.templatetags.admin_list import result_headers, result_list
from django.utils.safestring import SafeString

from comments.html import escaped

register = template.Library()


@register.inclusion_tag("admin/change_list_results.html")
def queue_result_list(cl):
    columns = [getattr(cl.model_admin, name, None) for name in cl.list_display]
    if cl.formset or not all(map(callable, columns)):
        return result_list(cl)
    classes = [
        "action-checkbox" if name == "action_checkbox" else f"field-{name}"
        for name in cl.list_display
    ]
    headers = list(result_headers(cl))
    empty = escaped(cl.model_admin.get_empty_value_display())
    return {
        "cl": cl,
        "result_hidden_fields": [],
        "result_headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        "results": [
            [
                SafeString(f'<td class="{css}">{cell(column(row), empty)}</td>')
                for css, column in zip(classes, columns, strict=True)
            ]
            for row in cl.result_list
        ],
    }


def cell(value, empty):
    """A column's value, escaped unless it is HTML; blank ones as Django
    shows them (the admin's empty value)."""
    if value is None or not str(value).strip():
        return empty
    return escaped(value)
