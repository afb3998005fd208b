"""Exporters: ogp_csv (OGP's 171-column commitments database, round trip with importers.ogp_csv) and
entities (one tidy file per entity as CSV, JSON or XLSX, streamed)."""
