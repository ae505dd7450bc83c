"""The stand-in provincial identity provider (`python -m onedoor.idp`) as a pytest fixture, started as its own
process with its own database, and a citizen's browser steps through its login form. Shared by every test that
needs a logged-in citizen: the login is always the real authorization-code flow with PKCE."""

import os
import re
import socket
import subprocess
import sys
import time

import pytest
import requests

from onedoor.people import idnumbers

SECRET = "the-citizen-login-client-secret"


def _number(body17: str) -> str:
    return body17 + idnumbers.resident_check_char(body17)


KNOWN, NEWCOMER = _number("44060419700303123"), _number("44060419950707123")
FIRM = "91350100M000100Y43"  # the enterprise KNOWN may act for, as its legal representative


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def idp(live_server, tmp_path_factory):
    """The provider on a free port, with OneDoor's live server registered as its client and two accounts."""
    home = tmp_path_factory.mktemp("idp")
    port = _free_port()
    env = {
        **os.environ,
        "IDP_DATABASE_URL": f"sqlite:///{home / 'idp.sqlite3'}",
        "IDP_KEY_FILE": str(home / "rsa.pem"),
    }
    idp_cmd = [sys.executable, "-m", "onedoor.idp"]
    subprocess.run([*idp_cmd, "migrate", "-v0"], env=env, check=True)
    subprocess.run(
        [
            *idp_cmd,
            "idp_seed",
            "--client-id",
            "onedoor",
            "--client-secret",
            SECRET,
            "--redirect-uri",
            f"{live_server.url}/citizen/callback/",
            "--account",
            f"{KNOWN}:欧阳秀英:4",
            "--account",
            f"{NEWCOMER}:新市民:2",
            "--agent",
            f"{KNOWN}:{FIRM}:legal_rep",
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    server = subprocess.Popen(
        [*idp_cmd, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    issuer = f"http://127.0.0.1:{port}/o"
    for _ in range(100):
        try:
            if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=2).ok:
                break
        except requests.ConnectionError:
            time.sleep(0.1)
    yield issuer
    server.terminate()
    server.wait(10)


@pytest.fixture
def oidc(settings, idp):
    settings.ONEDOOR_OIDC_ISSUER = idp
    settings.ONEDOOR_OIDC_CLIENT_ID = "onedoor"
    settings.ONEDOOR_OIDC_CLIENT_SECRET = SECRET
    return idp


def log_in(
    live_server, number: str, password: str = "onedoor-demo"
) -> tuple[requests.Session, requests.Response]:
    """A browser's steps: My cases → the provider's login page → its form → back to OneDoor."""
    browser = requests.Session()
    page = browser.get(f"{live_server.url}/citizen/cases/")
    assert "/accounts/login/" in page.url  # at the provider, with the authorization request in `next`
    assert "code_challenge_method%3DS256" in page.url  # PKCE
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    next_url = re.search(r'name="next" value="([^"]*)"', page.text).group(1).replace("&amp;", "&")
    answer = browser.post(
        page.url.split("?")[0],
        data={"csrfmiddlewaretoken": csrf, "username": number, "password": password, "next": next_url},
    )
    return browser, answer
