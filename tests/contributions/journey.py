"""Walks the public submission form with the Django test client, step by step."""

import re

from django.core import mail
from django.urls import reverse

from krisenwissen.contributions import challenge
from krisenwissen.contributions.models import Submission

PERSON = {
    "submitter_name": "Anna Beispiel",
    "submitter_role": "Sachgebietsleitung Bevölkerungsschutz",
    "submitter_department": "Amt für Feuerwehr und Katastrophenschutz",
    "submitter_email": "anna.beispiel@example.org",
    "consent_contact": "on",
}
DESCRIPTION = {
    "title": "Hitzetelefon für allein lebende Seniorinnen",
    "summary": "Ehrenamtliche rufen bei Hitzewarnungen ältere Menschen an, die allein leben.",
    "description": "Ausgangslage: Im Sommer 2022 starben mehrere ältere Menschen allein in ihren Wohnungen.",
    "lessons_learned": "Früh mit den Pflegediensten sprechen.",
    "language": "de",
    "start_year": "2022",
    "end_year": "",
}
CLASSIFICATION = {
    "themes": ["vulnerable-gruppen"],
    "crisis_types": ["hitze"],
    "phases": ["vorsorge"],
    "innovation_type": "soziale-innovation",
    "origin": "gezielt",
    "maturity": "etabliert",
    "target_groups": ["aeltere-menschen"],
    "levers": ["6"],
    "keywords": "Telefonkette, Nachbarschaftshilfe",
}


def solved_challenge() -> dict:
    _question, token = challenge.new_challenge()
    from django.core import signing

    answer = signing.loads(token, salt=challenge.SALT)["a"]
    return {"challenge_token": token, "challenge_answer": str(answer), "website": ""}


class SubmissionJourney:
    def __init__(self, client, place, on_commit=None):
        self.client = client
        self.place = place
        self.on_commit = on_commit  # pytest-django's django_capture_on_commit_callbacks
        self.submission = None

    def start(self, remote_addr=None, **overrides):
        data = {**PERSON, **solved_challenge(), **overrides}
        extra = {"REMOTE_ADDR": remote_addr} if remote_addr else {}
        response = self.client.post(reverse("contributions:start"), data, **extra)
        if response.status_code == 302:
            self.submission = Submission.objects.latest("pk")
        return response

    def url(self, step):
        return reverse("contributions:step", kwargs={"token": self.submission.token, "step": step})

    def post(self, step, data, **extra):
        return self.client.post(self.url(step), data, **extra)

    def fill_all(self):
        assert self.start().status_code == 302
        assert self.post("kommune", {"place_query": "Köln", "municipality_label": ""}).status_code == 302
        assert self.post("beschreibung", DESCRIPTION).status_code == 302
        assert self.post("einordnung", CLASSIFICATION).status_code == 302
        self.submission.refresh_from_db()
        return self.submission

    def send(self):
        url = reverse("contributions:review", kwargs={"token": self.submission.token})
        if self.on_commit is None:
            return self.client.post(url)
        with self.on_commit(execute=True):
            return self.client.post(url)

    def confirm_link(self) -> str:
        message = [m for m in mail.outbox if m.to == [PERSON["submitter_email"]] and "bestätigen" in m.subject][-1]
        return re.search(r"https?://\S+/bestaetigen/\S+/", message.body).group()

    def confirm(self):
        path = re.sub(r"^https?://[^/]+", "", self.confirm_link())
        if self.on_commit is None:
            return self.client.post(path)
        with self.on_commit(execute=True):
            return self.client.post(path)

    def submit_and_confirm(self):
        self.fill_all()
        assert self.send().status_code == 302
        assert self.confirm().status_code == 302
        self.submission.refresh_from_db()
        return self.submission
