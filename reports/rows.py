"""Rows of a large report, kept in the database until they are needed.

Most reports have one row per salesperson (a hundred at most) and their queries return a list. The
target-client table has one row per client — tens of thousands — so its query returns a ``RowSet``:
a lazy sequence over one ``values()`` queryset that the database counts, sorts, slices and totals.
The HTML table asks for one page of it (django-tables2 treats it like a QuerySet: it has ``count()``
and ``order_by()``), the .xlsx streams it in chunks with flat memory, and every renderer gets the
same totals from one aggregate query.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import Any

from django.db.models import QuerySet

Row = dict[str, Any]


class RowSet:
    def __init__(
        self,
        qs: QuerySet,
        convert: Callable[[dict[str, Any]], Row],
        *,
        sort: dict[str, str],
        totals: Callable[[], Row],
    ) -> None:
        self.qs = qs
        self.convert = convert
        self.sort = sort  # column key -> database field to order by
        self._totals = totals
        self._count: int | None = None
        self._total_row: Row | None = None
        # django-tables2 reads ``data.query.order_by`` to show the current ordering
        self.query = SimpleNamespace(order_by=())

    def count(self) -> int:
        if self._count is None:
            self._count = self.qs.count()
        return self._count

    __len__ = count

    def order_by(self, *keys: str) -> RowSet:
        """Order by column keys ("-key" descending); keys that are not sortable are ignored."""
        fields = []
        for key in keys:
            desc, bare = key.startswith("-"), key.lstrip("-")
            if bare in self.sort:
                fields.append(("-" if desc else "") + self.sort[bare])
        clone = RowSet(
            self.qs.order_by(*fields, "pk"), self.convert, sort=self.sort, totals=self._totals
        )
        clone._count, clone._total_row = self._count, self._total_row
        clone.query = SimpleNamespace(order_by=tuple(keys))
        return clone

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.convert(r) for r in self.qs[index]]
        return self.convert(self.qs[index])

    def __iter__(self) -> Iterator[Row]:
        # chunked server-side iteration: memory stays flat however many rows there are
        for r in self.qs.iterator(chunk_size=2000):
            yield self.convert(r)

    def __bool__(self) -> bool:
        return self.count() > 0

    def head(self, n: int) -> list[Row]:
        return self[:n]

    def totals(self) -> Row:
        if self._total_row is None:
            self._total_row = self._totals()
        return self._total_row
