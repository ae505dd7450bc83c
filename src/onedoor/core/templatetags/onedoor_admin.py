"""Admin template helpers for lists paged without a full count (see core.pagination)."""

from django import template
from django.contrib.admin.views.main import PAGE_VAR

register = template.Library()


@register.simple_tag
def next_page_url(cl) -> str:
    """The query string of the changelist's next page, or "" on the last one."""
    if cl.page_num >= cl.paginator.num_pages:
        return ""
    return cl.get_query_string({PAGE_VAR: cl.page_num + 1})
