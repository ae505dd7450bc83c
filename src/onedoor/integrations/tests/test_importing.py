"""Connectors configured by import: the same services as the admin, secrets only from the environment, every
problem listed at once and nothing written unless the whole file is right."""

import json

import pytest
from django.core.management import CommandError, call_command

from onedoor.districts.services import backend_system_register
from onedoor.integrations import secrets
from onedoor.integrations.models import Connector, Route


@pytest.fixture
def system(chancheng):
    return backend_system_register(
        department=chancheng.test_department, code="BDC-SYS", name="不动产登记系统"
    )


def _file(tmp_path, connectors, district="440604"):
    path = tmp_path / "connectors.json"
    path.write_text(
        json.dumps({"format": "onedoor-connectors/1", "district": district, "connectors": connectors})
    )
    return str(path)


def test_an_import_configures_connectors_and_routes_with_the_secret_from_the_environment(
    tmp_path, system, monkeypatch, capsys
):
    monkeypatch.setenv("ONEDOOR_SECRET_BDC", "secret-from-the-environment-1234")
    path = _file(
        tmp_path,
        [
            {
                "system": "BDC-SYS",
                "base_url": "https://bdc.example.gov.cn/onedoor/events",
                "max_concurrency": 2,
                "rate_per_minute": 120,
                "secret_env": "ONEDOOR_SECRET_BDC",
                "routes": [{"item": None, "decides": ["approve"]}],
            }
        ],
    )
    call_command("integrations", "import", path, "--district", "440604")
    connector = Connector.objects.get(system=system)
    assert secrets.unseal(connector.secret_encrypted) == "secret-from-the-environment-1234"
    assert (connector.max_concurrency, connector.rate_per_minute) == (2, 120)
    assert Route.objects.get(connector=connector).decides == ["approve"]
    out = capsys.readouterr().out
    assert "BDC-SYS: configured" in out and "secret-from-the-environment" not in out


def test_a_new_connector_without_a_secret_gets_one_shown_once(tmp_path, system, capsys):
    call_command(
        "integrations",
        "import",
        _file(tmp_path, [{"system": "BDC-SYS", "base_url": "http://127.0.0.1:9/e"}]),
        "--district",
        "440604",
    )
    out = capsys.readouterr().out
    generated = out.split("shown once): ", 1)[1].strip()
    assert secrets.unseal(Connector.objects.get().secret_encrypted) == generated


def test_every_problem_is_listed_and_nothing_is_written(tmp_path, system):
    path = _file(
        tmp_path,
        [
            {"system": "BDC-SYS", "base_url": "ftp://nowhere", "secret": "in-the-file"},
            {"system": "NO-SUCH", "base_url": "https://x.example/e", "routes": [{"item": "440604-XX-999"}]},
        ],
    )
    with pytest.raises(CommandError) as refused:
        call_command("integrations", "import", path, "--district", "440604")
    text = str(refused.value)
    assert "secret_env" in text and "NO-SUCH" in text and "440604-XX-999" in text and "http" in text
    assert not Connector.objects.exists() and not Route.objects.exists()
