"""Generated structure for scale tests: one sub-region per unit of ``generate_scale_data``.

A unit is a sub-region run on the Göteborg model under other names: a coordinating group, two
theme groups and three NOSAMs, their municipalities and care providers, about seventy people
with logins, and their seats from the first generated year (one member per group is replaced
half-way, so the seats have a history). Everything is derived from the unit's number and a seeded
random generator, so the same arguments give the same data.

Written in bulk (``bulk_create_with_history``, so the history rows exist as the app would write
them): people and seats. Organisations and bodies are few and saved one by one. Logins are
created with ``bulk_create`` (users have no history) and their body permissions synchronised
through ``sync_user_permissions``, the one place where seats become permissions.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from .models import Body, BodyKind, Membership, Organisation, Person
from .permissions import sync_user_permissions

Role = Membership.Role

SUB_REGIONS = [
    "Fyrbodal",
    "Skaraborg",
    "Sjuhärad",
    "Södra Bohuslän",
    "Dalsland",
    "Norra Älvsborg",
    "Västra Skaraborg",
    "Östra Skaraborg",
    "Kungälv och Ale",
    "Mark och Svenljunga",
    "Lidköping och Vara",
    "Trollhättan och Vänersborg",
]
MUNICIPALITIES = [
    "Ale", "Alingsås", "Bengtsfors", "Bollebygd", "Borås", "Dals-Ed", "Essunga", "Falköping",
    "Färgelanda", "Grästorp", "Gullspång", "Götene", "Herrljunga", "Hjo", "Karlsborg", "Kungälv",
    "Lerum", "Lidköping", "Lilla Edet", "Lysekil", "Mariestad", "Mark", "Mellerud", "Munkedal",
    "Orust", "Skara", "Skövde", "Sotenäs", "Stenungsund", "Strömstad", "Svenljunga", "Tanum",
    "Tibro", "Tidaholm", "Tjörn", "Tranemo", "Trollhättan", "Uddevalla", "Ulricehamn", "Vara",
    "Vårgårda", "Vänersborg", "Åmål",
]  # fmt: skip
FIRST_NAMES = [
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Kerstin", "Emma", "Ingrid", "Malin", "Sofia",
    "Johanna", "Linnéa", "Elin", "Helena", "Erik", "Lars", "Karl", "Anders", "Johan", "Per",
    "Mikael", "Nils", "Jonas", "Fredrik", "Magnus", "Oskar", "Henrik", "Gustav", "Ahmed", "Leila",
]  # fmt: skip
LAST_NAMES = [
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Lindberg",
    "Lindström", "Lindqvist", "Engström", "Holm", "Bergström", "Sandberg", "Forsberg", "Sjöberg",
    "Wallin", "Lund", "Berglund", "Hassan", "Ali", "Mohammadi", "Nyström", "Åberg", "Öberg",
]  # fmt: skip
TITLES = [
    "Förvaltningschef", "Verksamhetschef", "Enhetschef", "Avdelningschef", "Utvecklingsledare",
    "Vårdcentralschef", "Medicinskt ansvarig sjuksköterska", "Socialchef", "Områdeschef",
]  # fmt: skip
AREAS = ["Norra", "Södra", "Östra", "Västra", "Centrum"]
MEMBERS_PER_BODY = 8

# Kinds of body a unit uses, found by name (the demo's) or created: (name, plural, order).
KINDS = {
    "root": ("Delregion", "Delregioner", 0),
    "leadership": ("Ledningsgrupp", "Ledningsgrupper", 3),
    "theme": ("Temagrupp", "Temagrupper", 7),
    "nosam": ("NOSAM", "NOSAM", 8),
}


@dataclass
class Seat:
    person: Person
    user: object
    organisation: Organisation
    role: str
    start: datetime.date
    end: datetime.date | None = None

    def is_current(self, on):
        return self.start <= on and (self.end is None or self.end >= on)


@dataclass
class Unit:
    """What a generated sub-region consists of, for the other apps' generators."""

    number: int
    name: str
    root: Body
    leadership: Body
    themes: list
    nosams: list
    organisations: list
    process_leader: Seat
    seats: dict = field(default_factory=dict)  # body id → [Seat]

    @property
    def meeting_bodies(self):
        return [self.leadership, *self.themes, *self.nosams]


def kinds():
    return {
        key: BodyKind.objects.get_or_create(name=name, defaults={"name_plural": plural, "order": order})[0]
        for key, (name, plural, order) in KINDS.items()
    }


def unit_name(number):
    name = SUB_REGIONS[(number - 1) % len(SUB_REGIONS)]
    return name if number <= len(SUB_REGIONS) else f"{name} {(number - 1) // len(SUB_REGIONS) + 1}"


def unit_slug(number):
    return f"skala-{number}"


def unit_exists(number):
    return Body.objects.filter(slug=unit_slug(number)).exists()


def generate_unit(*, number, rng, first_year, password_hash, kinds):
    """Create sub-region ``number`` (its bodies, organisations, people, logins and seats)."""
    name = unit_name(number)
    start = datetime.date(first_year, 1, 1)
    towns = [
        MUNICIPALITIES[(3 * (number - 1) + i) % len(MUNICIPALITIES)]
        + ("" if 3 * number <= len(MUNICIPALITIES) else f" {number}")
        for i in range(3)
    ]
    organisations = [
        _organisation(f"{town} kommun", Organisation.Kind.MUNICIPALITY, f"{unit_slug(number)}-{town}")
        for town in towns
    ] + [
        _organisation(f"Hälso- och sjukvården {name}", Organisation.Kind.REGION, f"{unit_slug(number)}-hsv"),
        _organisation(f"Primärvården {name}", Organisation.Kind.REGION, f"{unit_slug(number)}-pv"),
    ]
    root = _body(f"Vårdsamverkan {name}", unit_slug(number), kinds["root"], None, 0, start)
    leadership = _body(f"Samordningsgrupp {name}", None, kinds["leadership"], root, 0, start)
    themes = [
        _body(f"Temagrupp {theme} {name}", None, kinds["theme"], leadership, order, start, leadership)
        for order, theme in enumerate(["Äldre", "Barn och unga"])
    ]
    nosams = [
        _body(f"NOSAM {town}", None, kinds["nosam"], leadership, order, start, leadership)
        for order, town in enumerate(towns)
    ]
    bodies = [leadership, *themes, *nosams]

    people = []  # (person, organisation)

    def new_person(organisation):
        person = Person(
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            title=rng.choice(TITLES),
            organisation=organisation,
        )
        people.append(person)
        return person

    plans = []  # (body, person, role, start, end)
    leader = new_person(organisations[-1])
    communicator = new_person(organisations[-1])
    half_way = datetime.date(first_year + 5, 1, 1)
    for body in bodies:
        plans.append((body, leader, Role.PROCESS_LEADER, start, None))
        plans.append((body, communicator, Role.COMMUNICATOR, start, None))
        roles = [Role.CHAIR, Role.VICE_CHAIR] + [Role.MEMBER] * MEMBERS_PER_BODY
        for i, role in enumerate(roles):
            person = new_person(organisations[i % len(organisations)])
            if i == len(roles) - 1:  # one member is replaced half-way
                plans.append((body, person, role, start, half_way - datetime.timedelta(days=1)))
                person = new_person(organisations[(i + 1) % len(organisations)])
                plans.append((body, person, role, half_way, None))
            else:
                plans.append((body, person, role, start, None))

    User = get_user_model()
    users = User.objects.bulk_create(
        [
            User(
                username=f"{unit_slug(number)}-{i + 1}",
                first_name=person.first_name,
                last_name=person.last_name,
                email=f"{slugify(person.first_name)}.{slugify(person.last_name)}.{number}.{i + 1}@example.se",
                password=password_hash,
            )
            for i, person in enumerate(people)
        ]
    )
    for person, user in zip(people, users, strict=True):
        person.user = user
        person.email = user.email
    reason = "Genererad testdata"
    bulk_create_with_history(people, Person, default_change_reason=reason)
    bulk_create_with_history(
        [
            Membership(body=body, person=person, role=role, start_date=begin, end_date=end)
            for body, person, role, begin, end in plans
        ],
        Membership,
        default_change_reason=reason,
    )
    for user in users:
        sync_user_permissions(user)

    seats = {}
    for body, person, role, begin, end in plans:
        seats.setdefault(body.pk, []).append(Seat(person, person.user, person.organisation, role, begin, end))
    process_leader = Seat(leader, leader.user, leader.organisation, Role.PROCESS_LEADER, start)
    return Unit(number, name, root, leadership, themes, nosams, organisations, process_leader, seats)


def _organisation(name, kind, slug):
    organisation = Organisation(name=name, kind=kind, slug=slugify(slug))
    organisation.save()
    return organisation


def _body(name, slug, kind, parent, order, start, adopter=None):
    body = Body(
        name=name,
        slug=slug or slugify(name),
        kind=kind,
        parent=parent,
        order=order,
        start_date=start,
        plans_adopted_by=adopter,
        mandate=f"{name} samordnar samverkan mellan kommunerna och regionen i sitt område.",
    )
    body.save()
    return body
