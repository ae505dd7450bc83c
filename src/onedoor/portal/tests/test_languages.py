"""Pages and API answers speak Simplified Chinese by default, and English when the user asks for it."""

from pathlib import Path

import pytest
from django.urls import reverse

# A resident ID number whose check character should be X (the published vector ends in 2X).
BAD_CHECK_DIGIT = "110105194912310021"


def test_the_guide_search_page_is_in_chinese_by_default(client, chancheng):
    page = client.get(reverse("guide-search")).content.decode()
    assert '<html lang="zh-hans">' in page
    assert "办事指南" in page
    assert "您要办什么事？" in page
    assert "Service guides" not in page


def test_the_guide_search_page_is_in_english_with_the_language_cookie(client, chancheng):
    client.cookies["django_language"] = "en"
    page = client.get(reverse("guide-search")).content.decode()
    assert '<html lang="en">' in page
    assert "Service guides" in page
    assert "What do you need to do?" in page
    assert "办事指南" not in page


def test_the_language_switch_keeps_english_for_the_next_pages(client, chancheng):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("guide-search")})
    assert response.status_code == 302
    assert "Service guides" in client.get(reverse("guide-search")).content.decode()


def _validate(client, **headers):
    response = client.post(
        "/api/v1/identity/validate",
        {"number": BAD_CHECK_DIGIT},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is False
    assert body["error_code"] == "check_char"
    return body["error"]


@pytest.mark.django_db
def test_an_api_error_message_is_in_chinese_by_default(client):
    assert _validate(client) == "校验码错误：应为 X。"


@pytest.mark.django_db
def test_an_api_error_message_is_in_english_with_accept_language(client):
    assert _validate(client, HTTP_ACCEPT_LANGUAGE="en") == "The check digit is wrong: expected X."


@pytest.mark.django_db
def test_a_missing_api_token_is_explained_in_the_callers_language(client):
    chinese = client.get("/api/v1/people")
    english = client.get("/api/v1/people", HTTP_ACCEPT_LANGUAGE="en")
    assert chinese.status_code == english.status_code == 401
    assert chinese.json()["code"] == "not_authenticated"
    assert "API 令牌" in chinese.json()["message"]
    assert "API token" in english.json()["message"]


def test_a_missing_guide_says_so_in_the_chosen_language(client, chancheng):
    url = reverse("guide-item", args=[chancheng.code, "NO-SUCH-ITEM"])
    assert "页面不存在" in client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def _translations(entry: str) -> list[str]:
    """The msgstr values of one .po entry (one per plural form), continuation lines joined."""
    values, current = [], None
    for line in entry.splitlines():
        if line.startswith("msgstr"):
            current = [line.split(" ", 1)[1]]
            values.append(current)
        elif line.startswith('"') and current is not None:
            current.append(line)
        else:
            current = None
    return ["".join(part[1:-1] for part in value) for value in values]


def test_every_message_of_the_chinese_catalog_is_translated():
    """After makemessages, a new msgid left without its Chinese (or left fuzzy) fails here rather than in
    front of a citizen. See docs/i18n.md."""
    po = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    entries = po.read_text(encoding="utf-8").strip().split("\n\n")[1:]  # the first entry is the header
    assert len(entries) > 500
    fuzzy = [e for e in entries if "#, fuzzy" in e]
    untranslated = [e for e in entries if not all(_translations(e))]
    assert not fuzzy, fuzzy[:3]
    assert not untranslated, untranslated[:3]
