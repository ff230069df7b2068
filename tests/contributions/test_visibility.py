"""Nothing of a submission is public before an editor publishes it: pages, lists, search, API, feeds."""

import pytest

from django.urls import reverse

from krisenwissen.search.engine import reset_index
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db

SECRET = "Seniorinnen"  # a word only in the submission's title (searched for below)
#: Addresses that list content publicly; feeds and sitemaps are included when the app serves them.
LISTING_PATHS = [
    "/",
    "/praxisbeispiele/",
    "/praxisbeispiele/?q=Hitzetelefon",
    "/kommunen/",
    "/suche/?q=Hitzetelefon",
    "/suche/?q=Seniorinnen",
    "/api/v1/practices",
    "/api/v1/practices?q=Hitzetelefon",
    "/api/v1/search?q=Hitzetelefon",
    "/api/v1/search?q=Seniorinnen",
    "/feeds/praxisbeispiele/",
    "/feeds/praxisbeispiele/atom/",
    "/sitemap.xml",
    "/sitemap-praxisbeispiele.xml",
    "/sitemap-practices.xml",
    "/daten/",
    "/daten/praxisbeispiele.csv",
    "/daten/praxisbeispiele.json",
    "/daten/praxisbeispiele.jsonld",
    "/catalog.jsonld",
]


@pytest.fixture(autouse=True)
def fresh_search_index():
    reset_index()
    yield
    reset_index()


def assert_invisible(client, practice):
    for path in [*LISTING_PATHS, practice.municipality.get_absolute_url()]:
        response = client.get(path)
        if response.status_code == 404:
            continue  # not served (yet): nothing to leak
        assert response.status_code == 200, (path, response.status_code)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        body = body.decode()
        assert practice.title not in body, f"unpublished submission visible on {path}"
        assert practice.slug not in body, f"unpublished submission linked on {path}"
    assert client.get(reverse("practices:detail", kwargs={"slug": practice.slug})).status_code == 404
    assert client.get(f"/api/v1/practices/{practice.slug}").status_code == 404


def test_unpublished_submission_appears_nowhere_public(journey, client, koeln):
    control = PracticeFactory(title="Hitzetelefon im Nachbarort", municipality=koeln, themes=["vulnerable-gruppen"])
    submission = journey.submit_and_confirm()
    client.logout()
    # The control shows that the pages do list published practices.
    assert control.title in client.get("/praxisbeispiele/?q=Hitzetelefon").content.decode()
    assert_invisible(client, submission.practice)


def test_submission_stays_invisible_while_changes_are_requested_and_after_rejection(journey, client, editor):
    from wagtail.models import TaskState

    submission = journey.submit_and_confirm()
    practice = submission.practice
    state = practice.current_workflow_state.current_task_state
    state.specific.task.specific.on_action(state, editor, "reject", comment="Bitte mehr Zahlen.")
    assert_invisible(client, practice)
    journey.post("beschreibung", {**submission.data, "end_year": ""})
    journey.send()
    state = TaskState.objects.filter(status="in_progress").get()
    state.task.specific.on_action(state, editor, "decline", comment="Doch nicht.")
    assert_invisible(client, practice)


def test_published_submission_is_visible(journey, client, editor):
    submission = journey.submit_and_confirm()
    practice = submission.practice
    revision = practice.get_latest_revision()
    revision.publish(user=editor)
    practice.refresh_from_db()
    assert practice.live
    assert SECRET in client.get("/praxisbeispiele/").content.decode()
    assert client.get(practice.get_absolute_url()).status_code == 200
    api = client.get("/api/v1/practices").json()
    assert practice.title in [item["title"] for item in api["results"]]
    search = client.get("/api/v1/search", {"q": "Hitzetelefon Seniorinnen"}).json()
    assert practice.title in [item["title"] for item in search["results"]]
    feed = client.get("/feeds/praxisbeispiele/")
    if feed.status_code == 200:
        assert practice.title in feed.content.decode()
