"""The one home for the words that name the report's codes: statuses, event types, verdicts, sides, kinds.

A code (``confirmed``, ``drone-attack``, ``partly-held``) is data; how a reader sees it is here,
once, in the current edition (``fissures.i18n``). The dictionaries hold the English messages,
marked with ``N_`` so that translation tools find them; the functions translate at the moment
of use. Looks (colours, hatches) are in ``fissures.style``.
"""

from __future__ import annotations

from fissures.i18n import N_, _

STATUSES = ("confirmed", "claimed", "disputed", "denied")  # events.csv and factual claims
CLAIM_STATUSES = (*STATUSES, "opinion")  # claims.csv adds "opinion" for assessments, predictions, rhetoric
VERDICTS = ("held", "partly-held", "did-not-hold", "too-early")

_STATUS = {
    "confirmed": N_("confirmed by independent sources"),
    "claimed": N_("claimed by one side only"),
    "disputed": N_("disputed: sources contradict each other"),
    "denied": N_("denied by the accused party"),
    "opinion": N_("opinion"),
}
_STATUS_WORD = {  # the badge's word
    "confirmed": N_("confirmed"), "claimed": N_("claimed"), "disputed": N_("disputed"), "denied": N_("denied"),
    "opinion": N_("opinion"),
}
_STATUS_MEANING = {
    "confirmed": N_("both sides, or independent reporting, establish that it happened (who did it may still be open)"),
    "claimed": N_("only one party asserts it; we say who"),
    "disputed": N_("the sources contradict each other"),
    "denied": N_("the accused party denies it and nothing independent settles it"),
    "opinion": N_("an assessment, a prediction or rhetoric: not a matter of fact; predictions get a verdict"),
}
_EVENT_TYPE = {
    "invasion": N_("Invasion"), "drone-attack": N_("Drone attack"), "missile-strike": N_("Missile strike"),
    "shelling": N_("Shelling"), "cross-border-raid": N_("Cross-border raid"), "evacuation": N_("Evacuation"),
    "statement": N_("Statement"), "mutiny": N_("Mutiny"), "counter-offensive": N_("Counter-offensive"),
    "sabotage": N_("Sabotage"), "other": N_("Other"),
}
_VERDICT = {"held": N_("held"), "partly-held": N_("partly held"), "did-not-hold": N_("did not hold"),
            "too-early": N_("too early to tell")}
_VERDICT_MEANING = {
    "held": N_("what was predicted had happened by {as_of}"),
    "partly-held": N_("part of it had happened, part had not"),
    "did-not-hold": N_("events by {as_of} went against it"),
    "too-early": N_("nothing by {as_of} settles it either way"),
}
_SIDE = {  # people.csv ``side``
    "independent-expert": N_("Western expert"), "media": N_("The Sun (narration)"), "russia-state": N_("Russian state"),
    "ukraine-state": N_("Ukrainian state"), "wagner": N_("Wagner"),
    "russian-anti-kremlin-armed": N_("Russian anti-Kremlin armed groups"),
}
_SOURCE_SIDE = {  # sources.csv and accounts.csv ``side``
    "russian-state": N_("Russian state"), "ukrainian-state": N_("Ukrainian state"),
    "raiders": N_("the raiders (Freedom of Russia Legion, Russian Volunteer Corps)"), "independent": N_("independent"),
    "other": N_("other"),
}
_STANCE = {"asserts": N_("asserts it"), "contradicts": N_("contradicts it"), "denies": N_("denies its part"),
           "other": N_("other")}
_CLAIM_KIND = {"fact": N_("fact"), "assessment": N_("assessment"), "prediction": N_("prediction"),
               "rhetoric": N_("rhetoric")}
_ROLE = {"caption": N_("Photo caption"), "pull-quote": N_("Pull-quote"), "headline": N_("Headline"),
         "standfirst": N_("Standfirst"), "body": ""}
_DIRECTION = {"supports": N_("supports"), "cuts-against": N_("cuts against")}
_SOURCE_KIND = {"news": N_("news report"), "reference": N_("reference work"), "think-tank": N_("think tank"),
                "dataset": N_("dataset"), "official": N_("official statement"), "primary-article": N_("the article"),
                "social-media": N_("social media post")}
_VOICE = {"article": N_("The article's own voice"), "quoted": N_("Speakers the article quotes")}
_MEASURE = {  # numbers.csv ``measure``; codes starting "other-" not listed here are spelled out from the code
    "drones-launched": N_("drones launched"), "drones-downed": N_("drones downed"),
    "drones-hit-buildings": N_("buildings hit"), "villages-taken": N_("villages said to be taken"),
    "other-villages-evacuated": N_("villages evacuated"), "other-settlements-evacuated": N_("settlements evacuated"),
    "evacuated": N_("people evacuated or displaced"), "other-town-population": N_("population of Shebekino"),
    "injured": N_("injured"), "civilians-killed": N_("civilians killed"), "fighters-killed": N_("fighters killed"),
}
_COUNTRY = {"RU": N_("Russia"), "UA": N_("Ukraine"), "BY": N_("Belarus")}
_REGION = {"belgorod-oblast": N_("Belgorod Oblast"), "kursk-oblast": N_("Kursk Oblast"), "sumy-oblast": N_("Sumy Oblast"),
           "kharkiv-oblast": N_("Kharkiv Oblast"), "moscow-oblast": N_("Moscow Oblast")}
_PRECISION = {1: N_("exact place"), 2: N_("near the place, or part of an area"), 3: N_("a region as a whole")}


def _word(table: dict, code: object, what: str) -> str:
    if code not in table:
        raise ValueError(f"{what} {code!r} is not one of: {', '.join(map(str, table))}")
    return _(table[code]) if table[code] else ""


def status(code: str) -> str:
    """What a status means in a few words ("claimed by one side only")."""
    return _word(_STATUS, code, "status")


def status_meaning(code: str) -> str:
    """The rule behind a status, for the method page and the legends."""
    return _word(_STATUS_MEANING, code, "status")


def event_type(code: str) -> str:
    """An event type as a label ("Drone attack"); a type the report does not know is spelled out from its id."""
    return _(_EVENT_TYPE[code]) if code in _EVENT_TYPE else code.replace("-", " ").capitalize()


def status_word(code: str) -> str:
    """A status in one word, as its badge shows it ("confirmed", « confirmé »)."""
    return _word(_STATUS_WORD, code, "status")


def status_count(code: str, n: int) -> str:
    """How many rows have a status, the word agreeing with the number ("5 confirmed", « 5 confirmés »)."""
    from fissures import formats
    from fissures.i18n import ngettext

    forms = {
        "confirmed": ngettext("%(num)s confirmed", "%(num)s confirmed", n),
        "claimed": ngettext("%(num)s claimed", "%(num)s claimed", n),
        "disputed": ngettext("%(num)s disputed", "%(num)s disputed", n),
        "denied": ngettext("%(num)s denied", "%(num)s denied", n),
        "opinion": ngettext("%(num)s opinion", "%(num)s opinions", n),
    }
    if code not in forms:
        raise ValueError(f"status {code!r} is not one of: {', '.join(forms)}")
    return forms[code] % {"num": formats.number(n)}


def verdict(code: str) -> str:
    """How a prediction fared ("partly held")."""
    return _word(_VERDICT, code, "verdict")


def verdict_meaning(code: str) -> str:
    """What a verdict means, for the method page."""
    from fissures import status

    return _word(_VERDICT_MEANING, code, "verdict").format(as_of=status.as_of_words())


def side(code: str) -> str:
    """The side a speaker speaks from ("Russian state")."""
    return _(_SIDE[code]) if code in _SIDE else code


def claim_kind(code: str) -> str:
    """A claim's kind ("prediction")."""
    return _word(_CLAIM_KIND, code, "claim kind")


def source_side(code: str) -> str:
    """Whom a source's publisher, or an account's speaker, speaks for ("Russian state")."""
    return _word(_SOURCE_SIDE, code, "side")


def stance(code: str) -> str:
    """An account's stance towards what an event or claim states ("contradicts it")."""
    return _word(_STANCE, code, "stance")


def source_kind(code: str) -> str:
    """What kind of document a source is ("news report")."""
    return _word(_SOURCE_KIND, code, "source kind")


def language(code: str) -> str:
    """A language's name in the current edition, from its ISO 639-1 code ("ru" -> "Russian")."""
    from babel import Locale

    from fissures import formats

    return Locale.parse(formats.cldr()).languages.get(code, code)


def role(code: str) -> str:
    """A paragraph's role in the article ("Photo caption"); empty for the body."""
    return _word(_ROLE, code, "paragraph role")


def direction(code: str) -> str:
    """Whether evidence supports or cuts against a point."""
    return _word(_DIRECTION, code, "direction")


def voice(code: str) -> str:
    """Who makes a claim: the article itself or someone it quotes."""
    return _word(_VOICE, code, "voice")


def measure(code: str) -> str:
    """What a figure counts ("drones downed")."""
    if code in _MEASURE:
        return _(_MEASURE[code])
    return code.removeprefix("other-").replace("-", " ")


def country(code: str) -> str:
    """A country's name from its ISO code ("Russia")."""
    return _word(_COUNTRY, code, "country")


def region(code: str) -> str:
    """A region's name from its id ("Belgorod Oblast")."""
    return _word(_REGION, code, "region")


def knows_country(code: str) -> bool:
    """Whether ``country`` has a name for this code."""
    return code in _COUNTRY


def knows_region(code: str) -> bool:
    """Whether ``region`` has a name for this id."""
    return code in _REGION


def approximate(radius_km: float) -> str:
    """What a place known only approximately is, for a reader: "approximate location (within 5 km)"."""
    from fissures import formats

    return _("approximate location (within {km})").format(km=formats.km(radius_km))


def precision(code: int) -> str:
    """What a geo-precision code means."""
    return _word(_PRECISION, int(code), "geo_precision")


# The cities the base maps name (data/geo/labels.geojson), for the catalogs: each edition writes them its
# own way (Koursk, Chebekino).
CITY_NAMES = (
    N_("Balashikha"), N_("Belgorod"), N_("Bryansk"), N_("Chernihiv"), N_("Dnipro"), N_("Donetsk"), N_("Gomel"),
    N_("Grayvoron"), N_("Hlukhiv"), N_("Izium"), N_("Kaluga"), N_("Kharkiv"), N_("Khimki"), N_("Klintsy"),
    N_("Konotop"), N_("Krasnogorsk"), N_("Kupiansk"), N_("Kursk"), N_("Kyiv"), N_("Lipetsk"), N_("Luhansk"),
    N_("Lyubertsy"), N_("Mariupol"), N_("Moscow"), N_("Mytishchi"), N_("Novy Oskol"), N_("Odintsovo"),
    N_("Okhtyrka"), N_("Oryol"), N_("Podolsk"), N_("Poltava"), N_("Rostov-on-Don"), N_("Rylsk"), N_("Shebekino"),
    N_("Shostka"), N_("Smolensk"), N_("Stary Oskol"), N_("Sudzha"), N_("Sumy"), N_("Taganrog"), N_("Tula"),
    N_("Valuyki"), N_("Voronezh"), N_("Vovchansk"), N_("Zaporizhzhia"), N_("Zelenograd"),
)
