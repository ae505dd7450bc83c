"""Paging big tables without counting them (STYLE: lists never COUNT(*) a big table on every page).

Django's admin changelist asks its paginator for `count` on every page, which is a COUNT(*) over the whole
filtered table: seconds at a few million cases, audit records or access-log rows. `EstimatedCountPaginator`
answers instead with
  * on PostgreSQL, for a queryset with no filter at all (a platform superuser's unfiltered list), the
    planner's estimate `pg_class.reltuples`, when it is large enough to be worth estimating;
  * otherwise a capped count, `SELECT COUNT(*) FROM (SELECT … LIMIT n)`, where n reaches a few pages past
    the page asked for: its cost grows with how deep one pages, not with the size of the table. Below the
    cap the count is exact.
`count_kind` says which (`exact`, `at_least` or `estimate`) so the page can say "more than" or "about".
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

EXACT, AT_LEAST, ESTIMATE = "exact", "at_least", "estimate"


class EstimatedCountPaginator(Paginator):
    lookahead_pages = 10  # pages past the requested one that the capped count reaches
    estimate_above = 10_000  # below this many rows (by the planner's estimate) a capped count is cheap

    def __init__(self, object_list, per_page, orphans=0, allow_empty_first_page=True, *, page_hint=1):
        super().__init__(object_list, per_page, orphans, allow_empty_first_page)
        self.page_hint = max(1, int(page_hint))
        self.count_kind = EXACT

    @cached_property
    def count(self) -> int:
        reach = (self.page_hint + self.lookahead_pages) * self.per_page
        estimate = self._planner_estimate()
        if estimate is not None and estimate >= max(self.estimate_above, reach):
            self.count_kind = ESTIMATE
            return estimate
        limit = reach + 1
        counted = self.object_list.order_by()[:limit].count()
        if counted >= limit:
            self.count_kind = AT_LEAST
        return counted

    @property
    def lower_bound(self) -> int:
        """With count_kind "at_least": the list has more rows than this."""
        return self.count - 1

    def _planner_estimate(self) -> int | None:
        queryset = self.object_list
        if not hasattr(queryset, "query"):
            return None
        connection = connections[queryset.db]
        query = queryset.query
        if connection.vendor != "postgresql" or query.where or query.distinct or query.is_sliced:
            return None
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(%s)",
                [connection.ops.quote_name(queryset.model._meta.db_table)],
            )
            row = cursor.fetchone()
        return int(row[0]) if row and row[0] is not None and row[0] >= 0 else None


class EstimatedCountAdminMixin:
    """For the ModelAdmin of a big table: no full count for the page, nor for the "N total" beside a search."""

    paginator = EstimatedCountPaginator
    show_full_result_count = False

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        try:
            page_hint = int(request.GET.get("p", 1))
        except (TypeError, ValueError):
            page_hint = 1
        return self.paginator(queryset, per_page, orphans, allow_empty_first_page, page_hint=page_hint)
