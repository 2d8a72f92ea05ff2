"""``manage.py generate_scale_data --factor N``: N generated sub-regions for load tests."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reports.scale import PASSWORD, generate


class Command(BaseCommand):
    help = (
        "Skapar testdata i skala: N påhittade delregioner med tio års möten, protokoll, "
        "handlingsplaner och årsrapportavsnitt (deterministiskt; körs den igen läggs bara de "
        "delregioner till som saknas)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=int, required=True, help="Antal delregioner (1, 3, 10 …).")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--first-year", type=int, default=2017)
        parser.add_argument("--last-year", type=int, default=2026)
        parser.add_argument(
            "--force",
            action="store_true",
            help="Skapa även när DEBUG är av (inloggningarna har ett känt lösenord).",
        )

    def handle(self, *args, factor, seed, first_year, last_year, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG är av: testdatan skapar inloggningar med känt lösenord. "
                "Använd --force om det verkligen är meningen."
            )
        if factor < 1 or first_year > last_year:
            raise CommandError("--factor måste vara minst 1 och --first-year högst --last-year.")
        started = time.monotonic()
        added = generate(
            factor=factor,
            seed=seed,
            first_year=first_year,
            last_year=last_year,
            log=lambda line: self.stdout.write(line),
        )
        self.stdout.write(
            f"{len(added)} delregioner tillagda på {time.monotonic() - started:.1f} s; "
            f"inloggningarna (skala-<n>-<i>) har lösenordet {PASSWORD}."
        )
