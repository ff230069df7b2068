"""Submission half of ``bench/fault_test.py``: kill -9 the web server while submitters confirm
their practice submissions (the step that turns a submission into a draft practice for editors).

Per round: a Django shell creates complete submissions waiting for confirmation (as the form leaves
them) and prints their confirmation links; gunicorn starts; client threads open each link (CSRF
cookie and token from the page, as a browser does) and post the confirmation; at a random moment
the whole server process group gets SIGKILL. Then the database is checked:

- every confirmation the client got an answer for (302 to the status page) is there: the
  submission is in review and its draft practice holds the submitted title, summary and themes;
- every other submission is either untouched (waiting for confirmation, no practice) or complete —
  never a practice without its data or a submission pointing to a missing practice;
- ``PRAGMA integrity_check`` is ``ok``.
"""

import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PER_ROUND = 12

CREATE = """
import json
from django.utils import timezone
from krisenwissen.contributions import services
from krisenwissen.contributions.models import Submission
from krisenwissen.places.models import Place
place = Place.objects.filter(level="gemeinde").order_by("pk").first()
out = []
for i in range({count}):
    title = f"Fault {round} {{i}} Hitzetelefon"
    s = Submission.objects.create(
        submitter_name="Anna Beispiel", submitter_role="Sachgebietsleitung", submitter_department="Ordnungsamt",
        submitter_email="anna@example.org", consent_contact=True, place=place, status="awaiting_confirmation",
        sent_at=timezone.now(),
        data={{"title": title, "summary": "Ehrenamtliche rufen bei Hitze an.",
              "description": "Ausgangslage und Wirkung.",
              "lessons_learned": "", "language": "de", "start_year": 2022, "end_year": None,
              "themes": ["vulnerable-gruppen"], "crisis_types": ["hitze"], "phases": ["vorsorge"],
              "innovation_type": "soziale-innovation", "origin": "gezielt", "maturity": "etabliert",
              "target_groups": ["aeltere-menschen"], "levers": ["6"], "keywords": "Telefonkette"}},
        completed_steps=["person", "kommune", "beschreibung", "einordnung", "dateien"])
    path = services.confirm_url(s).split("://", 1)[1].split("/", 1)[1]
    out.append({{"token": s.token, "title": title, "path": path}})
print(json.dumps(out))
"""

CHECK = """
import json
from krisenwissen.contributions.models import Submission
rows = []
for s in Submission.objects.filter(token__in={tokens!r}).select_related("practice"):
    p = s.practice
    rows.append({{"token": s.token, "status": s.status, "practice": bool(p),
                 "title_ok": bool(p) and p.title == s.data["title"] and bool(p.summary),
                 "themes": p.themes.count() if p else 0}})
print(json.dumps(rows))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env: dict, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "krisenwissen.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--worker-class",
            "gthread",
            "--threads",
            "2",
        ],
        env={**env, "LOAD_SHED_MAX_IN_FLIGHT": "0"},
        cwd=BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health/live", timeout=2).read()
            return process
        except OSError:
            time.sleep(0.3)
    raise SystemExit("server did not start")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def confirm(port: int, path: str) -> bool:
    """Open the confirmation page and post it like a browser; True when the server acknowledged.

    Cookies are carried by hand: the production settings mark them ``Secure`` (``__Host-`` prefix),
    which a cookie jar would not send back over the plain HTTP of this local test.
    """
    url = f"http://127.0.0.1:{port}/{path}"
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=20) as response:
            page = response.read().decode()
            cookies = [header.split(";", 1)[0] for header in response.headers.get_all("Set-Cookie") or []]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(
            url, data=data, headers={"Referer": url, "Cookie": "; ".join(cookies), "Origin": f"http://127.0.0.1:{port}"}
        )
        opener.open(request, timeout=20)
    except urllib.error.HTTPError as exc:
        return exc.code == 302
    except (OSError, AttributeError):
        return False
    return False


def submission_scenario(rounds: int, env_factory, integrity, django_shell) -> tuple[str, bool]:
    rows = []
    all_ok = True
    for number in range(1, rounds + 1):
        created = json.loads(django_shell(CREATE.format(count=PER_ROUND, round=number)).splitlines()[-1])
        env = env_factory()
        port = free_port()
        server = start_server(env, port)
        acknowledged: set[str] = set()
        lock = threading.Lock()

        def worker(items, port=port, lock=lock, acknowledged=acknowledged):
            for item in items:
                if confirm(port, item["path"]):
                    with lock:
                        acknowledged.add(item["token"])

        threads = [threading.Thread(target=worker, args=(created[i::4],)) for i in range(4)]
        for thread in threads:
            thread.start()
        kill_after = random.uniform(1.0, 8.0)
        time.sleep(kill_after)
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
        for thread in threads:
            thread.join()
        tokens = [item["token"] for item in created]
        state = json.loads(django_shell(CHECK.format(tokens=tokens)).splitlines()[-1])
        by_token = {row["token"]: row for row in state}
        lost = [t for t in acknowledged if not (by_token[t]["practice"] and by_token[t]["title_ok"])]
        partial = [
            row["token"]
            for row in state
            if not (
                (row["status"] == "awaiting_confirmation" and not row["practice"])
                or (row["status"] == "in_review" and row["practice"] and row["title_ok"] and row["themes"] >= 1)
            )
        ]
        check = integrity()
        done = sum(1 for row in state if row["practice"])
        ok = not lost and not partial and check == "ok"
        all_ok &= ok
        rows.append((number, kill_after, len(acknowledged), done, len(lost), len(partial), check, ok))
        print(f"submission round {number}: {rows[-1]}", flush=True)
    lines = [
        f"### Web server killed while submitters confirm ({PER_ROUND} submissions per round, 4 clients)",
        "",
        "| round | killed after s | acknowledged | in review after restart | acknowledged but lost | "
        "half-written | integrity | verdict |",
        "|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for number, kill_after, acked, done, lost, partial, check, ok in rows:
        lines.append(
            f"| {number} | {kill_after:.1f} | {acked} | {done} | {lost} | {partial} | {check} | "
            f"{'ok' if ok else 'FAILED'} |"
        )
    return "\n".join(lines) + "\n", all_ok
