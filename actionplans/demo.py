"""Demo data: Samverkansplan 2024–2025, the theme groups' delegated goals and every NOSAM's plan.

The NOSAM GBG Sydväst 2024 plan reproduces every row of the real plan (seed 002, adopted
2024-03-15). The theme groups' goals that it quotes are delegated in their plans; the other
seven NOSAMs' plans are plausible, drawn from their "Utvecklingsområden" in Årsrapport 2024.
Follow-up notes have mixed statuses. ``load_demo`` is idempotent.
"""

import datetime
from collections import Counter

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from governance.demo import _upsert, demo_actor, demo_author
from governance.models import Body, BodyKind
from samverkan.demo import data, rng, stamped

from .models import ActionPlan, Activity, CollaborationPlan, FocusArea, FollowUp, Goal
from .services import activity_move, followup_add, plan_adopt, plan_create, plan_revise, plan_submit

TRANSITIONS_FA = "Trygga, säkra och effektiva vårdövergångar"
HEALTH_FA = "Främja hälsa och förebygga ohälsa"

COLLABORATION_PLAN = {
    "period": "2024-2025",
    "title": "Samverkansplan 2024–2025",
    "overarching_goal": "Samverkan mellan kommun och region ska utjämna skillnader i hälsa.",
    "purpose": (
        "Syftet är att effektivt samordna och individanpassa insatser så att den enskilde får hälso- "
        "och sjukvård, tandvård, stöd och omsorg av god kvalitet.\n\n"
        "Målgrupp: personer som är i behov av insatser från kommun och region. Vision Västra Götaland "
        "– Det goda livet är vägledande. Hälso- och sjukvårdsavtalet är styrande."
    ),
    "success_factors": (
        "Politiker och tjänstepersoner enades om vägledande framgångsfaktorer under ett dialogmöte i "
        "maj 2023 samt vid ett gemensamt strategimöte i september 2023:\n\n"
        "- **Styrning och ledning** – lagar och förordningar, den politiska viljan och "
        "patientens/brukarens behov som styrsystem; tillitsbaserad styrning; tydliga prioriterade mål "
        "och aktiviteter. Temagrupper och NOSAM tar fram handlingsplaner med delmål och aktiviteter så "
        "att det går att genomföra på hemmaplan.\n"
        "- **Mandat och förankring** – kontinuitet, mandat och förankring enligt "
        "förvaltningsstrukturen; hålla målen kända kontinuerligt i verksamheterna.\n"
        "- **Uppföljning** – minnesanteckningar publiceras, årsrapportering enligt fastställt årshjul, "
        "brister i samverkan rapporteras i MedControl PRO (MCP); utveckla mätbara mål."
    ),
    "groups_to_consider": (
        "Ledningsgruppen har för planperioden 2024–2025 fastställt att arbetet fortsatt ska beakta:\n\n"
        "- Socioekonomiskt utsatta grupper\n- Nyanlända till Sverige\n- Kön\n"
        "- Personer med funktionsnedsättning"
    ),
}
FOCUS_AREAS = [
    (
        TRANSITIONS_FA,
        "Fastställt av politiska samrådet. Samverkan ska utveckla sammanhållen hälsa, vård och omsorg "
        "för individen.",
    ),
    (
        HEALTH_FA,
        "Fastställt av politiska samrådet. Ett förebyggande arbete minskar behovet av framtida insatser.",
    ),
]

AVVIKELSE_URL = (
    "https://www.vardsamverkan.se/organisation/delregionalvardsamverkan/"
    "kommun-och-sjukvard---samverkan-i-goteborgsomradet/omraden-for-samverkan/avvikelsehantering/"
)
KUNSKAPSSTOD_URL = (
    "https://kunskapsstyrningvard.se/kunskapsstyrningvard/kunskapsstod/publiceradekunskapsstod/"
    "primarvard/samverkandehalsoochsjukvardihemmet.73181.html"
)


def A(what, how="", follow_up="", *, status="ongoing", responsible="", timeframe="", notes=()):  # noqa: N802
    """An activity row; ``notes``: (date, light, text) follow-ups."""
    return {
        "what": what,
        "how": how,
        "follow_up": follow_up,
        "status": status,
        "responsible": responsible,
        "timeframe": timeframe,
        "notes": notes,
    }


def G(text, activities, *, area=TRANSITIONS_FA, implements=None, delegated=False, appendix=False):  # noqa: N802
    """A goal row. ``implements``: (theme group slug, goal key); ``delegated``: a key naming it."""
    return {
        "text": text,
        "activities": activities,
        "area": None if appendix else area,
        "implements": implements,
        "delegated": delegated,
        "appendix": appendix,
    }


# --- Theme groups' plans 2024 (adopted by LGS); the delegated goals are the ones NOSAMs quote ----

ALDRE, REHAB, BOU, PSYK = (
    "temagrupp-aldre",
    "temagrupp-rehabilitering-och-habilitering",
    "temagrupp-barn-och-unga",
    "temagrupp-psykiatri",
)
THEME_ADOPTED = "2023-12-06"
THEME_PLANS = {
    ALDRE: [
        G(
            "Öka kvaliteten och delaktigheten för individen i vårdens övergångar",
            [
                A(
                    "Följa upp SIP-satsningen för äldre och sprida goda exempel mellan närområdena.",
                    "Delmålet delegeras till NOSAM, som specificerar aktiviteter utifrån lokala behov.",
                    "NOSAM rapporterar i årsrapport.",
                )
            ],
            delegated="aldre-kvalitet",
        ),
        G(
            "Öka den proaktiva bedömningen av den enskilde",
            [
                A(
                    f"Implementera [kunskapsstödet Samverkande sjukvård i hemmet]({KUNSKAPSSTOD_URL}) "
                    "inom primärvårdsområdet.",
                    "Gapanalys utifrån checklistorna för verksamhetschefer; delegeras till NOSAM.",
                    "Redovisas i årsrapport.",
                )
            ],
            area=HEALTH_FA,
            delegated="aldre-proaktiv",
        ),
        G(
            "Säker informationsöverföring vid in- och utskrivning",
            [
                A(
                    "Följa processtatistik för in- och utskrivning tillsammans med UG SAMSA.",
                    "Analys två gånger per år.",
                )
            ],
        ),
    ],
    REHAB: [
        G(
            "Öka användarnas kunskap kring hantering och analys av avvikelsestatik i samverkan kopplade "
            "till område rehabilitering och habilitering. (MCP).",
            [
                A(
                    "Ta fram stöd för gemensam analys av samverkansavvikelser i MCP.",
                    "Delmålet delegeras till NOSAM.",
                    "Avvikelsestatistik redovisas för LGS.",
                )
            ],
            delegated="rehab-mcp",
        ),
        G(
            "Säkra förskrivning av hjälpmedel vid utskrivning från slutenvården",
            [
                A(
                    "Kartlägga brister i förskrivningen vid utskrivning.",
                    "Genomgång av avvikelser och rutiner.",
                )
            ],
            delegated="rehab-hjalpmedel",
        ),
    ],
    BOU: [
        G(
            "Ökad samverkan mellan kommun och sjukvård för trygga övergångar.",
            [
                A(
                    "SIP och andra samverkansverktyg som stöd vid övergångar, t.ex. till ung vuxen.",
                    "Delmålet delegeras till NOSAM och lokala samverkansgrupper barn och unga.",
                )
            ],
            delegated="bou-overgangar",
        ),
        G(
            "Verka för lokalt samverkansarbete för barns och ungas hälsa",
            [
                A(
                    "Stödja lokala samverkansgrupper barn och unga (LOSAM) enligt Tillämpningsanvisningar "
                    "utifrån Överenskommelsen Barn och Ungas hälsa.",
                    "Stimulansmedel fördelas till närområdena.",
                )
            ],
            area=HEALTH_FA,
            delegated="bou-lokalt",
        ),
    ],
    PSYK: [
        G(
            "Öka användningen av SIP för personer med samsjuklighet",
            [A("Utbildningsinsatser om SIP vid samsjuklighet.", "I samarbete med NSPH.")],
            delegated="psyk-sip",
        ),
        G(
            "Stärka det suicidpreventiva arbetet i samverkan",
            [A("Sprida delregionala utbildningar i suicidprevention.", "Via delregional samordnare.")],
            area=HEALTH_FA,
            delegated="psyk-suicid",
        ),
    ],
}

# --- NOSAM GBG Sydväst 2024: every row of seed 002 ---------------------------------------------

SYDVAST = "nosam-gbg-sydvast"
SYDVAST_INTRO = (
    "Planen är baserad på Samverkansplan och uppdragshandling NOSAM.\n\n"
    "NOSAM är ansvarig för att ta fram en egen handlingsplan som fokuserar på frågor inom närområdet "
    "och som bygger på de prioriterade fokusområdena i den antagna Samverkansplanen. Dessutom "
    "förväntas NOSAM att omhänderta och specificera olika aktiviteter baserat på de delmål som "
    "identifierats av Temagrupperna."
)
PL_NOTE = "Uppföljning sker löpande till NOSAM via processledare och rapporteras i årsrapport."
SYDVAST_2024 = [
    G(
        "",
        [
            A(
                "Stärka delaktigheten för den enskilde genom att öka antal SIP för målgruppen.\n\n"
                "Aktivitet för arbetsgruppen nedan.",
                "Omhänderta genomförd SIP-satsning genom att vidmakthålla nätverk och kontaktvägar.\n\n"
                "Att utveckla och öka användandet av SIP blir ett utav två utvecklingsområden för "
                "arbetsgruppen som identifierats som en utmaning.",
                PL_NOTE,
                notes=[
                    ("2024-04-15", "yellow", "Nätverket finns kvar men antalet SIP har inte ökat ännu."),
                    (
                        "2024-09-20",
                        "green",
                        "Fler SIP för målgruppen under hösten; arbetsgruppen följer upp.",
                    ),
                ],
            ),
            A(
                "Arbetsgrupp startar upp under första kvartalet 2024, för ökad samverkan och samsyn kring "
                "vårdövergånger med fokus på att kommunal- och regional primärvård är en och samma vårdnivå.",
                "Arbetsgruppen ska stärka relationer med varandra och mellan verksamheter och tillsammans gå "
                "igenom ingående avtal, överenskommelser och rutiner för ökad kunskap och kännedom.\n\n"
                "Arbetsgruppen har identifierat utvecklingsområden där det finns behov av ökad samsyn och "
                "samverkan där NOSAM har prioriterat två områden.\n\n"
                "Ett utvecklingsområde (av två) är att via dialog skapa samsyn och få mer tydlighet i "
                "tolkning av riktlinjer och rutiner som idag tolkas på olika sätt såväl mellan "
                "primärvårdens parter som dem sinsemellan.",
                PL_NOTE,
                notes=[
                    ("2024-04-15", "green", "Arbetsgruppen har startat och träffats två gånger."),
                    (
                        "2024-11-08",
                        "green",
                        "Första samverkansmötet mellan sjuksköterskor, planeringsteam och vårdcentraler "
                        "hölls den 7 november.",
                    ),
                ],
            ),
        ],
        implements=(ALDRE, "aldre-kvalitet"),
    ),
    G(
        "",
        [
            A(
                "Ta del av inrapporterade samverkansavvikelser, identifiera förbättringsområden och följ upp "
                "vidtagna åtgärder.\n\n"
                "Lära av avvikelsestatistiken i samverkan (MCP) genom gemensam analys, förslag på åtgärder "
                "och uppföljning.",
                "Gemensamt lärande i samverkan genom analys och dialog. Samtliga parter inom kommunal och "
                "regional primärvård ska arbeta för att skapa en god avvikelsekultur.\n\n"
                "Avvikelser av vikt uppmärksammas av ledamöter.\n\n"
                f"[Sprida information via sidan om avvikelsehantering på vårdsamverkan]({AVVIKELSE_URL})",
                "Tas upp på NOSAM efter identifierat behov.",
                notes=[("2024-04-15", "yellow", "Avvikelsestatistiken har inte gåtts igenom på NOSAM ännu.")],
            )
        ],
        implements=(REHAB, "rehab-mcp"),
    ),
    G(
        "",
        [
            A(
                "SIP och andra samverkansverktyg kan användas som stöd och struktur i samverkan vid "
                "övergångar, tex i steget till ung vuxen.",
                "NOSAM ger uppdrag till lokal samverkansgrupp barn och unga för inventering av mönster i "
                "avvikelser och/eller erfarenheter kring brister i samverkan vid vårdövergångar.\n\n"
                "Därefter presentera för NOSAM som tar ställning till att utveckla/ planera ev "
                "förbättringar.)",
                "Presenteras på NOSAM samt i årsrapport.",
                notes=[
                    (
                        "2024-09-20",
                        "red",
                        "Inventeringen har inte kommit igång; LOSAM saknar regional representation.",
                    )
                ],
            )
        ],
        implements=(BOU, "bou-overgangar"),
    ),
    G(
        "",
        [
            A(
                f"Implementera [kunskapsstödet Samverkande sjukvård i hemmet]({KUNSKAPSSTOD_URL}) inom "
                "primärvårdsområdet.",
                "Varje part läser in sig på materialet och dialog kommer att föras på NOSAM i maj.",
                "",
                notes=[
                    ("2024-09-20", "green", "NOSAM valde gapanalys för att identifiera förbättringsområden.")
                ],
            )
        ],
        area=HEALTH_FA,
        implements=(ALDRE, "aldre-proaktiv"),
    ),
    G(
        "",
        [
            A(
                "SIP och andra samverkansverktyg kan användas som stöd och struktur i samverkan vid "
                "övergångar, tex i steget till ung vuxen.\n\n"
                "Styrgrupp för lokal samverkansgrupp barn och unga (LOSAM), i enlighet med uppdrag i "
                "Tillämpningsanvisningar utifrån Överenskommelsen Barn och Ungas hälsa.",
                "LOSAM barn och unga har en utbildningsgrupp som ger organisationsöverskridande "
                "SIP-utbildningar som når både kommun och region.\n\n"
                "Alla medarbetare i Kommun och Region i stadsområde sydväst som möter barn och unga 0 till "
                "20 år ska få möjlighet att gå grundutbildning ÖK BoU och SIP.",
                "Resultatet redovisas i årsrapport.",
            ),
            A(
                "Omhänderta genomförd SIP-satsning genom att vidmakthålla nätverk och kontaktvägar.",
                status="planned",
            ),
        ],
        area=HEALTH_FA,
        implements=(BOU, "bou-lokalt"),
    ),
    G(
        "Tidiga insatser i samverkan för barn 0-6 år.",
        [
            A(
                "Etablera barnhälsonätverk.\n\n"
                "Skapa förutsättningar för att arbeta förebyggande, med tidiga insatser och ett "
                "familjebaserat arbetssätt (FCA), för barn 0-6år.",
                "En arbetsgrupp tillsattes 2023 som startar upp lokala ”barnhälsonätverk” kring barn 0-6 "
                "år. (Uppdragshandling med arbetsgrupp där FCA-koordinator 0-6 år ingår.)\n\n"
                "Målet under 2024 är att barnhälsonätverken ska vara på plats och etablerade. NOSAM kommer "
                "att följa utvecklingen och hur det påverkar samverkansfrågorna i NOSAM och LOSAM för barn "
                "och unga frågor 0-6 år.",
                "NOSAM följer etableringen och redovisar resultatet i årsrapport.",
                notes=[("2024-04-15", "green", "Två barnhälsonätverk är igång.")],
            )
        ],
        area=HEALTH_FA,
    ),
    G(
        "Stärkt samverkan vid psykisk ohälsa",
        [
            A(
                "Extrasatsning för målgruppen barn och unga som uppvisar ökad psykisk ohälsa.",
                "En heltidstjänst arbetar med barn och ungdomar som uppvisar normbrytande beteende. "
                "Samverkan i individärenden med både regionen och skolan för att stärka SIP-planer och "
                "bidra till en positiv utveckling för barn och ungdomar i sydväst.\n\n"
                "Stimulansmedel från temagrupp barn och unga för utökning av en heltidstjänst i "
                "ungdomsgruppen på socialförvaltningen i sydväst.",
                "Arbetet startar 1 januari 2024 och tjänsten är tillsatt.\n\n"
                "Medlen ska nyttjas senast 2024-12-31.\n\n"
                "Resultaten redovisas i årsrapport.",
                timeframe="2024-01-01 – 2024-12-31",
                responsible="Socialförvaltning Sydväst",
                notes=[("2024-04-15", "green", "Tjänsten är tillsatt och arbetet pågår.")],
            )
        ],
        area=HEALTH_FA,
    ),
    G(
        "Suicidprevention",
        [
            A(
                "Utbildningar från delregional samordnare i suicidprevention sprids till chefer och under "
                "2024 bjuds samordnare in för att presentera arbetet och påbörja dialog om satsningar och "
                "arbete som går att göra i samverkan.",
                "",
                "Identifieras löpande av NOSAM och tas upp för dialog och information, rapporteras i "
                "årsrapport.",
            )
        ],
        area=HEALTH_FA,
    ),
    G(
        "God löpande samordning i vårdsamverkansfrågor och kännedom om varandras verksamheter",
        [
            A(
                "Samordning i närområdet gällande aktuella behov samt samsyn kring uppdrag och "
                "ansvarsfrågor som regleras i styrdokument relevanta för samverkan ex HS-avtal och NOP.",
                "Samordning kan t ex gälla materialbeställningar, läkarmedverkan, hygienfrågor, "
                "vaccinationssamordning, nätverk mellan medarbetare, samplanera för säkerställd god vård "
                "innan/under semesterperioder, mm.\n\n"
                "Aktuell NOP ska vara känd av berörda.",
                "Följs upp enligt årshjul och behov identifieras löpande.",
                notes=[("2024-09-20", "yellow", "Förbrukningsmaterial behöver diskuteras vidare.")],
            )
        ],
        area=HEALTH_FA,
    ),
    G(
        "Förändringsarbete i samverkansstrukturen",
        [
            A(
                "I enlighet med beslutad ny samverkansstruktur har ett nytt NOSAM formerats i stadsområde "
                "Sydväst 2023.",
                "NOSAM sydväst hade sitt första möte i ny gruppering den 15 mars 2023 och har ett "
                "stadsövergripande NOSAM med uppdragsstyrda och tidsbestämda arbetsgrupper under sig.",
                "Uppföljning av beslutad ny gruppering lokalt ska följas upp av NOSAM under 2024.\n\n"
                "Första mötet om struktur och representation sker vid ett extrainsatt NOSAM i april.",
                status="done",
            )
        ],
        appendix=True,
    ),
]

# --- The other seven NOSAMs 2024 (plausible, from their Utvecklingsområden) ----------------------

OTHER_NOSAMS = {
    "nosam-gbg-centrum": [
        G(
            "",
            [
                A(
                    "Gapanalyser utifrån checklista 2 för verksamhetschefer.",
                    "Förbättringsbehov identifieras såväl internt som i samverkan och tas vidare i "
                    "lokala NOSAM.",
                    notes=[("2024-09-25", "green", "Gapanalyserna är genomförda.")],
                )
            ],
            area=HEALTH_FA,
            implements=(ALDRE, "aldre-proaktiv"),
        ),
        G(
            "",
            [
                A(
                    "Lokal samverkansgrupp BoU enligt Tillämpningsanvisningar ÖK BoU tillsätts, med särskilt "
                    "fokus på SIP för barn och unga.",
                    "SIP-utbildare samlas i ett gemensamt nätverk med uppdragshandling.",
                    notes=[("2024-09-25", "green", "Gruppen är tillsatt.")],
                )
            ],
            area=HEALTH_FA,
            implements=(BOU, "bou-lokalt"),
        ),
        G(
            "Tydlig fördelning av frågor mellan NOSAM Centrum och lokala NOSAM",
            [
                A(
                    "Utveckla prioritering och fördelning av frågor samt gång för beslut och implementering "
                    "i relation till övriga vårdsamverkansforum inom Göteborgs Stad.",
                    status="ongoing",
                    notes=[("2024-09-25", "yellow", "Beslutsgången upplevs fortfarande otydlig.")],
                )
            ],
            appendix=True,
        ),
    ],
    "nosam-gbg-hisingen": [
        G(
            "",
            [
                A(
                    "Planering efter slutenvård: samverkansmöten mellan ÄVO Myndighet, kommunal och regional "
                    "primärvård.",
                    "Processledare inom ÄVO Myndighet kallar.",
                    notes=[("2024-09-18", "green", "Samarbetet har förbättrats under året.")],
                )
            ],
            implements=(ALDRE, "aldre-kvalitet"),
        ),
        G(
            "",
            [
                A(
                    "SIP i hemmet i tidigt skede för utvalda målgrupper, t.ex. samsjuklighet och demens.",
                    "Arbetet drivs i de fyra lokala NOSAM.",
                )
            ],
            implements=(PSYK, "psyk-sip"),
        ),
        G(
            "",
            [A("Kunskapsstöd samverkande hälso- och sjukvård i hemmet: teamsamverkan (checklista 1).")],
            area=HEALTH_FA,
            implements=(ALDRE, "aldre-proaktiv"),
        ),
    ],
    "nosam-harryda": [
        G(
            "",
            [
                A(
                    "Dialog om rutiner när suicidalitet upptäcks och hur individer lotsas mellan "
                    "verksamheterna.",
                    "Inbjuden gäst från Socialstyrelsen; verksamhetscheferna tar webbutbildningarna vidare.",
                    notes=[
                        ("2024-04-10", "green", "Härrydas handlingsplan för suicidprevention presenterad.")
                    ],
                )
            ],
            area=HEALTH_FA,
            implements=(PSYK, "psyk-suicid"),
        ),
        G(
            "Tydliggöra samverkan mellan regional primärvård och Härrydas demensteam",
            [A("Uppdatera demensteamets uppdrag och ansvar.", status="planned")],
        ),
        G(
            "",
            [
                A(
                    "Lokal NOSAM Barn och unga: barn och unga i gränszonen mellan primärvård och "
                    "specialistvård."
                )
            ],
            area=HEALTH_FA,
            implements=(BOU, "bou-lokalt"),
        ),
    ],
    "nosam-molndal": [
        G(
            "",
            [
                A(
                    "Arbetsgrupp primärvård tar fram ett lokalt vägledande dokument för "
                    "remissutfärdande till "
                    "kommunal primärvård.",
                    "Två möten per termin; alla vårdcentraler erbjuds att delta.",
                    notes=[("2024-09-12", "green", "Arbetsgruppen har träffats fyra gånger.")],
                )
            ],
            implements=(ALDRE, "aldre-kvalitet"),
        ),
        G(
            "",
            [
                A(
                    "Ta upp avvikelser i arbetsgrupp primärvård i syfte att förbättra samverkan.",
                    status="planned",
                )
            ],
            implements=(REHAB, "rehab-mcp"),
        ),
        G(
            "Mobil hemsjukvårdsläkare",
            [
                A(
                    "Söka stimulansmedel tillsammans med regional primärvård för mobil hemsjukvårdsläkare.",
                    notes=[
                        ("2024-09-12", "yellow", "Projektförslaget är framtaget; ansökan ej beviljad ännu.")
                    ],
                )
            ],
            area=HEALTH_FA,
        ),
    ],
    "nosam-gbg-nordost": [
        G(
            "",
            [
                A(
                    "Arbetsgrupp BoU konkretiserar tillämpningsanvisningarna utifrån verksamhetens behov.",
                    "En ”bokcirkel” med tillämpningsanvisningarna som grund.",
                    notes=[("2024-10-02", "green", "Uppdraget omfattar nu 0–18 år.")],
                )
            ],
            implements=(BOU, "bou-overgangar"),
        ),
        G(
            "Närområdesplanen (NOP)",
            [A("Ansvarsfördelning och kontaktuppgifter i NOP för samverkande sjukvård i hemmet.")],
        ),
        G(
            "Stöd till arbetsgrupperna",
            [
                A(
                    "Reviderade uppdragshandlingar för arbetsgrupperna tas fram i början av 2025.",
                    status="planned",
                    notes=[("2024-10-02", "red", "Minskat processledarstöd försenar arbetet.")],
                )
            ],
            appendix=True,
        ),
    ],
    "nosam-partille": [
        G(
            "",
            [
                A(
                    "Robust informationsöverföring inför hemgång: hemtjänsten får korrekt och fullständig "
                    "information.",
                    "Involvera hemtjänsten tidigare i planeringen; utforska hemtjänstens tillgång "
                    "till SAMSA.",
                    notes=[("2024-09-30", "red", "Brister kvarstår i informationen till hemtjänsten.")],
                )
            ],
            implements=(ALDRE, "aldre-kvalitet"),
        ),
        G(
            "",
            [A("Fler multidisciplinära inskrivningssamtal i kommunal hälso- och sjukvård.")],
            area=HEALTH_FA,
            implements=(ALDRE, "aldre-proaktiv"),
        ),
        G(
            "Läkemedelsgenomgångar",
            [A("Regelbundna läkemedelsgenomgångar för äldre för att minska olämplig medicinering.")],
            area=HEALTH_FA,
        ),
    ],
    "nosam-ockero": [
        G(
            "",
            [
                A(
                    "MHFA-utbildningar och informationsinsatser om suicidprevention.",
                    notes=[("2024-09-05", "green", "Utbildningar genomförda under våren.")],
                )
            ],
            area=HEALTH_FA,
            implements=(PSYK, "psyk-suicid"),
        ),
        G(
            "",
            [A("Implementering av HLT-teamsmodellen för barn i åldrarna 6–12 år.")],
            area=HEALTH_FA,
            implements=(BOU, "bou-lokalt"),
        ),
        G(
            "Brukarmedverkan",
            [A("Nya brukarråd och dialogforum; bättre användning av enkätdata för att rikta insatser.")],
        ),
    ],
}
OTHER_ADOPTED = "2024-03-20"


def _date(value):
    return datetime.date.fromisoformat(value)


def _plan(body, period, cplan, status, adopted_on, adopting, intro, tally):
    return _upsert(
        ActionPlan,
        {"body": body, "period": period, "revision": 1},
        {
            "collaboration_plan": cplan,
            "introduction": intro,
            "status": status,
            "adopted_on": _date(adopted_on) if adopted_on else None,
            "adopted_by_body": adopting if adopted_on else None,
        },
        tally,
    )


def _rows(plan, goals, areas, delegated, kinds, author, tally):
    for order, spec in enumerate(goals, start=1):
        implements = delegated[spec["implements"][1]] if spec["implements"] else None
        goal = _upsert(
            Goal,
            {"plan": plan, "order": order},
            {
                "text": spec["text"],
                "focus_area": areas[spec["area"]] if spec["area"] else None,
                "in_appendix": spec["appendix"],
                "implements": implements,
                "delegated": bool(spec["delegated"]),
                "delegated_to": kinds["NOSAM"] if spec["delegated"] else None,
            },
            tally,
        )
        if spec["delegated"]:
            delegated[spec["delegated"]] = goal
        for a_order, activity in enumerate(spec["activities"], start=1):
            row = _upsert(
                Activity,
                {"goal": goal, "order": a_order},
                {
                    "plan": plan,
                    "what": activity["what"],
                    "how": activity["how"],
                    "follow_up": activity["follow_up"],
                    "status": activity["status"],
                    "responsible": activity["responsible"],
                    "timeframe": activity["timeframe"],
                },
                tally,
            )
            for day, light, text in activity["notes"]:
                _upsert(
                    FollowUp,
                    {"activity": row, "date": _date(day)},
                    {"status": light, "text": text, "author": author},
                    tally,
                )


def _backdate(plan, day):
    """Make "senast ändrad" of a freshly loaded plan its adoption day, as on paper."""
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    plan.history.update(history_date=at)
    Goal.history.filter(plan_id=plan.pk).update(history_date=at)
    Activity.history.filter(plan_id=plan.pk).update(history_date=at)


@transaction.atomic
def load_demo(stdout=None, today=None):
    """Load the plan demo data up to ``today`` (idempotent); needs the governance demo loaded first."""
    bodies = {b.slug: b for b in Body.objects.filter(slug__in=["lgs", SYDVAST, *THEME_PLANS, *OTHER_NOSAMS])}
    if "lgs" not in bodies or SYDVAST not in bodies:
        return None
    tally = Counter()
    kinds = {k.name: k for k in BodyKind.objects.filter(name="NOSAM")}
    author = get_user_model().objects.filter(username="processledare").first()
    cplan = _upsert(
        CollaborationPlan,
        {"period": COLLABORATION_PLAN["period"]},
        {k: v for k, v in COLLABORATION_PLAN.items() if k != "period"} | {"adopted_by": bodies["lgs"]},
        tally,
    )
    areas = {}
    for order, (name, description) in enumerate(FOCUS_AREAS, start=1):
        areas[name] = _upsert(
            FocusArea,
            {"collaboration_plan": cplan, "order": order},
            {"name": name, "description": description},
            tally,
        )

    fresh = []
    delegated = {}
    Status = ActionPlan.Status
    for slug, goals in THEME_PLANS.items():
        body = bodies[slug]
        new = not ActionPlan.objects.filter(body=body, period="2024").exists()
        plan = _plan(body, "2024", cplan, Status.ADOPTED, THEME_ADOPTED, bodies["lgs"], "", tally)
        _rows(plan, goals, areas, delegated, kinds, None, tally)
        if new:
            fresh.append((plan, _date(THEME_ADOPTED)))

    plans = [(SYDVAST, "2024", SYDVAST_2024, Status.ADOPTED, "2024-03-15", SYDVAST_INTRO, author)]
    plans += [
        (slug, "2024", goals, Status.ADOPTED, OTHER_ADOPTED, "", None) for slug, goals in OTHER_NOSAMS.items()
    ]
    for slug, period, goals, status, adopted_on, intro, note_author in plans:
        body = bodies[slug]
        new = not ActionPlan.objects.filter(body=body, period=period).exists()
        plan = _plan(body, period, cplan, status, adopted_on, body.plans_adopted_by or body, intro, tally)
        _rows(plan, goals, areas, delegated, kinds, note_author, tally)
        if new and adopted_on:
            fresh.append((plan, _date(adopted_on)))
    for plan, day in fresh:
        _backdate(plan, day)
    follow_the_calendar(today or timezone.localdate(), cplan)

    if stdout is not None:
        stdout.write("Handlingsplaner inlästa:")
        for model, label in [
            (ActionPlan, "Handlingsplaner"),
            (Goal, "Delmål"),
            (Activity, "Aktiviteter"),
            (FollowUp, "Uppföljningar"),
        ]:
            stdout.write(
                f"  {label}: {model.objects.count()} "
                f"({tally[model, 'created']} nya, {tally[model, 'changed']} ändrade)"
            )
    return None


# --- The years after 2024, relative to the day of loading (demo/plans.toml) ----------------------


def _on(year, spec):
    return datetime.date(year, spec["month"], spec["day"])


def _period(first, years, year):
    start = year - (year - first) % years
    return start, f"{start}-{start + years - 1}"


def _collaboration_plans(today, first_plan):
    """Every collaboration plan from the first to the one covering ``today`` (adopted), and the
    next one in draft near the end of the period. Returns the plans by year covered."""
    config = data("plans")["collaboration"]
    lgs = Body.objects.get(slug=config["adopted_by"])
    by_year = {}
    start, _ = _period(config["first_year"], config["years"], config["first_year"])
    current_start, _ = _period(config["first_year"], config["years"], today.year)
    last_start = current_start
    if today >= _on(current_start + config["years"] - 1, config["next_draft_from"]):
        last_start += config["years"]
    while start <= last_start:
        period = f"{start}-{start + config['years'] - 1}"
        adopted = _on(start - 1, config["adopted"])
        plan = CollaborationPlan.objects.filter(period=period).first()
        if plan is None:
            plan = CollaborationPlan(
                period=period,
                title=config["title"].format(period=period.replace("-", "–")),
                overarching_goal=first_plan.overarching_goal,
                purpose=first_plan.purpose,
                success_factors=first_plan.success_factors,
                groups_to_consider=first_plan.groups_to_consider.replace(
                    first_plan.period_label, period.replace("-", "–")
                ),
            )
            with stamped(
                [CollaborationPlan, FocusArea], adopted - datetime.timedelta(days=90), demo_author(lgs)
            ):
                plan.full_clean()
                plan.save()
                for area in first_plan.focus_areas.all():
                    FocusArea.objects.create(
                        collaboration_plan=plan,
                        name=area.name,
                        description=area.description,
                        order=area.order,
                    )
        if plan.adopted_on is None and adopted <= today:
            with stamped([CollaborationPlan], adopted, demo_author(lgs)):
                plan.adopted_by, plan.adopted_on = lgs, adopted
                plan.save()
        for year in range(start, start + config["years"]):
            by_year[year] = plan
        start += config["years"]
    return by_year


def follow_the_calendar(today, first_plan):
    """Each year's plans up to ``today`` and a little beyond, through the portal's services."""
    config = data("plans")["yearly"]
    cplans = _collaboration_plans(today, first_plan)
    actor = demo_actor()
    bodies = Body.objects.filter(action_plans__period="2024").distinct().select_related("kind")
    authors = {}
    models = [ActionPlan, Goal, Activity, FollowUp]
    for body in bodies:
        author = authors.setdefault(body.pk, demo_author(body))
        adopting = body.plans_adopted_by or body
        adopter = authors.setdefault(adopting.pk, demo_author(adopting))
        for year in range(config["first_year"], today.year + 2):
            created = _on(year - 1, config["created"])
            if created > today or year not in cplans:
                break
            plan = ActionPlan.objects.filter(body=body, period=str(year), revision=1).first()
            if plan is None:
                source = ActionPlan.objects.current().filter(body=body, period=str(year - 1)).first()
                source = (
                    source
                    or ActionPlan.objects.filter(body=body, period=str(year - 1))
                    .order_by("-revision")
                    .first()
                )
                plan = ActionPlan(
                    body=body,
                    period=str(year),
                    collaboration_plan=cplans[year],
                    introduction=source.introduction if source else "",
                )
                with stamped(models, created, author):
                    plan_create(plan=plan, user=actor, copy_from=source)
            submitted = _on(year - 1, config["submitted"])
            if plan.status == ActionPlan.Status.DRAFT and submitted <= today:
                with stamped(models, submitted, author):
                    plan = plan_submit(plan=plan, user=actor)
            adopted = _on(year - 1, config["adopted"])
            if plan.status == ActionPlan.Status.SUBMITTED and adopted <= today:
                with stamped(models, adopted, adopter):
                    plan = plan_adopt(plan=plan, user=actor, adopted_on=adopted)
            for round_, spec in enumerate(config["follow_ups"]):
                _follow_up(plan, _on(year, spec), today, round_, config["followed_activities"], author)
            _outcomes(plan, _on(year, config["outcomes"]), today, config["followed_activities"], author)
    for spec in data("plans")["revisions"]:
        _revision(spec, today, actor, authors)


def _followed(plan, count, round_):
    activities = list(plan.activities.order_by("goal__order", "order"))
    random_ = rng(plan.body.slug, plan.period, round_)
    return random_.sample(activities, min(count, len(activities)))


def _follow_up(plan, day, today, round_, count, author):
    plan = ActionPlan.objects.current().filter(body=plan.body, period=plan.period).first() or plan
    if (
        day > today
        or plan.follow_up_refusal()
        or FollowUp.objects.filter(activity__plan=plan, date=day).exists()
    ):
        return
    notes = data("texts")["follow_ups"]
    for index, activity in enumerate(_followed(plan, count, round_)):
        note = rng(plan.body.slug, plan.period, round_, index).choice(notes[:3] if round_ == 0 else notes)
        topic = rng(activity.pk, day).choice(data("texts")["topics"])
        with stamped([FollowUp], day, author):
            followup_add(
                activity=activity,
                user=demo_actor(),
                status=note["light"],
                text=note["text"].format(topic=topic),
                date=day,
            )


def _outcomes(plan, day, today, count, author):
    """At the end of the year most followed activities are done; the rest are postponed."""
    plan = ActionPlan.objects.current().filter(body=plan.body, period=plan.period).first() or plan
    if day > today or plan.follow_up_refusal():
        return
    for index, activity in enumerate(_followed(plan, count, "outcome")):
        move = "postpone" if index == count - 1 else "finish"
        if activity.status in {Activity.Status.DONE, Activity.Status.POSTPONED, Activity.Status.CANCELLED}:
            continue
        with stamped([Activity], day, author):
            activity_move(activity=activity, user=demo_actor(), move=move)


def _revision(spec, today, actor, authors):
    """This year's plan of a body opened again for revision (and perhaps submitted)."""
    plan = ActionPlan.objects.current().filter(body__slug=spec["body"], period=str(today.year)).first()
    if plan is None or ActionPlan.objects.open().filter(body=plan.body, period=plan.period).exists():
        return
    if ActionPlan.objects.filter(body=plan.body, period=plan.period, revision__gt=1).exists():
        return  # revised once already this year: the demo leaves the rest to its visitors
    day = max(plan.adopted_on + datetime.timedelta(days=3), today - datetime.timedelta(days=spec["days_ago"]))
    author = authors.get(plan.body_id) or demo_author(plan.body)
    with stamped([ActionPlan, Goal, Activity], day, author):
        revision = plan_revise(plan=plan, user=actor)
    if spec["submit"]:
        with stamped([ActionPlan], min(today, day + datetime.timedelta(days=2)), author):
            plan_submit(plan=revision, user=actor)
