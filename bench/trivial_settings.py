"""The product settings with the bench URLconf (bench/trivial.py): product URLs plus two trivial endpoints."""

from onedoor.settings import *  # noqa: F403

ROOT_URLCONF = "trivial"
