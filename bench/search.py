"""Benchmark of site-wide search, the commitments explorer and digests (docs/search.md). Prints, never asserts.

    .venv/bin/python bench/search.py [--docs 1000000] [--commitments 100000] [--sqlite-docs 50000]

PostgreSQL (fresh database ``opengov_bench_search`` on DATABASE_URL's server):
1. N commitments (bench/seed.py), indexed by the real rebuild (documents per second);
2. synthetic documents in English, Spanish and French up to --docs, written with COPY (the generated
   vector is computed by PostgreSQL as for any row);
3. search p50/p95: one word, three words, a phrase, a misspelt word, one word with two facets;
4. re-indexing one edited commitment (refresh after commit), p50/p95;
5. the explorer at N commitments with every facet count (median);
6. a daily digest for 10,000 followers of 1,000 changed items (locmem e-mail backend).
SQLite (fresh file): --sqlite-docs synthetic documents through the indexer, then search p95.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG_SERVER = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/opengov").rsplit("/", 1)[0]
PG_NAME = "opengov_bench_search"


def _words(text: str) -> list[str]:
    return text.split()


WORDS = {
    "en": _words("""open government transparency budget procurement contract citizen participation access information
        beneficial ownership register company justice health education water climate land police court audit
        municipal portal data publish report monitoring gender youth disability anticorruption lobbying"""),
    "es": _words("""gobierno abierto transparencia presupuesto contratación contrato ciudadanía participación acceso
        información registro empresa justicia salud educación agua clima tierra policía tribunal auditoría
        municipal portal datos publicar informe seguimiento género juventud discapacidad corrupción"""),
    "fr": _words("""gouvernement ouvert transparence budget marchés contrat citoyens participation accès information
        registre entreprise justice santé éducation eau climat terre police tribunal audit municipal portail
        données publier rapport suivi genre jeunesse handicap corruption"""),
}
STOP = {"en": ["the", "of", "and", "for"], "es": ["de", "la", "los", "para"], "fr": ["de", "la", "les", "pour"]}
QUERIES = {
    "one word": ["procurement", "transparencia", "citoyens", "audit", "water", "género", "portail", "justice"],
    "three words": [
        "open contract data",
        "presupuesto participación ciudadanía",
        "rapport suivi données",
        "health education youth",
    ],
    "phrase": ['"beneficial ownership"', '"gobierno abierto"', '"gouvernement ouvert"', '"access information"'],
    "misspelt": ["procurment", "transparancy", "benefical", "goverment", "partisipation"],
}


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def show(label: str, values: list[float]) -> None:
    print(f"  {label:<34} p50 {statistics.median(values):8.1f} ms   p95 {pct(values, 95):8.1f} ms   (n={len(values)})")


SYLLABLES = _words("""ba be bi bo bu da de di do du fa fe fi fo ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri
    ro sa se""")
FILLER = [
    "".join(random.Random(n).choice(SYLLABLES) for _ in range(2 + n % 3)) for n in range(20_000)
]  # pseudo-words: a long-tailed vocabulary, as real text has


def sentence(rng: random.Random, language: str, n: int) -> str:
    out = []
    for _ in range(n):
        roll = rng.random()
        if roll < 0.04:
            out.append(rng.choice(WORDS[language]))
        elif roll < 0.3:
            out.append(rng.choice(STOP[language]))
        else:
            out.append(FILLER[min(len(FILLER) - 1, int(rng.paretovariate(1.1)) - 1)])
    return " ".join(out)


def time_queries(rounds: int = 5) -> None:
    from opengov.search.query import Filters, search

    for label, queries in QUERIES.items():
        times = []
        for _ in range(rounds):
            for q in queries:
                t = time.perf_counter()
                search(q)
                times.append((time.perf_counter() - t) * 1000)
        show(label, times)
    times = []
    for _ in range(rounds):
        for q in QUERIES["one word"]:
            t = time.perf_counter()
            search(q, Filters(kind="synthetic", region="europe"))
            times.append((time.perf_counter() - t) * 1000)
    show("one word + two facets", times)


def synthetic_rows(count: int, start: int, seed: int = 7):  # type: ignore[no-untyped-def]
    rng = random.Random(seed)
    regions = ["europe", "americas", "asia_pacific", "africa_middle_east"]
    for n in range(start, start + count):
        language = ("en", "es", "fr")[n % 3]
        title = sentence(rng, language, 6)
        body = sentence(rng, language, 60)
        if n % 50 == 0:
            body += {"en": " beneficial ownership", "es": " gobierno abierto", "fr": " gouvernement ouvert"}[language]
        yield (n, title, body, language, regions[n % 4], 2011 + n % 14)


def pg_step(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench import seed
    from opengov.search import indexer

    call_command("migrate", verbosity=0)
    print(f"PostgreSQL, {args.commitments:,} commitments, up to {args.docs:,} documents")
    t = time.perf_counter()
    seed.ensure_skeleton()
    seed.seed_commitments(args.commitments, log=lambda m: None)
    print(f"  seeded commitments in {time.perf_counter() - t:.0f} s")
    t = time.perf_counter()
    written = indexer.rebuild()
    seconds = time.perf_counter() - t
    print(f"  full rebuild (real documents)      {written:,} docs in {seconds:.1f} s = {written / seconds:,.0f} docs/s")

    extra = max(0, args.docs - written)
    t = time.perf_counter()
    from django.utils import timezone

    now = timezone.now().isoformat()
    with connection.cursor() as cursor:
        copy_sql = (
            "COPY search_searchdocument (kind, object_id, title, body, language, url, member_name, region, year, boost,"
            " updated_at)"
            " FROM STDIN"
        )
        with cursor.cursor.copy(copy_sql) as copy:
            for n, title, body, language, region, year in synthetic_rows(extra, 1):
                copy.write_row(("synthetic", n, title, body, language, f"/synthetic/{n}/", "", region, year, 1.0, now))
        cursor.execute("ANALYZE search_searchdocument")
        cursor.execute("ANALYZE search_term")
        cursor.execute("ANALYZE search_documentarea")
    seconds = time.perf_counter() - t
    if extra:
        print(f"  synthetic documents (COPY)         {extra:,} in {seconds:.0f} s = {extra / seconds:,.0f} docs/s")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_searchdocument")
        print(f"  documents indexed: {cursor.fetchone()[0]:,}")
        for _ in range(2):  # warm the caches once, as a running site has them
            time_queries_silent()
    time_queries()

    from opengov.plans.models import Commitment

    ids = list(Commitment.objects.values_list("pk", flat=True)[:50])
    times = []
    for pk in ids:
        Commitment.objects.filter(pk=pk).update(title=f"Edited commitment {pk} on water audits")
        t = time.perf_counter()
        indexer.refresh("commitment", [pk])
        times.append((time.perf_counter() - t) * 1000)
    show("index one edited commitment", times)

    explorer_bench()
    digest_bench()


def time_queries_silent() -> None:
    from opengov.search.query import search

    for queries in QUERIES.values():
        for q in queries:
            search(q)


def explorer_bench() -> None:
    from django.test import RequestFactory

    from opengov.search.explorer import explorer_page

    rf = RequestFactory()
    cases = [{}, {"region": "europe"}, {"value": "civic_participation", "phase": "implementation"}]
    times = []
    for _ in range(5):
        for params in cases:
            request = rf.get("/commitments/", params)
            request.htmx = False  # type: ignore[attr-defined]
            from django.contrib.auth.models import AnonymousUser

            request.user = AnonymousUser()
            t = time.perf_counter()
            response = explorer_page(request)
            assert response.status_code == 200
            times.append((time.perf_counter() - t) * 1000)
    show("explorer page with facet counts", times)


def digest_bench() -> None:
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.core import mail
    from django.utils import timezone

    from opengov.accounts.models import User
    from opengov.following import mailer
    from opengov.following.models import Change, Follow
    from opengov.plans.models import Commitment

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    ct = ContentType.objects.get_for_model(Commitment)
    items = list(Commitment.objects.values_list("pk", flat=True)[:1000])
    before = timezone.now() - timezone.timedelta(days=2)
    users = User.objects.bulk_create(
        [User(email=f"follower{n}@bench.example.org", password="!") for n in range(10_000)], batch_size=2000
    )
    rng = random.Random(3)
    follows = [
        Follow(user=u, content_type=ct, object_id=pk, created_at=before) for u in users for pk in rng.sample(items, 5)
    ]
    Follow.objects.bulk_create(follows, batch_size=5000)
    Follow.objects.update(created_at=before)
    Change.objects.bulk_create(
        [
            Change(
                content_type=ct,
                object_id=pk,
                target_title=f"Commitment {pk}",
                target_url=f"/commitments/{pk}/",
                kind="progress_update",
                summary=f"Progress reported on {pk}",
                url=f"/commitments/{pk}/",
                key=f"bench:{pk}",
            )
            for pk in items
        ]
    )
    t = time.perf_counter()
    sent = mailer.send_digests("daily")
    seconds = time.perf_counter() - t
    print(f"  daily digest: {sent:,} e-mails ({len(follows):,} follows, 1,000 changed items) in {seconds:.1f} s")
    t = time.perf_counter()
    again = mailer.send_digests("daily")
    print(f"  second run (nothing new): {again} e-mails in {time.perf_counter() - t:.1f} s")


def sqlite_step(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from opengov.core import searchables as registry
    from opengov.core.searchables import Document, Searchable
    from opengov.search.indexer import _write

    call_command("migrate", verbosity=0)

    class Row:
        def __init__(self, n: int, title: str, body: str, language: str) -> None:
            self.pk, self.title, self.body, self.language = n, title, body, language

        def get_absolute_url(self) -> str:
            return f"/synthetic/{self.pk}/"

    synthetic = Searchable(
        kind="synthetic",
        label="Synthetic",
        model=Row,  # type: ignore[arg-type]
        public=lambda: None,  # type: ignore[arg-type, return-value]
        document=lambda r: Document(title=r.title, body=[r.body], language=r.language),
    )
    registry.register(synthetic)
    t = time.perf_counter()
    batch = []
    with transaction.atomic():
        for n, title, body, language, _region, _year in synthetic_rows(args.sqlite_docs, 1):
            batch.append(Row(n, title, body, language))
            if len(batch) == 2000:
                _write(synthetic, batch)
                batch = []
        _write(synthetic, batch)
        # The facets the two-facet query filters on, as in the PostgreSQL rows (synthetic_rows).
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE search_searchdocument SET year = 2011 + object_id % 14, region = CASE object_id % 4 "
                "WHEN 0 THEN 'europe' WHEN 1 THEN 'americas' WHEN 2 THEN 'asia_pacific' ELSE 'africa_middle_east' END"
            )
    print(f"SQLite, {args.sqlite_docs:,} documents (indexed in {time.perf_counter() - t:.0f} s)")
    time_queries_silent()
    time_queries()


def reset_pg() -> str:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{PG_NAME}"')
        conn.execute(f'CREATE DATABASE "{PG_NAME}"')
    return f"{PG_SERVER}/{PG_NAME}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=1_000_000)
    parser.add_argument("--commitments", type=int, default=100_000)
    parser.add_argument("--sqlite-docs", type=int, default=50_000)
    parser.add_argument("--step", choices=["pg", "sqlite"])
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-pg", action="store_true")
    args = parser.parse_args()
    if args.step == "pg":
        return pg_step(args)
    if args.step == "sqlite":
        return sqlite_step(args)
    passed = ["--docs", str(args.docs), "--commitments", str(args.commitments), "--sqlite-docs", str(args.sqlite_docs)]
    runs = []
    if not args.skip_pg:
        runs.append(("pg", reset_pg()))
    if not args.skip_sqlite:
        runs.append(("sqlite", f"sqlite:///{tempfile.mkdtemp()}/bench-search.sqlite3"))
    for kind, url in runs:
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "opengov.settings.dev"}
        subprocess.run([sys.executable, __file__, "--step", kind, *passed], env=env, check=True)


if __name__ == "__main__":
    main()
