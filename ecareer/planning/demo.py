"""The demo account's content: the three starter scenarios, the first one shared by a link, the
online shop once more as the starter file has it, with Germany's taxes and VAT, and one of the
seed's people with Germany's taxes: the parent at home, insured through the spouse, whose
family insurance ends in the plan (the warning ahead of it shows)."""

from ecareer.planning.convert import create_scenario
from ecareer.projection import scenario_file
from ecareer.starters import STARTERS, load_starter, starter_text

GERMAN_SHOP = "Online shop from home (German taxes)"
PERSON = "spouse_online"


def fill_demo_account(user) -> None:
    """Give `user` one scenario per starter template, the German shop, the parent at home and a
    share link."""
    from ecareer.sharing.models import ShareLink

    scenarios = [create_scenario(user, load_starter(starter.slug)) for starter in STARTERS]
    create_scenario(user, scenario_file.loads(starter_text("online_shop")), name=GERMAN_SHOP)
    create_scenario(user, scenario_file.loads(starter_text(PERSON)))
    ShareLink.objects.create(scenario=scenarios[0], label="Demo link for an adviser")
