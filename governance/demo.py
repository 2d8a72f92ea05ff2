"""Demo data: the real collaboration structure of the Göteborg area, with invented people.

The structure (organisations, kinds of body, bodies) is ``demo/structure.toml``, following the
public documents (Samverkansplan 2024–2025, Årsrapport 2024, Handlingsplan NOSAM GBG Sydväst);
people, seats and logins are ``demo/people.toml``, every person and address invented.
``load_demo`` is idempotent: running it again changes nothing.
"""

import datetime
from collections import Counter

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils.text import slugify

from samverkan.demo import data

from .models import Body, BodyKind, Membership, Organisation, Person
from .permissions import ROLE_PERMISSIONS, holds, sync_all_permissions

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
    return f"{slugify(first)}.{slugify(last)}@{data('people')['email_domain']}"


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
    if stored and check_password(data("people")["password"], stored):
        return stored
    return make_password(data("people")["password"])


@transaction.atomic
def load_demo(stdout=None, today=None):
    """Load the structure and people (idempotent; no date in them); returns the demo logins."""
    tally = Counter()

    structure, people_data = data("structure"), data("people")
    organisations = {}
    for row in structure["organisations"]:
        organisations[row["name"]] = _upsert(
            Organisation,
            {"slug": slugify(row["name"])},
            {
                "name": row["name"],
                "short_name": row.get("short_name", ""),
                "kind": row["kind"],
                "parent": organisations.get(row.get("part_of")),
                "website": row.get("website", ""),
            },
            tally,
        )

    kinds = {}
    for row in structure["kinds"]:
        values = {"chair_term_months": None, "chair_rotation": ""} | row
        kinds[row["name"]] = _upsert(BodyKind, {"name": values.pop("name")}, values, tally)

    bodies = {}
    for row in structure["bodies"]:
        related = {
            key: bodies[row[key]] if row.get(key) else None
            for key in ("parent", "successor", "plans_adopted_by")
        }
        bodies[row["slug"]] = _upsert(
            Body,
            {"slug": row["slug"]},
            {
                "name": row["name"],
                "short_name": row.get("short_name", ""),
                "kind": kinds[row["kind"]],
                **related,
                "mandate": row.get("mandate", ""),
                "start_date": _date(row.get("start")),
                "end_date": _date(row.get("end")),
                "order": row.get("order", 0),
            },
            tally,
        )

    logins = people_data["logins"]
    password = _password_hash([login["username"] for login in logins])
    users = {}
    for login in logins:
        first, last = login["person"].rsplit(" ", 1)
        users[login["person"]] = _upsert(
            get_user_model(),
            {"username": login["username"]},
            {
                "first_name": first,
                "last_name": last,
                "email": _email(login["person"]),
                "password": password,
                "is_active": True,
                "is_staff": login["admin"],
                "is_superuser": login["admin"],
            },
            tally,
        )

    people = {}
    for row in people_data["people"]:
        full_name = f"{row['first_name']} {row['last_name']}"
        values = {
            "title": row["title"],
            "organisation": organisations[row["organisation"]],
            "email": _email(full_name),
        }
        if full_name in users:
            values["user"] = users[full_name]
        people[full_name] = _upsert(
            Person, {"first_name": row["first_name"], "last_name": row["last_name"]}, values, tally
        )

    seats = []
    for slug, body_seats in people_data["seats"].items():
        for seat in body_seats:
            person = people[seat["person"]] if seat.get("person") else None
            organisation = organisations[seat["organisation"]] if seat.get("organisation") else None
            lookup = {
                "body": bodies[slug],
                "person": person,
                "role": seat["role"],
                "start_date": _date(seat["start"]),
            }
            values = {"end_date": _date(seat.get("end")), "note": seat.get("note", "")}
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
        {
            "username": login["username"],
            "password": people_data["password"],
            "description": login["description"],
        }
        for login in logins
    ]


def demo_actor():
    """The site administrator the calendar loaders act as: the services check its rights."""
    return get_user_model().objects.filter(username="admin").first()


# Who acts first where several seats hold the right: the process leader prepares, the chair
# approves, the communicator publishes.
R = Membership.Role
ACTING_ORDER = [R.PROCESS_LEADER, R.CHAIR, R.COMMUNICATOR, R.VICE_CHAIR, R.MEMBER, R.CO_OPTED, R.SUBSTITUTE]


def acting(body, codename):
    """The demo login of a seat on ``body`` that holds ``codename`` there (its process leader,
    chair, communicator…), else the demo actor: the services then record the act by whom it would
    have been made, and check that person's right to make it."""
    seats = Membership.objects.filter(body=body, person__user__isnull=False).select_related("person__user")
    for seat in sorted(seats.order_by("pk"), key=lambda seat: ACTING_ORDER.index(seat.role)):
        if codename in ROLE_PERMISSIONS[seat.role] and holds(seat.person.user, codename, body):
            return seat.person.user
    return demo_actor()


def demo_author(body):
    """A plausible author for the history of ``body``'s records: the demo login of its process
    leader (else its chair), else LGS's process leader, who prepares the groups' papers."""
    seat = (
        Membership.objects.filter(
            body=body,
            role__in=[Membership.Role.PROCESS_LEADER, Membership.Role.CHAIR],
            person__user__isnull=False,
        )
        .order_by("-role")
        .select_related("person__user")
        .first()
    )
    if seat is not None:
        return seat.person.user
    return get_user_model().objects.filter(username="processledare-lgs").first()
