"""The load test's users (locust): a realistic mix of OGP traffic, almost all of it anonymous reading.

Run by ``bench/cluster.py`` (which seeds the data and writes ``bench/results/load-fixture.json``); by hand:

    .venv/bin/locust -f bench/locustfile.py --headless -u 100 -r 20 -t 5m --host http://127.0.0.1:8100

Every write the server acknowledges (201) is appended to ``bench/results/acknowledged.jsonl`` as (kind, id), so
that the cluster script can check afterwards that each one is in the database.
"""

from __future__ import annotations

import json
import os
import random
import threading
from pathlib import Path

from locust import HttpUser, between, task

RESULTS = Path(__file__).resolve().parent / "results"
FIXTURE = json.loads((RESULTS / "load-fixture.json").read_text())
_ack_lock = threading.Lock()
_ack_file = open(RESULTS / "acknowledged.jsonl", "a", encoding="utf-8")  # noqa: SIM115 — held for the whole run

SEARCHES = ["open data", "beneficial ownership", "gender", "budget transparency", "Albnia", "contracting"]


def acknowledge(kind: str, ident: object) -> None:
    with _ack_lock:
        _ack_file.write(json.dumps({"kind": kind, "id": ident, "pid": os.getpid()}) + "\n")
        _ack_file.flush()


class Reader(HttpUser):
    """Anonymous reading: home, directory, member, plan and commitment pages, the API list, searches."""

    weight = 80
    wait_time = between(0.2, 1.0)

    @task(4)
    def home(self) -> None:
        self.client.get("/", name="read: /")

    @task(3)
    def members(self) -> None:
        self.client.get("/members/", name="read: /members/")

    @task(4)
    def member(self) -> None:
        self.client.get(f"/members/{random.choice(FIXTURE['members'])}/", name="read: member")

    @task(6)
    def commitment(self) -> None:
        self.client.get(f"/commitments/{random.choice(FIXTURE['commitments'])}/", name="read: commitment")

    @task(2)
    def api_list(self) -> None:
        self.client.get("/api/v1/commitments/", name="read: api commitments")

    @task(2)
    def search(self) -> None:
        self.client.get(FIXTURE["search_url"], params={"q": random.choice(SEARCHES)}, name="search")


class SignedIn(HttpUser):
    """Signed-in readers who also write: progress updates (editors), contributions and supports (citizens)."""

    weight = 20
    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        self.account = random.choice(FIXTURE["writers"])
        self.headers = {"Authorization": f"Token {self.account['token']}"}

    @task(5)
    def read_dashboard(self) -> None:
        self.client.get(f"/commitments/{random.choice(FIXTURE['commitments'])}/", name="signed-in read: commitment")

    @task(2)
    def progress_update(self) -> None:
        body = {"commitment": self.account["commitment"], "completion": "limited", "text": "Load-test progress."}
        with self.client.post(
            "/api/v1/progress-updates/",
            json=body,
            headers=self.headers,
            name="write: progress update",
            catch_response=True,
        ) as response:
            if response.status_code == 201:
                acknowledge("progress_update", response.json()["id"])
                response.success()
            else:
                response.failure(f"{response.status_code}: {response.text[:200]}")

    @task(2)
    def contribution(self) -> None:
        body = {
            "consultation": FIXTURE["consultation"],
            "kind": "proposal",
            "title": "Load-test proposal",
            "body": "A proposal sent by the load test.",
        }
        with self.client.post(
            "/api/v1/contributions/",
            json=body,
            headers=self.headers,
            name="write: contribution",
            catch_response=True,
        ) as response:
            if response.status_code == 201:
                acknowledge("contribution", response.json()["id"])
                response.success()
            elif response.status_code == 429:
                response.success()  # the per-user rate limit did its job; nothing was acknowledged
            else:
                response.failure(f"{response.status_code}: {response.text[:200]}")

    @task(1)
    def support(self) -> None:
        contribution = random.choice(FIXTURE["contributions"])
        with self.client.post(
            f"/api/v1/contributions/{contribution}/support/",
            headers=self.headers,
            name="write: support",
            catch_response=True,
        ) as response:
            if response.status_code == 200:
                if response.json().get("counted"):
                    acknowledge("support", [contribution, self.account["user"]])
                response.success()
            elif response.status_code == 429:
                response.success()
            else:
                response.failure(f"{response.status_code}: {response.text[:200]}")
