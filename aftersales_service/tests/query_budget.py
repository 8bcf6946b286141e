"""Query-count guard shared by the modules' tests: an operation run on a
small and on a larger batch must issue the same number of queries, so that a query
per record anywhere in it fails the test. Counts, not timings."""


class QueryBudgetMixin:
    def count_queries(self, operation):
        self.env.flush_all()
        self.env.cr.precommit.run()  # what preparing the batch left for the commit is not counted
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        operation()
        self.env.flush_all()
        self.env.cr.precommit.run()  # what the commit would write first: tracking notes
        return self.env.cr.sql_log_count - before

    def assertFlatQueries(self, prepare, operation, sizes=(5, 20), ceiling=None):
        """``prepare(n)`` builds a batch of ``n`` records (not counted); ``operation``
        runs on it (counted). A warm-up batch first, so caches filled once do not count."""
        operation(prepare(2))
        counts = {}
        for size in sizes:
            batch = self._as_searched(prepare(size))
            counts[size] = self.count_queries(lambda batch=batch: operation(batch))
        # a cache the first batch filled may spare the next one a query; none may grow
        self.assertLessEqual(counts[sizes[-1]], counts[sizes[0]], f"queries grow with the batch: {counts}")
        if ceiling is not None:
            self.assertLessEqual(counts[sizes[0]], ceiling, f"more queries than budgeted: {counts}")
        return counts

    def assertPerRecordQueries(self, prepare, operation, at_most, sizes=(5, 20)):
        """For work that is per record by nature inside Odoo itself (an invoice or sale
        order created, a personal PDF rendered): the extra queries per extra record
        stay within ``at_most``."""
        operation(prepare(2))
        counts = []
        for size in sizes:
            batch = self._as_searched(prepare(size))
            counts.append(self.count_queries(lambda batch=batch: operation(batch)))
        per_record = (counts[1] - counts[0]) / (sizes[1] - sizes[0])
        self.assertLessEqual(
            per_record,
            at_most,
            f"{per_record:.1f} queries per record: {dict(zip(sizes, counts, strict=True))}",
        )
        return per_record

    @staticmethod
    def _as_searched(batch):
        """Records as a search returns them (prefetching together): a recordset read
        through a one2many loses its prefetch group when the cache is invalidated."""
        return batch.browse(batch.ids) if hasattr(batch, "_ids") else batch
