"""One news story and the furniture of the page around it, for the tests of text-dump extraction:
the article's words are its own (no teaser or menu shares them), so a test can tell which is which."""

MENU = ["Home", "World", "Politics", "Business", "Technology", "Sport", "Culture", "Opinion", "Subscribe", "Sign in"]
HEADLINE = "Harbour authority approves dredging of the northern channel"
ARTICLE = [
    "The harbour authority on Tuesday approved a plan to dredge the northern shipping channel, ending two years "
    "of disputes between the port operators and the fishing cooperatives that use the bay.",
    "Under the plan, about 1.2 million cubic metres of sediment will be removed from the harbour over three winters, "
    "when the fewest boats are at sea and the migrating birds have left the marshes north of the town.",
    "The cooperatives had argued that dredging would cloud the water over their mussel beds for months. The "
    "authority said it would monitor the channel every week and stop the dredgers if the readings rose too high.",
    "Shipping companies welcomed the decision, saying that larger vessels had been forced to wait for the high "
    "tide before entering the northern channel, which added hours to every crossing and raised the cost of freight.",
    "Work is expected to begin in November, once the environmental permit has been approved and the period "
    "for objections has passed without a successful appeal to the regional court.",
]
# Headline-shaped lines of other stories: the article shares none of their words.
TEASERS = ["Ferry fares to rise in spring", "New lighthouse museum opens its doors"]
FOOTER = ["About us", "Contact", "Privacy policy", "Terms of use"]
