"""Signals of the practices app.

The facet index (:mod:`krisenwissen.practices.facets`) deliberately needs none. A signal only
reaches the process that made the change, while the site runs several worker processes (and
imports run in yet another one), so "clear the cache on save" would leave the other processes
stale. Instead every request compares a cheap database fingerprint (row count, newest
``updated_at``, highest id, count and id sum of unpublished rows) with the one the index was built
from, and rebuilds on a mismatch: correct across processes, and nothing to forget when a new
code path writes practices. Writers that bypass ``save()`` and keep the number of rows (e.g.
``bulk_update``) must set ``updated_at`` themselves for the change to be seen at once; otherwise
it appears when the index reaches its maximum age (``PRACTICES_FACET_INDEX_MAX_AGE``).
"""
