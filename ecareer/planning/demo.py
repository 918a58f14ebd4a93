"""The demo account's content: the three starter scenarios."""

from ecareer.planning.convert import create_scenario
from ecareer.starters import STARTERS, load_starter


def fill_demo_account(user) -> None:
    """Give `user` one scenario per starter template."""
    for starter in STARTERS:
        create_scenario(user, load_starter(starter.slug))
