"""The stand-in identity provider and a logged-in citizen (see citizens/tests/fixtures.py)."""

from onedoor.citizens.tests.fixtures import idp, oidc  # noqa: F401 (fixtures used by the tests here)
