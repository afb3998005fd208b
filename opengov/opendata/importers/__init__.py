"""Importers, one module per file format: ogp_csv (OGP's commitments database; its rows parsed in ogp_rows, its
records and snapshots in ogp_records, its IRM assessments in ogp_irm), tracker (a government's progress tracker).
Shared pieces (reading a CSV safely, the report) live in base."""
