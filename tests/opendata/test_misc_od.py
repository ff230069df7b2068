"""The English address of /daten/, HEAD on downloads, and the export_openapi check mode."""

import pytest

from django.core.management import call_command


def test_english_open_data_page(client, corpus):
    response = client.get("/en/daten/")
    assert response.status_code == 200
    assert 'href="/en/daten/praxisbeispiele.csv"' in response.content.decode()


def test_head_on_a_download_sends_no_body(client, corpus):
    response = client.head("/daten/praxisbeispiele.csv")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"


def test_export_openapi_check_mode_passes_on_the_committed_file(db, capsys):
    call_command("export_openapi", check=True)
    assert "aktuell" in capsys.readouterr().out


def test_export_openapi_check_mode_fails_on_a_stale_file(db, tmp_path, monkeypatch):
    import krisenwissen.api.management.commands.export_openapi as command

    stale = tmp_path / "openapi.json"
    stale.write_text("{}", encoding="utf-8")
    monkeypatch.setattr(command, "SCHEMA_FILE", stale)
    with pytest.raises(SystemExit):
        call_command("export_openapi", check=True)
