"""Demo data: the real collaboration structure of the Göteborg area, with invented people.

Organisations, kinds of body and bodies follow the public documents (Samverkansplan 2024–2025,
Årsrapport 2024, Handlingsplan NOSAM GBG Sydväst); every person and e-mail address is invented.
``load_demo`` is idempotent: running it again changes nothing.
"""

import datetime
from collections import Counter
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils.text import slugify

from .models import Body, BodyKind, Membership, Organisation, Person
from .permissions import sync_all_permissions

DEMO_PASSWORD = "Samverkan2026"
EMAIL_DOMAIN = "example.se"

CHAIR = Membership.Role.CHAIR
VICE_CHAIR = Membership.Role.VICE_CHAIR
MEMBER = Membership.Role.MEMBER
PROCESS_LEADER = Membership.Role.PROCESS_LEADER
CO_OPTED = Membership.Role.CO_OPTED
SUBSTITUTE = Membership.Role.SUBSTITUTE
COMMUNICATOR = Membership.Role.COMMUNICATOR

# --- Organisations -------------------------------------------------------------------------------

VGR = "Västra Götalandsregionen"
SU = "Sahlgrenska Universitetssjukhuset"
NARHALSAN = "Närhälsan"
HAB = "Habilitering & Hälsa"
FTV = "Folktandvården"
ANGERED = "Angereds Närsjukhus"
GBG = "Göteborgs Stad"
AVO = "Äldre samt vård- och omsorgsförvaltningen"
SF_CENTRUM = "Socialförvaltning Centrum"
SF_NORDOST = "Socialförvaltning Nordost"
SF_SYDVAST = "Socialförvaltning Sydväst"
SF_HISINGEN = "Socialförvaltning Hisingen"
FUNKTIONSSTOD = "Förvaltningen för funktionsstöd"
GRUNDSKOLA = "Grundskoleförvaltningen"
MOLNDAL = "Mölndals stad"
HARRYDA = "Härryda kommun"
PARTILLE = "Partille kommun"
OCKERO = "Öckerö kommun"
PRIVATE = "Privata vårdcentraler"
NSPH = "NSPH Västra Götaland"

MUNICIPALITY = Organisation.Kind.MUNICIPALITY
REGION = Organisation.Kind.REGION

# (name, short name, kind, part of, website); parents before their parts.
ORGANISATIONS = [
    (VGR, "VGR", REGION, None, "https://www.vgregion.se"),
    (SU, "SU", REGION, VGR, ""),
    (NARHALSAN, "", REGION, VGR, ""),
    (HAB, "H&H", REGION, VGR, ""),
    (FTV, "FTV", REGION, VGR, ""),
    (ANGERED, "ANS", REGION, VGR, ""),
    (GBG, "", MUNICIPALITY, None, "https://goteborg.se"),
    (AVO, "ÄVO", MUNICIPALITY, GBG, ""),
    (SF_CENTRUM, "SF Centrum", MUNICIPALITY, GBG, ""),
    (SF_NORDOST, "SF Nordost", MUNICIPALITY, GBG, ""),
    (SF_SYDVAST, "SF Sydväst", MUNICIPALITY, GBG, ""),
    (SF_HISINGEN, "SF Hisingen", MUNICIPALITY, GBG, ""),
    (FUNKTIONSSTOD, "", MUNICIPALITY, GBG, ""),
    (GRUNDSKOLA, "", MUNICIPALITY, GBG, ""),
    (MOLNDAL, "", MUNICIPALITY, None, "https://www.molndal.se"),
    (HARRYDA, "", MUNICIPALITY, None, "https://www.harryda.se"),
    (PARTILLE, "", MUNICIPALITY, None, "https://www.partille.se"),
    (OCKERO, "", MUNICIPALITY, None, "https://www.ockero.se"),
    (PRIVATE, "Privata VC", Organisation.Kind.PRIVATE_PROVIDER, None, ""),
    (NSPH, "NSPHiVG", Organisation.Kind.OTHER, None, "https://nsphvastragotaland.se"),
]

# --- Kinds of body (order as in the annual report) -----------------------------------------------

BODY_KINDS = [
    {
        "name": "Delregion",
        "name_plural": "Delregioner",
        "order": 10,
        "description": "En delregional vårdsamverkan: kommunerna och regionen i ett område.",
    },
    {
        "name": "Politiskt samråd",
        "name_plural": "Politiska samråd",
        "order": 20,
        "description": "Berörda politiker från region och kommuner.",
    },
    {
        "name": "Presidium",
        "name_plural": "Presidier",
        "order": 30,
        "description": "Ordförande och vice ordförande som bereder ett politiskt samråd.",
    },
    {
        "name": "Ledningsgrupp",
        "name_plural": "Ledningsgrupper",
        "order": 40,
        "description": "Förvaltningschefer eller motsvarande; strategisk nivå, fattar beslut.",
    },
    {
        "name": "Beredningsgrupp",
        "name_plural": "Beredningsgrupper",
        "order": 50,
        "description": "Bereder ärenden till ledningsgruppen.",
    },
    {
        "name": "Styrgrupp",
        "name_plural": "Styrgrupper",
        "order": 60,
        "description": "Bereder och styr på uppdrag av ledningsgruppen.",
    },
    {
        "name": "Utvecklingsgrupp",
        "name_plural": "Utvecklingsgrupper",
        "order": 70,
        "description": "Utvecklar samverkan inom ett avgränsat område på uppdrag av LGS.",
    },
    {
        "name": "Temagrupp",
        "name_plural": "Temagrupper",
        "order": 80,
        "description": "Processorienterad grupp som årligen tar fram en handlingsplan.",
        "chair_term_months": 18,
        "chair_rotation": "Växlar mellan kommun och region var 18:e månad",
    },
    {
        "name": "NOSAM",
        "name_plural": "NOSAM",
        "order": 90,
        "description": "Närområdessamverkan: forum för dialog och samråd i närområdet.",
        "chair_rotation": "Roterar mellan parterna; inga ersättare utses",
    },
    {
        "name": "Lokal NOSAM",
        "name_plural": "Lokala NOSAM",
        "order": 100,
        "description": "Första linjens chefer samverkar kring brukarnära vård för en målgrupp.",
    },
    {
        "name": "Arbetsgrupp",
        "name_plural": "Arbetsgrupper",
        "order": 110,
        "description": "Tillfällig, uppdragsstyrd grupp med en uppdragshandling.",
    },
    {
        "name": "LOSAM",
        "name_plural": "LOSAM",
        "order": 120,
        "description": "Lokal samverkansgrupp för barn och unga.",
    },
    {
        "name": "Kansli",
        "name_plural": "Kanslier",
        "order": 130,
        "description": "Gemensamt finansierat stöd med processledare och kommunikatör.",
    },
]

# --- Bodies --------------------------------------------------------------------------------------


class BodyData(NamedTuple):
    slug: str
    name: str
    kind: str
    parent: str | None
    short_name: str = ""
    order: int = 0
    start: str | None = None
    end: str | None = None
    successor: str | None = None
    plans_adopted_by: str | None = None
    mandate: str = ""


ROOT = "vardsamverkan-i-goteborgsomradet"
LGS = "lgs"

ROOT_MANDATE = """\
Kommun och sjukvård – Samverkan i Göteborgsområdet är en gemensam arena för vårdsamverkan mellan \
huvudmännen: Göteborgs Stad, Mölndals stad, Härryda kommun, Partille kommun, Öckerö kommun och \
Västra Götalandsregionen. Vision Västra Götaland – Det goda livet är vägledande och Hälso- och \
sjukvårdsavtalet är styrande.

**Övergripande mål:** Samverkan mellan kommun och region ska utjämna skillnader i hälsa.

**Syfte:** Att effektivt samordna och individanpassa insatser så att den enskilde får hälso- och \
sjukvård, tandvård, stöd och omsorg av god kvalitet.

**Målgrupp:** Personer som är i behov av insatser från kommun och region. Att beakta: \
socioekonomiskt utsatta grupper, nyanlända till Sverige, kön och personer med funktionsnedsättning.

Prioriterade fokusområden i Samverkansplan 2024–2025:

- Trygga, säkra och effektiva vårdövergångar
- Främja hälsa och förebygga ohälsa
"""

POLITICAL_COUNCIL_MANDATE = """\
Berörda politiska organ från region och kommuner representeras av ordförande från respektive \
nämnder och styrelser som ordinarie representant samt ersättare från presidiet.

Det politiska samrådet fastställer de prioriterade fokusområdena i samverkansplanen och har \
tecknat samverkansavtalet tillsammans med ledningsgruppen (LGS).
"""

PRESIDIUM_MANDATE = """\
Presidiet består av ordförande och vice ordförande i politiska samrådet samt ordförande och vice \
ordförande i LGS. LGS processledare administrerar presidiets möten.
"""

LGS_MANDATE = """\
Ledningsgruppen för samverkan (LGS) arbetar på en strategisk, övergripande nivå. Gruppen består av \
förvaltningschefer eller motsvarande mandat från ingående kommuner, primärvård samt sjukhus, \
närsjukhus, habilitering och hälsa och tandvård, samt processledaren för LGS. Beredande \
tjänstepersoner från kommun och region kan adjungeras.

LGS fastställer och publicerar temagruppernas handlingsplaner och den sammanställda årsrapporten, \
följer upp budget och kan tillsätta tillfälliga, uppdragsstyrda arbetsgrupper.

Det är eftersträvansvärt att alla beslut sker i enighet. Där enighet inte kan uppnås ska ärendet \
antingen återremitteras för förnyad beredning eller strykas. Varje huvudman är skyldig att fatta \
och genomföra det som överenskommits i den egna linjen eller organisationen.
"""

PREPARATORY_GROUP_MANDATE = """\
Beredningsgruppen bestod av presidiet i LGS och LGS processledare. Temagruppernas ordförande \
bjöds in och rekommenderades att delta.

I november 2024 beslutade LGS att beredningsgruppen upphör. Den ersätts av Styrgrupp LGS.
"""

STEERING_GROUP_MANDATE = """\
Styrgrupp LGS ersätter LGS Beredningsgrupp från december 2024. Den bemannas av ledamöter som också \
representerar Vårdsamverkan Göteborgsområdet i Vårdsamverkan Västra Götaland och bereder ärenden \
till LGS.
"""

SAMSA_MANDATE = """\
Utvecklingsgruppen bemannas av ledamöter med erfarenhet och kunskap om gällande \
överenskommelser och riktlinjer. Gruppen ska bidra till utveckling av samverkan vid in- och \
utskrivning från sluten hälso- och sjukvård samt vara stöd och referensgrupp för \
temagruppernas arbete.

LGS har gett gruppen i uppdrag att ta fram en delregional rutin för in- och \
utskrivningsprocessen i Göteborgsområdet.
"""

OFFICE_MANDATE = """\
Som stöd för vårdsamverkan finns ett gemensamt finansierat samverkanskontor, grundbemannat med \
fem processledare och en kommunikatör. Stödfunktionerna ska vara en länk i kommunikationen mellan \
det regionala, delregionala och lokala arbetet.

Minnesanteckningar, aktuella handlingsplaner och årsrapporter publiceras på vårdsamverkans \
webbplats i samråd med kommunikatören.
"""

THEME_GROUP_MANDATE = """\
{focus}

Temagruppen ansvarar för att årligen utforma en övergripande handlingsplan utifrån de \
prioriterade fokusområdena i samverkansplanen. Inom handlingsplanen kan temagruppen identifiera \
ett urval av delmål, vanligtvis ett till två, som ska hanteras av NOSAM; delmålen väljs i samråd \
med NOSAM. LGS fastställer och publicerar handlingsplanen.

Genomförandet är linjeverksamhetens eget ansvar. Temagruppen består av verksamhetsansvariga \
chefer i linjeorganisationen eller annan nyckelperson med specifik kunskap, med mandat från \
respektive huvudman. Uppdraget som ordförande innehas under 1,5 år och roterar mellan kommun och \
region; vice ordförande kan utses inom temagruppen.
"""

NOSAM_MANDATE = """\
Närområdessamverkan för {area}.

NOSAM är ett forum för dialog och samråd. NOSAM tar fram en egen handlingsplan som fokuserar på \
frågor inom närområdet och bygger på de prioriterade fokusområdena i samverkansplanen, och \
omhändertar och specificerar aktiviteter utifrån de delmål som temagrupperna identifierat. Frågor \
som inte kan lösas på NOSAM-nivå förs vidare till temagrupperna via processledare eller chef i \
den egna linjen.

I NOSAM sitter valda lämpliga funktioner från ingående parter, utsedda av respektive organisation \
med mandat att samarbeta. Ordförandeskapet roterar bland parterna och utses inom gruppen; \
ersättare utses inte. Specialistsjukvården bjuds in vid behov.
"""

LOCAL_NOSAM_MANDATE = """\
Forum där första linjens chefer samverkar kring brukarnära vård för {target} inom \
upptagningsområdet. Arbetar utifrån {nosam}s handlingsplan och driver förbättringsarbete utifrån \
lokalt identifierade behov.
"""

LOSAM_MANDATE = """\
Lokal samverkansgrupp för barn och unga enligt Tillämpningsanvisningar utifrån \
Överenskommelsen om samverkan för barns och ungas hälsa. Sammankallande är stående representant \
i {nosam}.
"""


def _theme(slug, name, short_name, order, focus):
    return BodyData(
        slug,
        name,
        "Temagrupp",
        LGS,
        short_name,
        order,
        plans_adopted_by=LGS,
        mandate=THEME_GROUP_MANDATE.format(focus=focus),
    )


def _nosam(slug, name, short_name, order, start, area):
    return BodyData(
        slug,
        name,
        "NOSAM",
        LGS,
        short_name,
        order,
        start=start,
        mandate=NOSAM_MANDATE.format(area=area),
    )


def _local_nosam(slug, name, parent, order, target, nosam, start):
    return BodyData(
        slug,
        name,
        "Lokal NOSAM",
        parent,
        "",
        order,
        start=start,
        plans_adopted_by=parent,
        mandate=LOCAL_NOSAM_MANDATE.format(target=target, nosam=nosam),
    )


def _working_group(slug, name, parent, order, start, mandate):
    return BodyData(
        slug,
        name,
        "Arbetsgrupp",
        parent,
        "",
        order,
        start=start,
        plans_adopted_by=parent,
        mandate=mandate,
    )


def _losam(slug, name, parent, nosam):
    return BodyData(
        slug,
        name,
        "LOSAM",
        parent,
        "",
        0,
        plans_adopted_by=parent,
        mandate=LOSAM_MANDATE.format(nosam=nosam),
    )


# A body comes after every body it refers to (parent, successor, plans adopted by).
# Start dates where the documents give or imply them; otherwise empty (unknown).
BODIES = [
    BodyData(
        ROOT, "Vårdsamverkan i Göteborgsområdet", "Delregion", None, "Göteborgsområdet", mandate=ROOT_MANDATE
    ),
    BodyData(
        "politiskt-samrad", "Politiskt samråd", "Politiskt samråd", ROOT, mandate=POLITICAL_COUNCIL_MANDATE
    ),
    BodyData(
        "politiskt-presidium",
        "Politiskt presidium",
        "Presidium",
        "politiskt-samrad",
        mandate=PRESIDIUM_MANDATE,
    ),
    BodyData(
        LGS,
        "Ledningsgrupp för samverkan (LGS)",
        "Ledningsgrupp",
        "politiskt-samrad",
        "LGS",
        mandate=LGS_MANDATE,
    ),
    BodyData(
        "styrgrupp-lgs", "Styrgrupp LGS", "Styrgrupp", LGS, start="2024-12-01", mandate=STEERING_GROUP_MANDATE
    ),
    BodyData(
        "lgs-beredningsgrupp",
        "LGS Beredningsgrupp",
        "Beredningsgrupp",
        LGS,
        "LGS BG",
        end="2024-11-30",
        successor="styrgrupp-lgs",
        mandate=PREPARATORY_GROUP_MANDATE,
    ),
    BodyData(
        "utvecklingsgrupp-samsa",
        "Utvecklingsgrupp SAMSA",
        "Utvecklingsgrupp",
        LGS,
        "UG SAMSA",
        plans_adopted_by=LGS,
        mandate=SAMSA_MANDATE,
    ),
    BodyData("samverkanskontoret", "Samverkanskontoret", "Kansli", LGS, mandate=OFFICE_MANDATE),
    _theme(
        "temagrupp-barn-och-unga",
        "Temagrupp Barn och unga",
        "TG BoU",
        1,
        "Samverkan för barn och unga utifrån barnrättsperspektivet och Överenskommelsen om "
        "samverkan för barns och ungas hälsa.",
    ),
    _theme(
        "temagrupp-psykiatri",
        "Temagrupp Psykiatri",
        "TG Psykiatri",
        2,
        "Samverkan kring personer med psykisk ohälsa, psykisk funktionsnedsättning och "
        "beroende: SIP, samsjuklighet och ACT.",
    ),
    _theme(
        "temagrupp-rehabilitering-och-habilitering",
        "Temagrupp Rehabilitering och habilitering",
        "TG Rehab/Hab",
        3,
        "Samverkan inom rehabilitering och habilitering, bland annat förskrivning av "
        "hjälpmedel vid utskrivning från slutenvården.",
    ),
    _theme(
        "temagrupp-aldre",
        "Temagrupp Äldre",
        "TG Äldre",
        4,
        "Samverkan kring äldre, särskilt sköra äldre: in- och utskrivningsprocessen, "
        "öppenvårdsprocesser och samverkande hälso- och sjukvård i hemmet.",
    ),
    _nosam(
        "nosam-gbg-centrum",
        "NOSAM GBG Centrum",
        "NOSAM Centrum",
        1,
        "2023-03-01",
        "stadsområde Centrum i Göteborgs Stad",
    ),
    _nosam(
        "nosam-gbg-hisingen",
        "NOSAM GBG Hisingen",
        "NOSAM Hisingen",
        2,
        "2023-03-01",
        "stadsområde Hisingen i Göteborgs Stad",
    ),
    _nosam("nosam-harryda", "NOSAM Härryda", "", 3, None, "Härryda kommun"),
    _nosam("nosam-molndal", "NOSAM Mölndal", "", 4, None, "Mölndals stad"),
    _nosam(
        "nosam-gbg-nordost",
        "NOSAM GBG Nordost",
        "NOSAM Nordost",
        5,
        "2023-09-01",
        "stadsområde Nordost i Göteborgs Stad",
    ),
    _nosam("nosam-partille", "NOSAM Partille", "", 6, None, "Partille kommun"),
    _nosam(
        "nosam-gbg-sydvast",
        "NOSAM GBG Sydväst",
        "NOSAM Sydväst",
        7,
        "2023-03-15",
        "stadsområde Sydväst i Göteborgs Stad",
    ),
    _nosam("nosam-ockero", "NOSAM Öckerö", "", 8, None, "Öckerö kommun"),
    _local_nosam(
        "lokal-nosam-centrum-barn-och-unga",
        "Lokal NOSAM Centrum Barn och unga",
        "nosam-gbg-centrum",
        1,
        "barn och unga",
        "NOSAM Centrum",
        "2024-02-01",
    ),
    _local_nosam(
        "lokal-nosam-centrum-psykiatri",
        "Lokal NOSAM Centrum Psykiatri",
        "nosam-gbg-centrum",
        2,
        "vuxna med psykisk ohälsa",
        "NOSAM Centrum",
        "2024-02-01",
    ),
    _local_nosam(
        "lokal-nosam-centrum-aldre-vaster",
        "Lokal NOSAM Centrum Äldre Väster",
        "nosam-gbg-centrum",
        3,
        "äldre",
        "NOSAM Centrum",
        "2024-02-01",
    ),
    _local_nosam(
        "lokal-nosam-centrum-aldre-oster",
        "Lokal NOSAM Centrum Äldre Öster",
        "nosam-gbg-centrum",
        4,
        "äldre",
        "NOSAM Centrum",
        "2024-02-01",
    ),
    _local_nosam(
        "lokal-nosam-hisingen-barn-och-unga",
        "Lokal NOSAM Hisingen Barn och unga",
        "nosam-gbg-hisingen",
        1,
        "barn och unga",
        "NOSAM Hisingen",
        None,
    ),
    _local_nosam(
        "lokal-nosam-hisingen-psykiatri",
        "Lokal NOSAM Hisingen Psykiatri",
        "nosam-gbg-hisingen",
        2,
        "vuxna med psykisk ohälsa",
        "NOSAM Hisingen",
        None,
    ),
    _local_nosam(
        "lokal-nosam-hisingen-aldre-norra",
        "Lokal NOSAM Hisingen Äldre Norra",
        "nosam-gbg-hisingen",
        3,
        "äldre",
        "NOSAM Hisingen",
        None,
    ),
    _local_nosam(
        "lokal-nosam-hisingen-aldre-sodra",
        "Lokal NOSAM Hisingen Äldre Södra",
        "nosam-gbg-hisingen",
        4,
        "äldre",
        "NOSAM Hisingen",
        None,
    ),
    _local_nosam(
        "lokal-nosam-harryda-barn-och-unga",
        "Lokal NOSAM Härryda Barn och unga",
        "nosam-harryda",
        1,
        "barn och unga",
        "NOSAM Härryda",
        None,
    ),
    _local_nosam(
        "lokal-nosam-partille-barn-och-unga",
        "Lokal NOSAM Partille Barn och unga",
        "nosam-partille",
        1,
        "barn och unga",
        "NOSAM Partille",
        None,
    ),
    _local_nosam(
        "lokal-nosam-partille-aldre",
        "Lokal NOSAM Partille Äldre",
        "nosam-partille",
        2,
        "äldre",
        "NOSAM Partille",
        None,
    ),
    _working_group(
        "arbetsgrupp-primarvard-molndal",
        "Arbetsgrupp primärvård Mölndal",
        "nosam-molndal",
        1,
        "2024-01-01",
        "Kommunal och regional primärvård stärker relationer och samsyn kring Hälso- och "
        "sjukvårdsavtalet, bland annat genom ett lokalt vägledande dokument för "
        "remissutfärdande till kommunal primärvård. Bestående grupp, två möten per termin.",
    ),
    _losam("losam-molndal", "LOSAM Mölndal", "nosam-molndal", "NOSAM Mölndal"),
    _working_group(
        "arbetsgrupp-bou-nordost",
        "Arbetsgrupp BoU Nordost",
        "nosam-gbg-nordost",
        1,
        None,
        "Konkretiserar Tillämpningsanvisningarna för barns och ungas hälsa (0–18 år) i Angered "
        "och Östra Göteborg och identifierar framgångsfaktorer för tidig samverkan.",
    ),
    _working_group(
        "arbetsgrupp-vuxna-angered",
        "Arbetsgrupp Vuxna Angered",
        "nosam-gbg-nordost",
        2,
        "2024-08-01",
        "Tidsbegränsat uppdrag enligt uppdragshandling: samverkan kring vuxna i Angered, "
        "följs upp av processledare och utvärderas av NOSAM Nordost.",
    ),
    _working_group(
        "arbetsgrupp-vuxna-ostra",
        "Arbetsgrupp Vuxna Östra",
        "nosam-gbg-nordost",
        3,
        "2024-08-01",
        "Tidsbegränsat uppdrag enligt uppdragshandling: samverkan kring vuxna i Östra "
        "Göteborg, följs upp av processledare och utvärderas av NOSAM Nordost.",
    ),
    _working_group(
        "arbetsgrupp-primarvard-sydvast",
        "Arbetsgrupp primärvård Sydväst",
        "nosam-gbg-sydvast",
        1,
        "2024-02-01",
        "Ökad samverkan och samsyn kring vårdövergångar med fokus på att kommunal och regional "
        "primärvård är en och samma vårdnivå. Går igenom avtal, överenskommelser och rutiner "
        "och lämnar förslag på åtgärder till NOSAM.",
    ),
    _losam("losam-sydvast", "LOSAM Sydväst", "nosam-gbg-sydvast", "NOSAM Sydväst"),
]

# --- People (all invented) -----------------------------------------------------------------------

# (first name, last name, title, organisation)
PEOPLE = [
    # Samverkanskontoret
    ("Helena", "Strand", "Processledare", VGR),
    ("Jonas", "Berglund", "Processledare", GBG),
    ("Maria", "Ekström", "Processledare", VGR),
    ("Fredrik", "Lundgren", "Processledare", GBG),
    ("Karin", "Sjöberg", "Processledare", VGR),
    ("Sofia", "Lind", "Kommunikatör", VGR),
    ("Oskar", "Wallin", "Systemförvaltare", VGR),
    # Politicians
    ("Birgitta", "Alm", "Ordförande, hälso- och sjukvårdsnämnden", VGR),
    ("Elin", "Roos", "Vice ordförande, hälso- och sjukvårdsnämnden", VGR),
    ("Cecilia", "Blom", "Ordförande, primärvårdsstyrelsen", VGR),
    ("Henrik", "Dahl", "Ordförande, sjukhusstyrelsen", SU),
    ("Lars", "Hedlund", "Ordförande, äldre samt vård- och omsorgsnämnden", GBG),
    ("Ingrid", "Falk", "Ordförande, vård- och omsorgsnämnden", MOLNDAL),
    ("Per", "Sandström", "Vice ordförande, vård- och omsorgsnämnden", MOLNDAL),
    ("Thomas", "Nyberg", "Ordförande, socialnämnden", HARRYDA),
    ("Annika", "Westin", "Ordförande, socialnämnden", PARTILLE),
    ("Göran", "Sundberg", "Ordförande, socialnämnden", OCKERO),
    # LGS
    ("Magnus", "Engström", "Sjukhusdirektör", SU),
    ("Niklas", "Holmberg", "Områdeschef", SU),
    ("Susanne", "Bergqvist", "Primärvårdsdirektör", NARHALSAN),
    ("Jenny", "Lindberg", "Direktör", HAB),
    ("Martin", "Söderholm", "Områdeschef", FTV),
    ("Kjell", "Aronsson", "Områdeschef", FTV),
    ("Annelie", "Gustafsson", "Sjukhusdirektör", ANGERED),
    ("Daniel", "Hansson", "Verksamhetschef", PRIVATE),
    ("Lena", "Åkesson", "Förvaltningschef", AVO),
    ("Mats", "Ljung", "Biträdande förvaltningschef", AVO),
    ("Anders", "Björk", "Förvaltningschef", SF_HISINGEN),
    ("Camilla", "Norén", "Förvaltningschef", FUNKTIONSSTOD),
    ("Johanna", "Vik", "Utvecklingsledare", GBG),
    ("Peter", "Malm", "Förvaltningschef", MOLNDAL),
    ("Ulrika", "Sandberg", "Sektorchef socialtjänst", HARRYDA),
    ("Eva", "Nordin", "Förvaltningschef", PARTILLE),
    ("Robert", "Eklund", "Socialchef", OCKERO),
    # UG SAMSA
    ("Malin", "Öberg", "Enhetschef", AVO),
    ("Patrik", "Lindström", "Vårdenhetschef", SU),
    ("Hanna", "Carlsson", "Verksamhetsutvecklare", SU),
    ("Therese", "Jonsson", "Medicinskt ansvarig sjuksköterska", MOLNDAL),
    ("Stefan", "Axelsson", "Verksamhetschef", NARHALSAN),
    ("Linda", "Mattsson", "Enhetschef", PARTILLE),
    # Temagrupp Barn och unga
    ("Åsa", "Lundqvist", "Verksamhetschef", MOLNDAL),
    ("Kristina", "Hellström", "Verksamhetschef", HAB),
    ("Erik", "Sandén", "Avdelningschef", GRUNDSKOLA),
    ("Tove", "Granath", "Biträdande avdelningschef", GRUNDSKOLA),
    ("Sara", "Wikström", "Enhetschef", SF_NORDOST),
    ("Mattias", "Kjellberg", "Verksamhetschef", SU),
    ("Lotta", "Bergman", "Verksamhetschef", NARHALSAN),
    ("Johan", "Nylander", "Enhetschef", HARRYDA),
    ("Amanda", "Persson", "Enhetschef", PARTILLE),
    ("Emma", "Börjesson", "Enhetschef", OCKERO),
    ("Gunilla", "Rask", "Klinikchef", FTV),
    # Temagrupp Psykiatri
    ("Ola", "Vikström", "Verksamhetschef", SU),
    ("Marie", "Lindgren", "Avdelningschef", SF_CENTRUM),
    ("Anna", "Sköld", "Verksamhetschef", SU),
    ("Rikard", "Olausson", "Verksamhetschef", NARHALSAN),
    ("Jessica", "Ahlström", "Enhetschef", FUNKTIONSSTOD),
    ("Tobias", "Rydén", "Enhetschef", MOLNDAL),
    ("Sandra", "Claesson", "Enhetschef", PARTILLE),
    ("Viktor", "Elmgren", "Enhetschef", HARRYDA),
    ("Lena", "Hult", "Enhetschef", OCKERO),
    ("Nora", "Blomqvist", "Brukarrepresentant", NSPH),
    # Temagrupp Rehabilitering och habilitering
    ("Karl", "Petersson", "Medicinskt ansvarig för rehabilitering", PARTILLE),
    ("Louise", "Hammar", "Verksamhetschef", NARHALSAN),
    ("Pernilla", "Sjögren", "Verksamhetschef", HAB),
    ("Andreas", "Lund", "Verksamhetschef", SU),
    ("Katarina", "Melin", "Medicinskt ansvarig för rehabilitering", AVO),
    ("Maja", "Holst", "Samordnande arbetsterapeut", AVO),
    ("Jörgen", "Åström", "Medicinskt ansvarig för rehabilitering", MOLNDAL),
    ("Frida", "Nygren", "Enhetschef", HARRYDA),
    ("Ellinor", "Björklund", "Enhetschef", OCKERO),
    ("Simon", "Larsson", "Verksamhetschef", PRIVATE),
    # Temagrupp Äldre
    ("Bengt", "Olsson", "Verksamhetschef", SU),
    ("Ann-Sofie", "Karlberg", "Avdelningschef", AVO),
    ("Christina", "Borg", "Verksamhetschef", NARHALSAN),
    ("Amir", "Hosseini", "Verksamhetschef", PRIVATE),
    ("Monica", "Ström", "Enhetschef", MOLNDAL),
    ("Gustav", "Nord", "Verksamhetschef", PARTILLE),
    ("Eva-Lena", "Brandt", "Medicinskt ansvarig sjuksköterska", HARRYDA),
    ("Kent", "Hagberg", "Enhetschef", OCKERO),
    ("Yvonne", "Lilja", "Klinikchef", FTV),
    # NOSAM GBG Centrum
    ("Hugo", "Lindén", "Verksamhetschef", NARHALSAN),
    ("Ebba", "Sundqvist", "Områdeschef", AVO),
    ("Leyla", "Demir", "Enhetschef", SF_CENTRUM),
    ("Oscar", "Hedberg", "Verksamhetschef", PRIVATE),
    ("Moa", "Eriksson", "Utvecklingsledare folkhälsa", SF_CENTRUM),
    ("Tomas", "Wennberg", "Klinikchef", FTV),
    ("Helén", "Strömberg", "Enhetschef", FUNKTIONSSTOD),
    ("Ingela", "Sjöstrand", "Verksamhetschef", NARHALSAN),
    ("Niklas", "Fors", "Rektor", GRUNDSKOLA),
    ("Alexander", "Berg", "Enhetschef", SF_CENTRUM),
    ("Lina", "Sandell", "Vårdenhetschef", SU),
    ("Therese", "Olofsson", "Enhetschef", AVO),
    ("Jan", "Bergström", "Verksamhetschef", NARHALSAN),
    ("Anneli", "Kvist", "Enhetschef", AVO),
    # NOSAM GBG Hisingen
    ("Caroline", "Wester", "Områdeschef", AVO),
    ("Mehmet", "Yilmaz", "Verksamhetschef", NARHALSAN),
    ("Petra", "Lindahl", "Enhetschef", SF_HISINGEN),
    ("Joakim", "Bäck", "Verksamhetschef", PRIVATE),
    ("Marianne", "Fredriksson", "Enhetschef, ÄVO Myndighet", AVO),
    ("Sebastian", "Åhlund", "Klinikchef", FTV),
    ("Katja", "Nyström", "Enhetschef", FUNKTIONSSTOD),
    ("Rasmus", "Engberg", "Verksamhetschef", NARHALSAN),
    ("Sofie", "Almqvist", "Rektor", GRUNDSKOLA),
    ("Filip", "Strandberg", "Vårdenhetschef", SU),
    ("Agneta", "Moberg", "Enhetschef", AVO),
    ("Ludvig", "Ahl", "Verksamhetschef", NARHALSAN),
    ("Jenny", "Rosén", "Enhetschef", AVO),
    # NOSAM GBG Nordost
    ("Tina", "Hermansson", "Avdelningschef", SF_NORDOST),
    ("Erik", "Lindqvist", "Verksamhetschef", ANGERED),
    ("Nadia", "Haddad", "Verksamhetschef", NARHALSAN),
    ("Anton", "Sjödin", "Enhetschef", AVO),
    ("Pia", "Wallgren", "Verksamhetschef", PRIVATE),
    ("Rolf", "Ekman", "Klinikchef", FTV),
    ("Ulla", "Svensson", "Enhetschef rehabilitering", AVO),
    ("Mira", "Lundberg", "Enhetschef", SF_NORDOST),
    ("Hassan", "Omar", "Verksamhetschef", NARHALSAN),
    ("Hedvig", "Sandin", "Biträdande rektor", GRUNDSKOLA),
    ("Kim", "Lindvall", "Distriktssköterska", NARHALSAN),
    ("Sven", "Holmqvist", "Verksamhetschef", PRIVATE),
    # NOSAM GBG Sydväst
    ("Linnea", "Håkansson", "Enhetschef", AVO),
    ("Mikael", "Holm", "Verksamhetschef", NARHALSAN),
    ("Emil", "Forsman", "Enhetschef", SF_SYDVAST),
    ("Rebecka", "Wallén", "Verksamhetschef", PRIVATE),
    ("Josefin", "Ek", "Enhetschef", FUNKTIONSSTOD),
    ("Hampus", "Lindqvist", "Klinikchef", FTV),
    ("Sanna", "Berg", "Enhetschef", SF_SYDVAST),
    ("Olof", "Nilsson", "Enhetschef", AVO),
    ("Peter", "Wiklund", "Vårdenhetschef", SU),
    ("Ida", "Magnusson", "Distriktssköterska", NARHALSAN),
    ("Sara", "Öhman", "Sjuksköterska", AVO),
    ("Tilda", "Ahlberg", "Verksamhetschef", NARHALSAN),
    ("Oliver", "Gran", "Rektor", GRUNDSKOLA),
    # NOSAM Partille
    ("Gunnar", "Lindh", "Verksamhetschef", NARHALSAN),
    ("Hanna", "Sjöstedt", "Enhetschef", PARTILLE),
    ("Nils", "Wahlström", "Verksamhetschef", PRIVATE),
    ("Marita", "Holmén", "Klinikchef", FTV),
    ("Tove", "Lundin", "Verksamhetschef", NARHALSAN),
    ("Axel", "Söder", "Rektor", PARTILLE),
    # NOSAM Härryda
    ("Lisa", "Hedin", "Verksamhetschef", NARHALSAN),
    ("Oskar", "Palm", "Verksamhetschef", PRIVATE),
    ("Ylva", "Törnqvist", "Klinikchef", FTV),
    ("Cornelia", "Hjort", "Verksamhetschef", NARHALSAN),
    # NOSAM Mölndal
    ("Jakob", "Sundin", "Verksamhetschef", NARHALSAN),
    ("Elin", "Falkenberg", "Verksamhetschef", PRIVATE),
    ("Ronny", "Gustavsson", "Klinikchef", FTV),
    ("Paula", "Lindskog", "Enhetschef", MOLNDAL),
    ("Alma", "Dahlberg", "Distriktssköterska", NARHALSAN),
    ("Theo", "Berglöf", "Sjuksköterska", MOLNDAL),
    ("Julia", "Norberg", "Verksamhetschef", NARHALSAN),
    # NOSAM Öckerö
    ("Anna-Karin", "Lövgren", "Verksamhetschef", NARHALSAN),
    ("Linn", "Bengtsson", "Folkhälsostrateg", OCKERO),
    ("Stina", "Hagström", "Klinikchef", FTV),
]

# --- Seats ---------------------------------------------------------------------------------------


class Seat(NamedTuple):
    person: str | None  # "First Last"; None: a vacant seat (organisation then required)
    role: str
    start: str
    end: str | None = None
    organisation: str | None = None  # the organisation represented, if not the person's own
    note: str = ""


# The five process leaders of Samverkanskontoret share the groups; one communicator serves all.
PL_LGS = "Helena Strand"
PL_BOU = "Jonas Berglund"
PL_PSYKIATRI = "Maria Ekström"
PL_REHAB = "Fredrik Lundgren"
PL_ALDRE = "Karin Sjöberg"
COMMUNICATOR_NAME = "Sofia Lind"


def _communicator(start):
    return Seat(COMMUNICATOR_NAME, COMMUNICATOR, start)


SEATS = {
    "politiskt-samrad": [
        Seat("Birgitta Alm", CHAIR, "2023-01-01", note="Mandatperiod 2023–2026"),
        Seat("Lars Hedlund", VICE_CHAIR, "2023-01-01", note="Mandatperiod 2023–2026"),
        Seat("Cecilia Blom", MEMBER, "2023-01-01"),
        Seat("Henrik Dahl", MEMBER, "2023-01-01"),
        Seat("Ingrid Falk", MEMBER, "2023-01-01"),
        Seat("Thomas Nyberg", MEMBER, "2023-01-01"),
        Seat("Annika Westin", MEMBER, "2023-01-01"),
        Seat("Göran Sundberg", MEMBER, "2023-01-01"),
        Seat("Elin Roos", SUBSTITUTE, "2023-01-01", note="Ersättare från presidiet"),
        Seat("Per Sandström", SUBSTITUTE, "2023-01-01", note="Ersättare från presidiet"),
        Seat(PL_LGS, PROCESS_LEADER, "2023-01-01"),
    ],
    "politiskt-presidium": [
        Seat("Birgitta Alm", CHAIR, "2023-01-01"),
        Seat("Lars Hedlund", VICE_CHAIR, "2023-01-01"),
        Seat("Magnus Engström", MEMBER, "2023-01-01", note="Ordförande i LGS"),
        Seat("Lena Åkesson", MEMBER, "2023-01-01", note="Vice ordförande i LGS"),
        Seat(PL_LGS, PROCESS_LEADER, "2023-01-01"),
    ],
    LGS: [
        Seat("Magnus Engström", CHAIR, "2023-01-01"),
        Seat("Lena Åkesson", VICE_CHAIR, "2023-01-01"),
        Seat("Niklas Holmberg", MEMBER, "2022-10-01"),
        Seat("Susanne Bergqvist", MEMBER, "2021-01-01"),
        Seat("Jenny Lindberg", MEMBER, "2022-01-01"),
        Seat("Kjell Aronsson", MEMBER, "2020-01-01", "2024-08-31"),
        Seat("Martin Söderholm", MEMBER, "2024-09-01"),
        Seat("Annelie Gustafsson", MEMBER, "2023-03-01"),
        Seat("Daniel Hansson", MEMBER, "2023-01-01", note="Representerar privata vårdgivare"),
        Seat("Anders Björk", MEMBER, "2023-01-01"),
        Seat("Camilla Norén", MEMBER, "2023-06-01"),
        Seat("Peter Malm", MEMBER, "2021-09-01"),
        Seat("Ulrika Sandberg", MEMBER, "2024-02-01"),
        Seat("Eva Nordin", MEMBER, "2022-01-01"),
        Seat("Robert Eklund", MEMBER, "2022-05-01"),
        Seat("Mats Ljung", SUBSTITUTE, "2023-01-01", note="Ersättare för Lena Åkesson"),
        Seat("Johanna Vik", CO_OPTED, "2025-01-01", note="Beredande tjänsteperson"),
        Seat(PL_LGS, PROCESS_LEADER, "2021-01-01"),
        _communicator("2021-05-01"),
    ],
    "lgs-beredningsgrupp": [
        Seat("Magnus Engström", CHAIR, "2023-01-01", "2024-11-30"),
        Seat("Lena Åkesson", VICE_CHAIR, "2023-01-01", "2024-11-30"),
        Seat(PL_LGS, PROCESS_LEADER, "2021-01-01", "2024-11-30"),
        Seat(
            "Åsa Lundqvist", CO_OPTED, "2024-01-01", "2024-11-30", note="Ordförande i Temagrupp Barn och unga"
        ),
        Seat("Ola Vikström", CO_OPTED, "2024-01-01", "2024-11-30", note="Ordförande i Temagrupp Psykiatri"),
        Seat(
            "Karl Petersson",
            CO_OPTED,
            "2024-01-01",
            "2024-11-30",
            note="Ordförande i Temagrupp Rehabilitering och habilitering",
        ),
        Seat("Bengt Olsson", CO_OPTED, "2024-01-01", "2024-11-30", note="Ordförande i Temagrupp Äldre"),
    ],
    "styrgrupp-lgs": [
        Seat("Magnus Engström", CHAIR, "2024-12-01"),
        Seat("Lena Åkesson", VICE_CHAIR, "2024-12-01"),
        Seat("Susanne Bergqvist", MEMBER, "2024-12-01"),
        Seat("Peter Malm", MEMBER, "2024-12-01"),
        Seat(PL_LGS, PROCESS_LEADER, "2024-12-01"),
    ],
    "utvecklingsgrupp-samsa": [
        Seat("Malin Öberg", CHAIR, "2023-01-01"),
        Seat("Patrik Lindström", VICE_CHAIR, "2023-01-01"),
        Seat("Hanna Carlsson", MEMBER, "2023-01-01"),
        Seat("Therese Jonsson", MEMBER, "2023-04-01"),
        Seat("Stefan Axelsson", MEMBER, "2023-01-01"),
        Seat("Linda Mattsson", MEMBER, "2024-03-01"),
        Seat(PL_LGS, PROCESS_LEADER, "2023-01-01"),
    ],
    "samverkanskontoret": [
        Seat(PL_LGS, MEMBER, "2021-01-01", note="Processledare för LGS"),
        Seat(PL_BOU, MEMBER, "2022-03-01", note="Processledare för barn och unga"),
        Seat(PL_PSYKIATRI, MEMBER, "2020-09-01", note="Processledare för psykiatri"),
        Seat(PL_REHAB, MEMBER, "2023-02-01", note="Processledare för rehabilitering och habilitering"),
        Seat(PL_ALDRE, MEMBER, "2022-08-15", note="Processledare för äldre"),
        _communicator("2021-05-01"),
    ],
    # Theme groups: the chair alternates between municipality and region every 18 months.
    "temagrupp-barn-och-unga": [
        Seat("Åsa Lundqvist", CHAIR, "2024-01-01", "2025-06-30"),
        Seat("Åsa Lundqvist", MEMBER, "2025-07-01"),
        Seat("Kristina Hellström", CHAIR, "2025-07-01"),
        Seat("Erik Sandén", MEMBER, "2022-08-01"),
        Seat("Tove Granath", SUBSTITUTE, "2024-08-01", note="Ersättare för Erik Sandén"),
        Seat("Sara Wikström", MEMBER, "2023-03-01"),
        Seat("Mattias Kjellberg", MEMBER, "2021-01-01"),
        Seat("Lotta Bergman", MEMBER, "2023-01-01"),
        Seat("Johan Nylander", MEMBER, "2024-03-01"),
        Seat("Amanda Persson", MEMBER, "2022-09-01"),
        Seat("Emma Börjesson", MEMBER, "2023-09-01"),
        Seat("Gunilla Rask", MEMBER, "2024-01-01"),
        Seat(PL_BOU, PROCESS_LEADER, "2022-03-01"),
        _communicator("2021-05-01"),
    ],
    "temagrupp-psykiatri": [
        Seat("Ola Vikström", CHAIR, "2023-09-01", "2025-08-31"),
        Seat("Ola Vikström", MEMBER, "2025-09-01"),
        Seat("Marie Lindgren", CHAIR, "2025-09-01"),
        Seat("Anna Sköld", MEMBER, "2022-01-01"),
        Seat("Rikard Olausson", MEMBER, "2023-05-01"),
        Seat("Jessica Ahlström", MEMBER, "2023-03-01"),
        Seat("Tobias Rydén", MEMBER, "2021-10-01"),
        Seat("Sandra Claesson", MEMBER, "2024-01-01"),
        Seat("Viktor Elmgren", MEMBER, "2022-02-01"),
        Seat("Lena Hult", MEMBER, "2022-01-01", "2025-08-31"),
        Seat(
            None,
            MEMBER,
            "2025-09-01",
            organisation=OCKERO,
            note="Vakant – Öckerö kommun utser ny representant",
        ),
        Seat("Nora Blomqvist", CO_OPTED, "2024-01-01", note="Brukarrepresentant"),
        Seat(PL_PSYKIATRI, PROCESS_LEADER, "2020-09-01"),
        _communicator("2021-05-01"),
    ],
    "temagrupp-rehabilitering-och-habilitering": [
        Seat("Karl Petersson", CHAIR, "2023-11-01", "2025-10-31"),
        Seat("Karl Petersson", MEMBER, "2025-11-01"),
        Seat("Louise Hammar", CHAIR, "2025-11-01"),
        Seat("Pernilla Sjögren", MEMBER, "2021-01-01"),
        Seat("Andreas Lund", MEMBER, "2022-04-01"),
        Seat("Katarina Melin", MEMBER, "2023-01-01"),
        Seat("Maja Holst", SUBSTITUTE, "2023-01-01", note="Ersättare för Katarina Melin"),
        Seat("Jörgen Åström", MEMBER, "2022-06-01"),
        Seat("Frida Nygren", MEMBER, "2024-01-01"),
        Seat("Ellinor Björklund", MEMBER, "2023-10-01"),
        Seat("Simon Larsson", MEMBER, "2024-05-01", note="Vårdval Rehab"),
        Seat(PL_REHAB, PROCESS_LEADER, "2023-02-01"),
        _communicator("2021-05-01"),
    ],
    "temagrupp-aldre": [
        Seat("Bengt Olsson", CHAIR, "2023-12-01", "2025-11-30"),
        Seat("Bengt Olsson", MEMBER, "2025-12-01"),
        Seat("Ann-Sofie Karlberg", CHAIR, "2025-12-01"),
        Seat("Christina Borg", VICE_CHAIR, "2025-06-01"),
        Seat("Amir Hosseini", MEMBER, "2024-02-01"),
        Seat("Monica Ström", MEMBER, "2022-01-01"),
        Seat("Gustav Nord", MEMBER, "2023-04-01"),
        Seat("Eva-Lena Brandt", MEMBER, "2021-09-01"),
        Seat("Kent Hagberg", MEMBER, "2024-01-01"),
        Seat("Yvonne Lilja", MEMBER, "2023-01-01"),
        Seat(PL_ALDRE, PROCESS_LEADER, "2022-08-15"),
        _communicator("2021-05-01"),
    ],
    # NOSAM: the chair rotates among the parties; no substitutes.
    "nosam-gbg-centrum": [
        Seat("Hugo Lindén", CHAIR, "2023-03-01", "2025-06-30"),
        Seat("Hugo Lindén", MEMBER, "2025-07-01"),
        Seat("Ebba Sundqvist", CHAIR, "2025-07-01"),
        Seat("Leyla Demir", MEMBER, "2023-03-01"),
        Seat("Oscar Hedberg", MEMBER, "2023-03-01"),
        Seat("Moa Eriksson", MEMBER, "2024-01-01"),
        Seat("Tomas Wennberg", MEMBER, "2023-03-01"),
        Seat("Helén Strömberg", MEMBER, "2023-09-01"),
        Seat(PL_BOU, PROCESS_LEADER, "2023-03-01"),
        _communicator("2023-03-01"),
    ],
    "lokal-nosam-centrum-barn-och-unga": [
        Seat("Leyla Demir", CHAIR, "2024-02-01"),
        Seat("Ingela Sjöstrand", MEMBER, "2024-02-01"),
        Seat("Niklas Fors", MEMBER, "2024-02-01"),
    ],
    "lokal-nosam-centrum-psykiatri": [
        Seat("Helén Strömberg", CHAIR, "2024-02-01"),
        Seat("Alexander Berg", MEMBER, "2024-02-01"),
        Seat("Lina Sandell", MEMBER, "2024-02-01"),
    ],
    "lokal-nosam-centrum-aldre-vaster": [
        Seat("Therese Olofsson", CHAIR, "2024-02-01"),
        Seat("Hugo Lindén", MEMBER, "2024-02-01"),
        Seat("Oscar Hedberg", MEMBER, "2024-02-01"),
    ],
    "lokal-nosam-centrum-aldre-oster": [
        Seat("Jan Bergström", CHAIR, "2024-02-01"),
        Seat("Anneli Kvist", MEMBER, "2024-02-01"),
        Seat("Moa Eriksson", CO_OPTED, "2024-09-01", note="Behovsanalys folkhälsa"),
    ],
    "nosam-gbg-hisingen": [
        Seat("Caroline Wester", CHAIR, "2023-03-01", "2024-12-31"),
        Seat("Caroline Wester", MEMBER, "2025-01-01"),
        Seat("Mehmet Yilmaz", CHAIR, "2025-01-01"),
        Seat("Petra Lindahl", MEMBER, "2023-03-01"),
        Seat("Joakim Bäck", MEMBER, "2023-03-01"),
        Seat("Marianne Fredriksson", MEMBER, "2024-01-01"),
        Seat("Sebastian Åhlund", MEMBER, "2023-03-01"),
        Seat("Katja Nyström", MEMBER, "2023-06-01"),
        Seat(PL_BOU, PROCESS_LEADER, "2023-03-01"),
        _communicator("2023-03-01"),
    ],
    "lokal-nosam-hisingen-barn-och-unga": [
        Seat("Petra Lindahl", CHAIR, "2023-09-01"),
        Seat("Rasmus Engberg", MEMBER, "2023-09-01"),
        Seat("Sofie Almqvist", MEMBER, "2023-09-01"),
    ],
    "lokal-nosam-hisingen-psykiatri": [
        Seat("Katja Nyström", CHAIR, "2023-09-01"),
        Seat("Filip Strandberg", MEMBER, "2023-09-01"),
        Seat("Mehmet Yilmaz", MEMBER, "2023-09-01"),
    ],
    "lokal-nosam-hisingen-aldre-norra": [
        Seat("Agneta Moberg", CHAIR, "2023-09-01"),
        Seat("Joakim Bäck", MEMBER, "2023-09-01"),
        Seat("Marianne Fredriksson", MEMBER, "2024-01-01"),
    ],
    "lokal-nosam-hisingen-aldre-sodra": [
        Seat("Ludvig Ahl", CHAIR, "2023-09-01"),
        Seat("Jenny Rosén", MEMBER, "2023-09-01"),
    ],
    "nosam-harryda": [
        Seat("Viktor Elmgren", CHAIR, "2023-01-01", "2024-06-30"),
        Seat("Viktor Elmgren", MEMBER, "2024-07-01"),
        Seat("Lisa Hedin", CHAIR, "2024-07-01"),
        Seat("Eva-Lena Brandt", MEMBER, "2023-01-01"),
        Seat("Frida Nygren", MEMBER, "2024-01-01"),
        Seat("Johan Nylander", MEMBER, "2023-01-01"),
        Seat("Oskar Palm", MEMBER, "2023-01-01"),
        Seat("Ylva Törnqvist", MEMBER, "2024-01-01"),
        Seat(PL_REHAB, PROCESS_LEADER, "2023-02-01"),
        _communicator("2023-01-01"),
    ],
    "lokal-nosam-harryda-barn-och-unga": [
        Seat("Johan Nylander", CHAIR, "2023-01-01"),
        Seat("Cornelia Hjort", MEMBER, "2023-01-01"),
        Seat("Ylva Törnqvist", MEMBER, "2024-03-01"),
    ],
    "nosam-molndal": [
        Seat("Monica Ström", CHAIR, "2023-01-01", "2024-12-31"),
        Seat("Monica Ström", MEMBER, "2025-01-01"),
        Seat("Jakob Sundin", CHAIR, "2025-01-01"),
        Seat("Tobias Rydén", MEMBER, "2023-01-01"),
        Seat("Jörgen Åström", MEMBER, "2023-01-01"),
        Seat("Elin Falkenberg", MEMBER, "2023-01-01"),
        Seat("Ronny Gustavsson", MEMBER, "2023-01-01"),
        Seat("Paula Lindskog", MEMBER, "2024-06-01", note="Sammankallande för LOSAM Mölndal"),
        Seat(PL_REHAB, PROCESS_LEADER, "2023-02-01"),
        _communicator("2023-01-01"),
    ],
    "arbetsgrupp-primarvard-molndal": [
        Seat("Monica Ström", CHAIR, "2024-01-01"),
        Seat("Alma Dahlberg", MEMBER, "2024-01-01"),
        Seat("Theo Berglöf", MEMBER, "2024-01-01"),
        Seat("Elin Falkenberg", MEMBER, "2024-01-01"),
    ],
    "losam-molndal": [
        Seat("Paula Lindskog", CHAIR, "2023-01-01"),
        Seat("Julia Norberg", MEMBER, "2023-01-01"),
        Seat("Åsa Lundqvist", MEMBER, "2023-01-01"),
    ],
    "nosam-gbg-nordost": [
        Seat("Tina Hermansson", CHAIR, "2023-09-01", "2024-12-31"),
        Seat("Tina Hermansson", MEMBER, "2025-01-01"),
        Seat("Erik Lindqvist", CHAIR, "2025-02-01", note="Vald vid workshop i januari 2025"),
        Seat("Nadia Haddad", MEMBER, "2023-09-01"),
        Seat("Anton Sjödin", MEMBER, "2023-09-01"),
        Seat("Pia Wallgren", MEMBER, "2023-09-01"),
        Seat("Rolf Ekman", MEMBER, "2023-09-01"),
        Seat("Ulla Svensson", MEMBER, "2024-08-01", note="Rehabilitering"),
        Seat(PL_PSYKIATRI, PROCESS_LEADER, "2023-09-01"),
        _communicator("2023-09-01"),
    ],
    "arbetsgrupp-bou-nordost": [
        Seat("Mira Lundberg", CHAIR, "2023-09-01"),
        Seat("Hassan Omar", MEMBER, "2023-09-01"),
        Seat("Hedvig Sandin", MEMBER, "2024-08-01"),
        Seat(PL_PSYKIATRI, PROCESS_LEADER, "2024-08-01"),
    ],
    "arbetsgrupp-vuxna-angered": [
        Seat("Anton Sjödin", CHAIR, "2024-08-01"),
        Seat("Kim Lindvall", MEMBER, "2024-08-01"),
        Seat("Nadia Haddad", MEMBER, "2024-08-01"),
        Seat(PL_PSYKIATRI, PROCESS_LEADER, "2024-08-01"),
    ],
    "arbetsgrupp-vuxna-ostra": [
        Seat("Ulla Svensson", CHAIR, "2024-08-01"),
        Seat("Sven Holmqvist", MEMBER, "2024-08-01"),
        Seat("Pia Wallgren", MEMBER, "2024-08-01"),
        Seat(PL_PSYKIATRI, PROCESS_LEADER, "2024-08-01"),
    ],
    "nosam-partille": [
        Seat("Gunnar Lindh", CHAIR, "2023-01-01", "2024-12-31"),
        Seat("Gunnar Lindh", MEMBER, "2025-01-01"),
        Seat("Hanna Sjöstedt", CHAIR, "2025-01-01"),
        Seat("Amanda Persson", MEMBER, "2023-01-01"),
        Seat("Sandra Claesson", MEMBER, "2024-01-01"),
        Seat("Gustav Nord", MEMBER, "2023-01-01"),
        Seat("Nils Wahlström", MEMBER, "2023-01-01"),
        Seat("Marita Holmén", MEMBER, "2023-01-01"),
        Seat(PL_REHAB, PROCESS_LEADER, "2023-02-01"),
        _communicator("2023-01-01"),
    ],
    "lokal-nosam-partille-barn-och-unga": [
        Seat("Amanda Persson", CHAIR, "2023-01-01"),
        Seat("Tove Lundin", MEMBER, "2023-01-01"),
        Seat("Axel Söder", MEMBER, "2023-01-01"),
    ],
    "lokal-nosam-partille-aldre": [
        Seat("Gustav Nord", CHAIR, "2023-01-01"),
        Seat("Gunnar Lindh", MEMBER, "2023-01-01"),
        Seat("Nils Wahlström", MEMBER, "2023-01-01"),
    ],
    "nosam-gbg-sydvast": [
        Seat("Linnea Håkansson", CHAIR, "2023-03-15", "2025-12-31"),
        Seat("Linnea Håkansson", MEMBER, "2026-01-01"),
        Seat("Mikael Holm", MEMBER, "2023-03-15", "2025-12-31"),
        Seat("Mikael Holm", CHAIR, "2026-01-01"),
        Seat("Emil Forsman", MEMBER, "2023-03-15"),
        Seat("Rebecka Wallén", MEMBER, "2023-03-15"),
        Seat("Josefin Ek", MEMBER, "2023-03-15"),
        Seat("Hampus Lindqvist", MEMBER, "2023-03-15"),
        Seat("Olof Nilsson", MEMBER, "2023-03-15"),
        Seat("Sanna Berg", MEMBER, "2024-09-01", note="Sammankallande för LOSAM Sydväst"),
        Seat("Peter Wiklund", CO_OPTED, "2024-01-01", note="Specialistsjukvården, vid behov"),
        Seat(PL_ALDRE, PROCESS_LEADER, "2023-03-15"),
        _communicator("2023-03-15"),
    ],
    "arbetsgrupp-primarvard-sydvast": [
        Seat("Olof Nilsson", CHAIR, "2024-02-01"),
        Seat("Ida Magnusson", MEMBER, "2024-02-01"),
        Seat("Sara Öhman", MEMBER, "2024-02-01"),
        Seat("Rebecka Wallén", MEMBER, "2024-02-01"),
        Seat(PL_ALDRE, PROCESS_LEADER, "2024-02-01"),
    ],
    "losam-sydvast": [
        Seat("Sanna Berg", CHAIR, "2023-03-15"),
        Seat("Tilda Ahlberg", MEMBER, "2023-03-15"),
        Seat("Oliver Gran", MEMBER, "2023-03-15"),
    ],
    "nosam-ockero": [
        Seat("Kent Hagberg", CHAIR, "2023-01-01", "2024-12-31"),
        Seat("Kent Hagberg", MEMBER, "2025-01-01"),
        Seat("Anna-Karin Lövgren", CHAIR, "2025-01-01"),
        Seat("Emma Börjesson", MEMBER, "2023-01-01"),
        Seat("Linn Bengtsson", MEMBER, "2023-01-01"),
        Seat("Ellinor Björklund", MEMBER, "2024-03-01", note="Rehabilitering"),
        Seat("Stina Hagström", MEMBER, "2023-01-01"),
        Seat(
            None,
            MEMBER,
            "2025-09-01",
            organisation=NARHALSAN,
            note="Vakant – ytterligare representation från regional primärvård efterfrågas",
        ),
        Seat(PL_PSYKIATRI, PROCESS_LEADER, "2023-02-01"),
        _communicator("2023-01-01"),
    ],
}

# --- Demo logins ---------------------------------------------------------------------------------

# (username, person, description, site administrator)
DEMO_LOGINS = [
    (
        "processledare",
        PL_ALDRE,
        "Processledare, NOSAM GBG Sydväst och Temagrupp Äldre; ledamot i Samverkanskontoret",
        False,
    ),
    ("ordforande", "Mikael Holm", "Ordförande, NOSAM GBG Sydväst", False),
    ("lgs", "Eva Nordin", "Ledamot, Ledningsgrupp för samverkan (LGS)", False),
    ("ordforande-lgs", "Magnus Engström", "Ordförande, Ledningsgrupp för samverkan (LGS)", False),
    (
        "processledare-lgs",
        PL_LGS,
        "Processledare, Ledningsgrupp för samverkan (LGS): förbereder möten, granskar årsrapporten",
        False,
    ),
    (
        "kommunikator",
        COMMUNICATOR_NAME,
        "Kommunikatör, Samverkanskontoret (LGS, temagrupperna och NOSAM)",
        False,
    ),
    ("admin", "Oskar Wallin", "Webbplatsadministratör (superanvändare)", True),
]

# --- Loader --------------------------------------------------------------------------------------

SUMMARY_LABELS = [
    (Organisation, "Organisationer"),
    (BodyKind, "Typer av grupper"),
    (Body, "Grupper"),
    (Person, "Personer"),
    (Membership, "Uppdrag"),
]


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _email(full_name):
    first, last = full_name.rsplit(" ", 1)
    return f"{slugify(first)}.{slugify(last)}@{EMAIL_DOMAIN}"


def _upsert(model, lookup, values, tally):
    """update_or_create that validates with full_clean() and saves only when something differs."""
    obj = model.objects.filter(**lookup).first()
    created = obj is None
    if created:
        obj = model(**lookup)
    changed = False
    for name, value in values.items():
        field = model._meta.get_field(name)
        if field.is_relation:
            current, wanted = getattr(obj, field.attname), value.pk if value else None
        else:
            current, wanted = getattr(obj, name), value
        if created or current != wanted:
            setattr(obj, name, value)
            changed = True
    if changed:
        obj.full_clean()
        obj.save()
        tally[model, "created" if created else "changed"] += 1
    return obj


def _password_hash(usernames):
    """One hash of the demo password, reusing the stored one so that a rerun changes nothing."""
    stored = (
        get_user_model()
        .objects.filter(username__in=usernames)
        .exclude(password="")
        .values_list("password", flat=True)
        .first()
    )
    if stored and check_password(DEMO_PASSWORD, stored):
        return stored
    return make_password(DEMO_PASSWORD)


@transaction.atomic
def load_demo(stdout=None, today=None):
    """Load the demo data (idempotent); returns the demo logins as dicts."""
    tally = Counter()

    organisations = {}
    for name, short_name, kind, parent, website in ORGANISATIONS:
        organisations[name] = _upsert(
            Organisation,
            {"slug": slugify(name)},
            {
                "name": name,
                "short_name": short_name,
                "kind": kind,
                "parent": organisations.get(parent),
                "website": website,
            },
            tally,
        )

    kinds = {}
    for data in BODY_KINDS:
        values = {"chair_term_months": None, "chair_rotation": ""} | data
        kinds[data["name"]] = _upsert(BodyKind, {"name": values.pop("name")}, values, tally)

    bodies = {}
    for data in BODIES:
        bodies[data.slug] = _upsert(
            Body,
            {"slug": data.slug},
            {
                "name": data.name,
                "short_name": data.short_name,
                "kind": kinds[data.kind],
                "parent": bodies[data.parent] if data.parent else None,
                "successor": bodies[data.successor] if data.successor else None,
                "plans_adopted_by": bodies[data.plans_adopted_by] if data.plans_adopted_by else None,
                "mandate": data.mandate,
                "start_date": _date(data.start),
                "end_date": _date(data.end),
                "order": data.order,
            },
            tally,
        )

    password = _password_hash([username for username, *_ in DEMO_LOGINS])
    users = {}
    for username, full_name, _description, is_admin in DEMO_LOGINS:
        first, last = full_name.rsplit(" ", 1)
        users[full_name] = _upsert(
            get_user_model(),
            {"username": username},
            {
                "first_name": first,
                "last_name": last,
                "email": _email(full_name),
                "password": password,
                "is_active": True,
                "is_staff": is_admin,
                "is_superuser": is_admin,
            },
            tally,
        )

    people = {}
    for first, last, title, organisation in PEOPLE:
        full_name = f"{first} {last}"
        values = {"title": title, "organisation": organisations[organisation], "email": _email(full_name)}
        if full_name in users:
            values["user"] = users[full_name]
        people[full_name] = _upsert(Person, {"first_name": first, "last_name": last}, values, tally)

    seats = []
    for slug, body_seats in SEATS.items():
        for seat in body_seats:
            person = people[seat.person] if seat.person else None
            organisation = organisations[seat.organisation] if seat.organisation else None
            lookup = {
                "body": bodies[slug],
                "person": person,
                "role": seat.role,
                "start_date": _date(seat.start),
            }
            values = {"end_date": _date(seat.end), "note": seat.note}
            if person is None:
                lookup["organisation"] = organisation
            else:
                values["organisation"] = organisation
            seats.append((lookup, values))

    # The demo owns the seats of its bodies: seats left by an older version of the demo data
    # (or added by hand) go first, so that a moved date cannot leave two chairs behind.
    keep = [Membership.objects.filter(**lookup).values_list("pk", flat=True).first() for lookup, _ in seats]
    stale = Membership.objects.filter(body__in=bodies.values()).exclude(pk__in=[pk for pk in keep if pk])
    tally[Membership, "removed"] = stale.delete()[1].get(Membership._meta.label, 0)
    for lookup, values in seats:
        _upsert(Membership, lookup, values, tally)

    permission_changes = sync_all_permissions()

    if stdout is not None:
        stdout.write("Demodata inläst:")
        for model, label in SUMMARY_LABELS + [(get_user_model(), "Inloggningar")]:
            stdout.write(
                f"  {label}: {model.objects.count()} "
                f"({tally[model, 'created']} nya, {tally[model, 'changed']} ändrade"
                + (f", {tally[model, 'removed']} borttagna)" if tally[model, "removed"] else ")")
            )
        stdout.write(f"  Ändrade gruppbehörigheter: {permission_changes}")

    return [
        {"username": username, "password": DEMO_PASSWORD, "description": description}
        for username, _person, description, _is_admin in DEMO_LOGINS
    ]


def demo_actor():
    """The site administrator the calendar loaders act as: the services check its rights."""
    return get_user_model().objects.filter(username="admin").first()


def demo_author(body):
    """A plausible author for the history of ``body``'s records: the demo login of its process
    leader (else its chair), else LGS's process leader, who prepares the groups' papers."""
    seat = (
        Membership.objects.filter(body=body, role__in=[PROCESS_LEADER, CHAIR], person__user__isnull=False)
        .order_by("-role")
        .select_related("person__user")
        .first()
    )
    if seat is not None:
        return seat.person.user
    return get_user_model().objects.filter(username="processledare-lgs").first()
