"""What opendata tells the apps above it, without importing them.

``data_imported`` is sent after an upload job's import changed data (sender: the ImportJob class, ``job``: the job).
Insights connects to it to compute its numbers into the cache (insights/signals.py), so the first visitor after an
import does not wait. Receivers only refresh caches; no business rule hangs on it.
"""

from __future__ import annotations

from django.dispatch import Signal

data_imported = Signal()
