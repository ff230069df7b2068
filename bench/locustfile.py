"""Anonymous visitors of a public crisis-knowledge platform, for ``bench/load_test.py``.

The mix follows what a press article causes: most people land on the home page or a linked list,
open a few practices, some search, some use the API. ``SCENARIO`` (environment) selects:

- ``cached``   — the pages everybody opens (page cache warm after the first visit),
- ``uncached`` — list pages with varying facet combinations and searches with varying words, against
  a server whose page cache is off (every request rendered: the worst case for the application),
- ``private``  — a workspace member opening the Reflexionsraum login page during the public rush
  (measured beside one of the others to show that it stays usable).
A static file is requested in every scenario as the baseline measured in the same run.
"""

import os
import random

from locust import FastHttpUser, between, task

SCENARIO = os.environ.get("SCENARIO", "cached")
STATIC_URL = os.environ.get("STATIC_URL", "/static/css/krisenwissen.css")
DETAIL_PATHS = [p for p in os.environ.get("DETAIL_PATHS", "").split(",") if p]
THEMES = ["krisenmanagement", "krisenkommunikation", "vulnerable-gruppen"]
CRISES = ["pandemie", "hochwasser", "hitze", "stromausfall", "energiemangellage"]
LANDS = ["Nordrhein-Westfalen", "Bayern", "Berlin", "Sachsen", "Hessen", "Niedersachsen"]
WORDS = [
    "Hitzeschutz Senioren",
    "mehrsprachige Corona-Infos",
    "Krisenstab Kommunikation",
    "Wohnungslose Kältehilfe",
    "Hochwasser Warnung",
    "Nachbarschaftshilfe",
    "Impfzentrum",
    "Stromausfall Notfalltreffpunkt",
    "Desinformation",
    "ältere Menschen Einsamkeit",
]


class Visitor(FastHttpUser):
    wait_time = between(0.5, 2.0)

    @task(1)
    def static_file(self):
        self.client.get(STATIC_URL, name="static file (baseline)")

    @task(4)
    def home(self):
        if SCENARIO == "cached":
            self.client.get("/", name="home")

    @task(6)
    def practice_list(self):
        if SCENARIO == "cached":
            self.client.get("/praxisbeispiele/?themes=krisenkommunikation", name="list with facet")
        elif SCENARIO == "uncached":
            params = f"themes={random.choice(THEMES)}&crisis_types={random.choice(CRISES)}&state={random.choice(LANDS)}"
            self.client.get(f"/praxisbeispiele/?{params}", name="list with 3 facets (uncached)")

    @task(5)
    def detail(self):
        if SCENARIO == "cached" and DETAIL_PATHS:
            self.client.get(random.choice(DETAIL_PATHS[:10]), name="practice detail")

    @task(4)
    def search(self):
        if SCENARIO == "cached":
            self.client.get("/suche/?q=Hitzeschutz+Senioren", name="search")
        elif SCENARIO == "uncached":
            words = random.choice(WORDS)
            self.client.get(f"/suche/?q={words}", name="search (uncached)")

    @task(2)
    def api(self):
        if SCENARIO == "cached":
            self.client.get("/api/v1/practices?themes=krisenkommunikation&limit=20", name="API list")
        elif SCENARIO == "uncached":
            self.client.get(
                f"/api/v1/practices?crisis_types={random.choice(CRISES)}&limit=20&offset={random.randint(0, 5)}",
                name="API list",
            )


class WorkspaceMember(FastHttpUser):
    """One person signing in to the Reflexionsraum while the public rush goes on."""

    fixed_count = 1
    wait_time = between(1, 2)

    @task
    def login_page(self):
        self.client.get("/konto/anmelden/", name="Reflexionsraum login (private)")
