"""Demo content: the renewal rules of the demo programs (site setup's defaults)."""

from .site_setup import setup_site


def seed_demo(*, log=print) -> None:
    setup_site(log=log)
