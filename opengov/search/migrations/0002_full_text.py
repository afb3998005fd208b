"""Full-text machinery, per database.

PostgreSQL: the ``unaccent`` and ``pg_trgm`` extensions; an IMMUTABLE unaccent wrapper and a language ->
text search configuration function (both needed by a generated column); the stored, generated ``vector``
column with its GIN index; a trigram GIN index on the vocabulary.

SQLite: an FTS5 table ``search_fts`` (rowid = document id; stemmed title and body, written by the indexer)
and an FTS5 trigram table over the vocabulary, with triggers so deletes and new words follow by themselves.
"""

from django.db import migrations

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE OR REPLACE FUNCTION search_unaccent(text) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT unaccent('unaccent'::regdictionary, $1) $$""",
    """CREATE OR REPLACE FUNCTION search_config(text) RETURNS regconfig
       LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT CASE $1 WHEN 'es' THEN 'spanish'::regconfig WHEN 'fr' THEN 'french'::regconfig
                           ELSE 'english'::regconfig END $$""",
    """ALTER TABLE search_searchdocument ADD COLUMN vector tsvector GENERATED ALWAYS AS (
         setweight(to_tsvector(search_config(language), search_unaccent(title)), 'A') ||
         setweight(to_tsvector(search_config(language), search_unaccent(body)), 'B')
       ) STORED""",
    "CREATE INDEX search_doc_vector ON search_searchdocument USING gin (vector)",
    "CREATE INDEX search_term_trgm ON search_term USING gin (word gin_trgm_ops)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS search_term_trgm",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector",
    "DROP FUNCTION IF EXISTS search_config(text)",
    "DROP FUNCTION IF EXISTS search_unaccent(text)",
]

SQLITE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument
       BEGIN DELETE FROM search_fts WHERE rowid = old.id; END""",
    "CREATE VIRTUAL TABLE search_term_trgm USING fts5(word, tokenize = 'trigram')",
    """CREATE TRIGGER search_term_trgm_insert AFTER INSERT ON search_term
       BEGIN INSERT INTO search_term_trgm(rowid, word) VALUES (new.id, new.word); END""",
    """CREATE TRIGGER search_term_trgm_delete AFTER DELETE ON search_term
       BEGIN DELETE FROM search_term_trgm WHERE rowid = old.id; END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_term_trgm_delete",
    "DROP TRIGGER IF EXISTS search_term_trgm_insert",
    "DROP TABLE IF EXISTS search_term_trgm",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TABLE IF EXISTS search_fts",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]
