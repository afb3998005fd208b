"""Every country's OGP region, member or not (members carry their own ``region``; events happen in any country).

OGP's four regions as in members.models.Region. Armenia, Azerbaijan, Georgia and Türkiye are in Europe as in OGP's
own grouping; whatever is not listed below is in Africa and the Middle East.
"""

from __future__ import annotations

from opengov.members.models import Region

_AMERICAS = (
    "AG AI AR AW BB BL BM BO BQ BR BS BZ CA CL CO CR CU CW DM DO EC FK GD GF GL GP GS GT GY HN HT JM KN KY LC MF MQ MS "
    "MX NI PA PE PM PR PY SR SV SX TC TT UM US UY VC VE VG VI"
)
_EUROPE = (
    "AD AL AM AT AX AZ BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GE GG GI GR HR HU IE IM IS IT JE LI LT LU LV MC MD "
    "ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM TR UA VA XK"
)
_ASIA_PACIFIC = (
    "AF AS AU BD BN BT CC CK CN CX FJ FM GU HK HM ID IN IO JP KG KH KI KP KR KZ LA LK MH MM MN MO MP MV MY NC NF NP "
    "NR NU NZ PF PG PH PK PN PW SB SG TH TJ TK TL TM TO TV TW UZ VN VU WF WS"
)

REGION_OF: dict[str, str] = {
    **dict.fromkeys(_AMERICAS.split(), Region.AMERICAS.value),
    **dict.fromkeys(_EUROPE.split(), Region.EUROPE.value),
    **dict.fromkeys(_ASIA_PACIFIC.split(), Region.ASIA_PACIFIC.value),
}


def region_of(country_code: str) -> str:
    return REGION_OF.get(country_code.upper(), Region.AFRICA_MIDDLE_EAST.value)


def countries_in(region: str) -> list[str]:
    """Codes of the countries in ``region`` (for Africa and the Middle East: every code not listed elsewhere)."""
    from django_countries import countries

    return [code for code, _name in countries if region_of(code) == region]
