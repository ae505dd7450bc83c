"""`onedoor catalog export|import|lint` calls the same functions as the staff page."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from onedoor.catalog.importexport import catalog_export_json, dump_json
from onedoor.catalog.models import Item
from onedoor.catalog.tests import factories as f


def test_export_then_import_into_another_district_through_the_command(
    chancheng, hetang, adam, tmp_path, capsys
):
    (tmp_path / "in.json").write_bytes(dump_json(f.catalog("440604", f.item())))
    call_command("catalog", "import", str(tmp_path / "in.json"), district="440604")
    assert "created 1" in capsys.readouterr().out
    call_command("catalog", "export", str(tmp_path / "out.xlsx"), district="440604")
    call_command("catalog", "import", str(tmp_path / "out.xlsx"), district="440699")
    assert catalog_export_json(hetang)["items"] == catalog_export_json(chancheng)["items"]


def test_lint_of_a_bad_file_prints_every_problem_and_changes_nothing(chancheng, tmp_path, capsys):
    bad = f.item(handling_place="", materials=[f.material("M01", "其他材料")])
    (tmp_path / "bad.json").write_bytes(dump_json(f.catalog("440604", bad)))
    with pytest.raises(CommandError, match="2 problems"):
        call_command("catalog", "lint", str(tmp_path / "bad.json"), district="440604")
    err = capsys.readouterr().err
    assert "items!1 handling_place" in err and "materials[0].name" in err
    assert not Item.objects.exists()


def test_lint_of_the_district_reports_drafts_with_problems(chancheng, adam, capsys):
    from onedoor.catalog import services

    services.item_create(district=chancheng, data=f.item(contact_phone=""), actor=adam)
    with pytest.raises(CommandError, match="1 problems"):
        call_command("catalog", "lint", district="440604")
    assert "BDC-001 v1 contact_phone" in capsys.readouterr().err


def test_export_to_stdout_is_the_json_format(chancheng, capsys):
    call_command("catalog", "export", "-", district="440604")
    assert json.loads(capsys.readouterr().out) == {
        "format": "onedoor-catalog/1",
        "district": "440604",
        "items": [],
    }


def test_an_unknown_district_is_an_error(db):
    with pytest.raises(CommandError):
        call_command("catalog", "export", "-", district="999999")
