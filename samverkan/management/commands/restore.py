"""``manage.py restore DIR``: a backup from ``manage.py backup`` into an empty database and MEDIA_ROOT."""

import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from ._postgres import DATABASE_FILE, MEDIA_FILE, require_postgresql, run_client


class Command(BaseCommand):
    help = (
        "Återställer en säkerhetskopia från manage.py backup till en tom databas och en tom "
        "MEDIA_ROOT. Skriver aldrig över något: skapa databasen på nytt först (README, Drift)."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="Katalogen som manage.py backup skrev.")

    def handle(self, *args, directory, **options):
        require_postgresql()
        dump, files = directory / DATABASE_FILE, directory / MEDIA_FILE
        if not (dump.is_file() and files.is_file()):
            raise CommandError(f"{directory} saknar {DATABASE_FILE} eller {MEDIA_FILE}.")
        if connection.introspection.table_names():
            raise CommandError(
                f"Databasen {connection.settings_dict['NAME']} är inte tom: "
                "återställ bara till en tom databas."
            )
        media = Path(settings.MEDIA_ROOT)
        if media.is_dir() and any(media.iterdir()):
            raise CommandError(f"MEDIA_ROOT ({media}) är inte tom.")
        connection.close()  # pg_restore works alone, in one transaction: all or nothing
        run_client(
            "pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", dump
        )
        media.mkdir(parents=True, exist_ok=True)
        with tarfile.open(files) as archive:
            archive.extractall(media, filter="data")
        self.stdout.write(self.style.SUCCESS(f"Återställt från {directory}"))
