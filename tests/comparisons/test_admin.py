import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from krisenwissen.comparisons.models import CrisisStaffArrangement

pytestmark = pytest.mark.django_db


def test_editor_adds_a_record_and_the_land_is_unique(client):
    user = get_user_model().objects.create_user("redakteurin", "r@example.org", "geheim-passwort-123")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    url = reverse("wagtailsnippets_comparisons_crisisstaffarrangement:add")
    data = {
        "land": "Bayern",
        "title": "Krisenstäbe in Bayern",
        "summary": "",
        "legal_basis": "Gesetz",
        "staff_model": "Führungsgruppe Katastrophenschutz",
        "convened_by": "Landratsamt",
        "departments": "alle",
        "exit_rules": "Aufhebung des Katastrophenfalls",
        "further_reading": "",
        "last_checked": "",
        "slug": "",
        "action-publish": "publish",
    }
    assert client.post(url, data).status_code == 302
    assert CrisisStaffArrangement.objects.get().live
    again = client.post(url, {**data, "title": "Noch einmal Bayern"})
    assert again.status_code == 200
    assert not CrisisStaffArrangement.objects.filter(title="Noch einmal Bayern").exists()
