"""The seed's people (issue 23; PEOPLE in ecareer.starters): their German names, notes and item
names, and their notes under one flat rate (English and German). Each note states what the
starter assumes of the founder's situation."""

PEOPLE_NAMES_DE: dict[str, str] = {
    "Shop beside a 20-hour job": "Shop neben einer Anstellung mit 20 Stunden",
    (
        "A commuter keeps a 20-hour job and starts a small web shop on the side. The figures "
        "assume: the job's taxable income EUR 22,000 a year and its health insurance (the shop "
        "pays no health or care contributions), single, no pension contributions from the shop; "
        "goods cost 45 % and payment fees 3 % of sales; with German taxes, a trade in a town with"
        " a 400 % trade-tax multiplier, prices that include 19 % VAT and the small-business "
        "status. Living costs are the part the job's pay does not cover. Replace them with your "
        "own."
    ): (
        "Behält eine Anstellung mit 20 Stunden und startet nebenbei einen kleinen Onlineshop. Die"
        " Zahlen nehmen an: das zu versteuernde Einkommen aus der Anstellung 22.000 EUR im Jahr "
        "und die Krankenversicherung darüber (der Shop zahlt keine Kranken- und Pflegebeiträge), "
        "ledig, keine Rentenbeiträge aus dem Shop; die Ware kostet 45 % und die Zahlungsgebühren "
        "3 % des Umsatzes; ein Gewerbe in einer Gemeinde mit 400 % Hebesatz, Preise mit 19 % "
        "Umsatzsteuer und Kleinunternehmer. Die Lebenshaltungskosten sind der Teil, den das "
        "Gehalt nicht deckt. Ersetzen Sie sie durch Ihre eigenen."
    ),
    "Selling a little online, insured through the spouse": (
        "Ein wenig online verkaufen, über den Ehepartner versichert"
    ),
    (
        "A parent at home, married, insured free through the spouse's statutory health insurance,"
        " sells handmade goods online. The figures assume: the spouse's taxable income EUR 48,000"
        " a year, assessed jointly; materials 30 % and payment fees 3 % of sales; prices rising "
        "40 % a year, so in 2028 the profit passes the family-insurance limit (EUR 565 a month) "
        "and you insure yourself; with German taxes, a trade in a town with a 400 % trade-tax "
        "multiplier, prices that include 19 % VAT and the small-business status. Living costs are"
        " what the household needs from the shop. Replace them with your own."
    ): (
        "Zu Hause mit den Kindern, verheiratet, kostenlos über die gesetzliche "
        "Krankenversicherung des Ehepartners familienversichert, verkauft Selbstgemachtes online."
        " Die Zahlen nehmen an: das zu versteuernde Einkommen des Ehepartners 48.000 EUR im Jahr,"
        " gemeinsam veranlagt; Material 30 % und Zahlungsgebühren 3 % des Umsatzes; Preise "
        "steigen um 40 % im Jahr, so liegt der Gewinn 2028 über der Grenze der "
        "Familienversicherung (565 EUR im Monat) und Sie versichern sich selbst; ein Gewerbe in "
        "einer Gemeinde mit 400 % Hebesatz, Preise mit 19 % Umsatzsteuer und Kleinunternehmer. "
        "Die Lebenshaltungskosten sind, was der Haushalt vom Shop braucht. Ersetzen Sie sie durch"
        " Ihre eigenen."
    ),
    "Call-center seat for one client": "Callcenter-Arbeitsplatz für einen Auftraggeber",
    (
        "Takes calls from home for one call center only. Working for essentially one client, you "
        "must pay into the statutory pension: the founder's half of the regular contribution in "
        "the start year and the three years after it, the regular one from 2031. The figures "
        "assume 120 hours a month at EUR 19.50, single, statutory health insurance with sick pay;"
        " with German taxes, a trade billing one business in a town with a 400 % trade-tax "
        "multiplier and the small-business status at first. Replace them with your own."
    ): (
        "Nimmt von zu Hause Anrufe für nur ein Callcenter an. Wer im Wesentlichen für einen "
        "Auftraggeber arbeitet, muss in die gesetzliche Rentenversicherung einzahlen: im "
        "Gründungsjahr und den drei Jahren danach den halben Regelbeitrag, ab 2031 den vollen. "
        "Die Zahlen nehmen 120 Stunden im Monat zu 19,50 EUR an, ledig, gesetzlich "
        "krankenversichert mit Krankengeld; ein Gewerbe, das einem Unternehmen Rechnungen stellt,"
        " in einer Gemeinde mit 400 % Hebesatz und zunächst Kleinunternehmer. Ersetzen Sie sie "
        "durch Ihre eigenen."
    ),
    "Writer in the artists' social insurance (KSK)": (
        "Autorin / Autor in der Künstlersozialkasse (KSK)"
    ),
    (
        "Writes for magazines and publishers and belongs to the artists' social insurance (KSK), "
        "which pays half of the health, care and pension contributions. The figures assume: paid "
        "per article, plus a monthly retainer, single; with German taxes, a liberal profession "
        "(no trade tax), 7 % VAT on licences of texts and the small-business status at first. "
        "Replace them with your own."
    ): (
        "Schreibt für Zeitschriften und Verlage und ist in der Künstlersozialkasse (KSK), die die"
        " Hälfte der Kranken-, Pflege- und Rentenbeiträge zahlt. Die Zahlen nehmen an: bezahlt "
        "pro Artikel, dazu eine monatliche Pauschale, ledig; ein freier Beruf (keine "
        "Gewerbesteuer), 7 % Umsatzsteuer auf Textlizenzen und zunächst Kleinunternehmer. "
        "Ersetzen Sie sie durch Ihre eigenen."
    ),
    "Out of work, starting with the start grant": "Arbeitslos, Start mit dem Gründungszuschuss",
    (
        "Out of work, starts a bookkeeping service from home with the start grant "
        "(Gründungszuschuss) and a small start-up loan. The figures assume: an unemployment "
        "benefit of EUR 1,400 a month on the benefit notice, so the grant pays EUR 1,700 for six "
        "months and EUR 300 for nine more (the second phase); a loan of EUR 8,000 at 4.5 % a "
        "year, interest only for 12 months, then repaid in 48 equal monthly payments; single, "
        "statutory health insurance with sick pay, no pension contributions; with German taxes, a"
        " liberal profession (no trade tax) and the small-business status. Replace them with your"
        " own."
    ): (
        "Arbeitslos, startet mit dem Gründungszuschuss und einem kleinen Gründungskredit einen "
        "Buchhaltungsservice von zu Hause. Die Zahlen nehmen an: Arbeitslosengeld von 1.400 EUR "
        "im Monat laut Bewilligungsbescheid, so zahlt der Zuschuss sechs Monate lang 1.700 EUR "
        "und neun weitere Monate 300 EUR (die zweite Phase); ein Kredit über 8.000 EUR zu 4,5 % "
        "im Jahr, 12 Monate nur Zinsen, dann in 48 gleichen Monatsraten getilgt; ledig, "
        "gesetzlich krankenversichert mit Krankengeld, keine Rentenbeiträge; ein freier Beruf "
        "(keine Gewerbesteuer) und Kleinunternehmer. Ersetzen Sie sie durch Ihre eigenen."
    ),
    "Shelves and packing table": "Regale und Packtisch",
    "Sewing machine": "Nähmaschine",
    "Materials": "Material",
    "Marketplace fee": "Marktplatzgebühr",
    "Handmade goods": "Selbstgemachtes",
    "Bookkeeping software": "Buchhaltungssoftware",
    "Bookkeeping hours": "Buchhaltungsstunden",
    "Start-up loan": "Gründungskredit",
}
PEOPLE_FLAT_NOTES: dict[str, str] = {
    "commuter_shop": (
        "A commuter keeps a 20-hour job and starts a small web shop on the side. The figures "
        "assume: goods cost 45 % and payment fees 3 % of sales, and one flat tax rate of 25 % on "
        "the shop's profit, for a country other than Germany (no VAT, no social insurance; the "
        "job is not in the plan). Replace them with your own."
    ),
    "spouse_online": (
        "A parent at home sells handmade goods online. The figures assume: materials 30 % and "
        "payment fees 3 % of sales, prices rising 40 % a year, and one flat tax rate of 20 % on "
        "the profit, for a country other than Germany (no VAT, no social insurance). Replace them"
        " with your own."
    ),
    "call_center_one_client": (
        "Takes calls from home for one call center only. The figures assume 120 hours a month at "
        "EUR 19.50 and one flat tax rate of 20 % on the profit, for a country other than Germany "
        "(no VAT, no social insurance, no pension contributions). Replace them with your own."
    ),
    "ksk_writer": (
        "Writes for magazines and publishers, paid per article plus a monthly retainer. The "
        "figures assume one flat tax rate of 25 % on the profit, for a country other than Germany"
        " (no VAT, no social insurance: the KSK is German). Replace them with your own."
    ),
    "start_grant_founder": (
        "Starts a bookkeeping service from home with a small start-up loan (EUR 8,000 at 4.5 % a "
        "year, interest only for 12 months, then 48 monthly payments). The figures assume one "
        "flat tax rate of 25 % on the profit, for a country other than Germany (no VAT, no social"
        " insurance, and no start grant: it is a German benefit). Replace them with your own."
    ),
}
PEOPLE_FLAT_NOTES_DE: dict[str, str] = {
    "commuter_shop": (
        "Behält eine Anstellung mit 20 Stunden und startet nebenbei einen kleinen Onlineshop. Die"
        " Zahlen nehmen an: Die Ware kostet 45 % und die Zahlungsgebühren 3 % des Umsatzes, dazu "
        "ein pauschaler Steuersatz von 25 % auf den Gewinn des Shops, für ein anderes Land als "
        "Deutschland (ohne Umsatzsteuer und Sozialversicherung; die Anstellung ist nicht im "
        "Plan). Ersetzen Sie sie durch Ihre eigenen."
    ),
    "spouse_online": (
        "Zu Hause mit den Kindern, verkauft Selbstgemachtes online. Die Zahlen nehmen an: "
        "Material 30 % und Zahlungsgebühren 3 % des Umsatzes, Preise steigen um 40 % im Jahr, "
        "dazu ein pauschaler Steuersatz von 20 % auf den Gewinn, für ein anderes Land als "
        "Deutschland (ohne Umsatzsteuer und Sozialversicherung). Ersetzen Sie sie durch Ihre "
        "eigenen."
    ),
    "call_center_one_client": (
        "Nimmt von zu Hause Anrufe für nur ein Callcenter an. Die Zahlen nehmen 120 Stunden im "
        "Monat zu 19,50 EUR an und einen pauschalen Steuersatz von 20 % auf den Gewinn, für ein "
        "anderes Land als Deutschland (ohne Umsatzsteuer, Sozialversicherung und Rentenbeiträge)."
        " Ersetzen Sie sie durch Ihre eigenen."
    ),
    "ksk_writer": (
        "Schreibt für Zeitschriften und Verlage, bezahlt pro Artikel, dazu eine monatliche "
        "Pauschale. Die Zahlen nehmen einen pauschalen Steuersatz von 25 % auf den Gewinn an, für"
        " ein anderes Land als Deutschland (ohne Umsatzsteuer und Sozialversicherung: die KSK ist"
        " deutsch). Ersetzen Sie sie durch Ihre eigenen."
    ),
    "start_grant_founder": (
        "Startet einen Buchhaltungsservice von zu Hause mit einem kleinen Gründungskredit (8.000 "
        "EUR zu 4,5 % im Jahr, 12 Monate nur Zinsen, dann 48 Monatsraten). Die Zahlen nehmen "
        "einen pauschalen Steuersatz von 25 % auf den Gewinn an, für ein anderes Land als "
        "Deutschland (ohne Umsatzsteuer und Sozialversicherung und ohne Gründungszuschuss: er ist"
        " eine deutsche Leistung). Ersetzen Sie sie durch Ihre eigenen."
    ),
}
