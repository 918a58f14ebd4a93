"""The guided hints of the scenario page: one short tip per part, until the user dismisses it."""

from django.utils.translation import gettext_lazy as _

# In page order; the key is stored in Profile.dismissed_hints once the user hides the tip.
HINTS: dict[str, str] = {
    "settings": _(
        "Start with the settings at the top of the page (“Edit settings”): when your business "
        "begins, how many months to plan, what you have saved and what you need to live on "
        "each month."
    ),
    "dashboard": _(
        "The key figures and charts follow every change you make. Try the what-if sliders: "
        "nothing is saved until you choose “Save in the scenario”."
    ),
    "costs": _(
        "List what your home office costs, once (desk, computer) and regularly (room share, "
        "internet, software). The business share is the part you use for work."
    ),
    "incomes": _(
        "Add what you expect to earn. Income paid for work done is lost on sick days and in "
        "dry spells of orders; a ramp-up spreads a slow start over a few months."
    ),
    "reserve_risks": _(
        "Your safety cushion: how many months of outgoings you want to keep, and by when. "
        "The risks say how often you may be ill and how likely orders dry up."
    ),
    "share": _(
        "Send your plan to an adviser or a bank as a read-only link; you can revoke it at any time."
    ),
}
ALL = "all"
