"""``manage.py load_demo``: load the demo data and print the demo logins."""

import datetime
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from samverkan.demo import load_all


class Command(BaseCommand):
    help = (
        "Läser in demodata: samverkansstrukturen i Göteborgsområdet med påhittade personer "
        "och demoinloggningar. Kan köras flera gånger."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Läs in även när DEBUG är av (demoinloggningarna har kända lösenord).",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Töm databasen först och börja om (annars flyttas demon fram till i dag).",
        )
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="Läs in demon som den ser ut en viss dag (ÅÅÅÅ-MM-DD) i stället för i dag.",
        )

    def handle(self, *args, force=False, reset=False, today=None, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG är av: demodata skapar en superanvändare med känt lösenord. "
                "Använd --force om det verkligen är meningen."
            )
        started = time.monotonic()
        logins = load_all(stdout=self.stdout, today=today, reset=reset)
        seconds = f"{time.monotonic() - started:.1f}".replace(".", ",")
        self.stdout.write(f"Klart på {seconds} s.\n")

        header = {"username": "Användarnamn", "password": "Lösenord", "description": "Roll"}
        rows = [header, *logins]
        widths = {key: max(len(row[key]) for row in rows) for key in ("username", "password")}
        self.stdout.write("Demoinloggningar:")
        for row in rows:
            self.stdout.write(
                f"  {row['username']:<{widths['username']}}  "
                f"{row['password']:<{widths['password']}}  {row['description']}"
            )
