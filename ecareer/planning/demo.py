"""The demo account's content: the three starter scenarios, the first one shared by a link."""

from ecareer.planning.convert import create_scenario
from ecareer.starters import STARTERS, load_starter


def fill_demo_account(user) -> None:
    """Give `user` one scenario per starter template and a share link to the first."""
    from ecareer.sharing.models import ShareLink

    scenarios = [create_scenario(user, load_starter(starter.slug)) for starter in STARTERS]
    ShareLink.objects.create(scenario=scenarios[0], label="Demo link for an adviser")
