"""Importers, one module per file format: ogp_csv (OGP's commitments database), tracker (a government's
progress tracker). Shared pieces (reading a CSV safely, the report) live in base."""
