"""Behaviour of the search service on a few practices built in code (SQLite and PostgreSQL)."""

import pytest

from wagtail.signals import unpublished

from krisenwissen.search.models import SearchDocument, SynonymGroup
from krisenwissen.search.service import autocomplete, search
from tests.factories import PracticeFactory


def titles(q, **kwargs):
    from krisenwissen.search.service import search_page

    return [item.title for item in search_page(q, limit=50, **kwargs).items]


@pytest.fixture
def corpus(searchdb):
    return {
        "stab": PracticeFactory(
            title="Krisenstab tagt digital",
            summary="Der Krisenstab der Stadt traf sich während der Pandemie per Video.",
            description="Die Sitzungen des Krisenstabs fanden online statt; Lagebilder wurden geteilt.",
        ),
        "hitze": PracticeFactory(
            title="Hitzeaktionsplan für die Innenstadt",
            summary="Ein Hitzeaktionsplan schützt ältere Menschen an heißen Tagen.",
            description="Trinkbrunnen, kühle Räume und ein Hitzetelefon gehören zum Hitzeaktionsplan.",
        ),
        "schutz": PracticeFactory(
            title="Aktionsplan gegen Hitze im Landkreis",
            summary="Schutz vor Hitze für Pflegeheime und Kitas.",
            description="Der Landkreis hat einen Aktionsplan gegen Hitze beschlossen.",
        ),
        "obdach": PracticeFactory(
            title="Hotelzimmer für Obdachlose",
            summary="Obdachlose wurden in der Pandemie in Hotels untergebracht.",
            description="Die Stadt mietete Hotelzimmer an, damit Obdachlose Abstand halten konnten.",
        ),
        "komm": PracticeFactory(
            title="Krisenkommunikation in leichter Sprache",
            summary="Warnungen und Hinweise in leichter Sprache für alle.",
            description="Die Krisenkommunikation der Stadt nutzte leichte Sprache und Piktogramme.",
        ),
        "flood": PracticeFactory(
            language="en",
            title="Flood warnings by text message",
            summary="Residents received flood warnings by SMS before the river burst its banks.",
            description="The district sent text messages to every registered phone in the flood zone.",
        ),
    }


def test_inflected_plural_finds_singular(corpus):
    assert "Krisenstab tagt digital" in titles("Krisenstäbe")


def test_compound_finds_split_phrase_and_back(corpus):
    assert "Aktionsplan gegen Hitze im Landkreis" in titles("Hitzeaktionsplan")
    assert "Hitzeaktionsplan für die Innenstadt" in titles("Aktionsplan gegen Hitze")


def test_umlaut_transliteration_in_query(corpus):
    assert "Hitzeaktionsplan für die Innenstadt" in titles("aeltere Menschen")


def test_seeded_synonym_expands_query(corpus):
    assert titles("Wohnungslose")[0] == "Hotelzimmer für Obdachlose"


def test_synonym_added_by_editor_takes_effect(corpus):
    assert "Krisenkommunikation in leichter Sprache" not in titles("Bürgerinformation")
    group = SynonymGroup(variants="Bürgerinformation\nKrisenkommunikation")
    group.full_clean()
    group.save()
    assert titles("Bürgerinformation")[0] == "Krisenkommunikation in leichter Sprache"


def test_synonym_group_needs_two_variants():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        SynonymGroup(variants="nur einer").full_clean()


def test_typo_is_corrected_with_suggestion(corpus):
    response = search("Krisenkomunikation")
    assert response.suggestion == "Krisenkommunikation"
    assert response.hits
    assert titles("Krisenkomunikation")[0] == "Krisenkommunikation in leichter Sprache"


def test_correct_query_has_no_suggestion(corpus):
    assert search("Krisenkommunikation").suggestion is None


def test_phrase_requires_consecutive_words(corpus):
    found = titles('"Schutz vor Hitze"')
    assert found == ["Aktionsplan gegen Hitze im Landkreis"]


def test_minus_excludes_documents(corpus):
    assert "Hotelzimmer für Obdachlose" in titles("Pandemie")
    assert "Hotelzimmer für Obdachlose" not in titles("Pandemie -Hotel")
    assert "Krisenstab tagt digital" in titles("Pandemie -Hotel")


def test_english_text_gets_english_analysis(corpus):
    assert titles("warning floods")[0] == "Flood warnings by text message"


def test_german_query_finds_english_content(corpus):
    assert "Flood warnings by text message" in titles("Hochwasser Warnung per SMS")[:2]


def test_snippet_highlights_and_escapes_html(searchdb):
    PracticeFactory(
        title="Sirenen <script>alert(1)</script>",
        summary="Neue Sirenen & Lautsprecher <b>überall</b>.",
        description="Text.",
    )
    from krisenwissen.search.service import search_page

    item = search_page("Sirenen").items[0]
    assert "<mark>Sirenen</mark>" in item.snippet
    assert "&lt;b&gt;" in item.snippet and "<b>" not in item.snippet
    assert "&amp;" in item.snippet
    assert "<script>" not in item.title_html


@pytest.mark.parametrize(
    "q",
    ["", "   ", "!!!", '"', "*", "NEAR", "AND", "-", "(", "x\x00y", "Hitze 热浪 жара ☃", "a" * 10_000, '"""---((('],
)
def test_bad_input_never_fails(corpus, client, q):
    assert client.get("/suche/", {"q": q}).status_code == 200
    response = client.get("/api/v1/search", {"q": q})
    if "\x00" in q:
        # The API rejects NUL characters in any parameter with a clear 422 (api/conventions.py).
        assert response.status_code == 422
        assert response.json()["detail"][0]["type"] == "invalid_character"
        return
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


def test_long_query_is_truncated_with_notice(corpus, client):
    response = client.get("/suche/", {"q": "Hitze " * 2000})
    assert response.status_code == 200
    assert "gekürzt" in response.content.decode()


def test_index_follows_edit_and_delete(corpus):
    practice = corpus["stab"]
    practice.title = "Lagezentrum im Rathaus"
    practice.save()
    assert "Lagezentrum im Rathaus" in titles("Lagezentrum")
    assert "Krisenstab tagt digital" not in titles("digital")
    practice.delete()
    assert titles("Lagezentrum") == []
    assert not SearchDocument.objects.filter(title="Lagezentrum im Rathaus").exists()


def test_unpublished_never_appears(corpus):
    draft = PracticeFactory(title="Geheimer Entwurf zur Deichsicherung", live=False)
    assert "Geheimer Entwurf zur Deichsicherung" not in titles("Deichsicherung")
    draft.live = True
    draft.save()
    assert titles("Deichsicherung") == ["Geheimer Entwurf zur Deichsicherung"]
    draft.live = False
    draft.save()
    unpublished.send(sender=type(draft), instance=draft)
    assert titles("Deichsicherung") == []


def test_publish_signal_indexes(searchdb):
    from wagtail.signals import published

    practice = PracticeFactory(title="Notbrunnen kartiert", live=False)
    assert titles("Notbrunnen") == []
    type(practice).objects.filter(pk=practice.pk).update(live=True)
    practice.live = True
    published.send(sender=type(practice), instance=practice, revision=None)
    assert titles("Notbrunnen") == ["Notbrunnen kartiert"]


def test_autocomplete_completes_last_word(corpus):
    suggestions = autocomplete("Hitzeakt")
    assert suggestions and suggestions[0].lower() == "hitzeaktionsplan"
    assert autocomplete("") == []


def test_rebuild_command_restores_index(corpus):
    from django.core.management import call_command

    SearchDocument.objects.all().delete()
    call_command("rebuild_search_index", "--no-progress")
    assert "Krisenstab tagt digital" in titles("Krisenstab")
    assert SearchDocument.objects.count() == 6
