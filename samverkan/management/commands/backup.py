"""``manage.py backup DIR``: the database (pg_dump, custom format) and the uploaded files (tar)."""

import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ._postgres import DATABASE_FILE, MEDIA_FILE, require_postgresql, run_client


class Command(BaseCommand):
    help = (
        "Säkerhetskopierar portalen till en ny katalog: databasen (pg_dump, eget format) och de "
        "uppladdade filerna (MEDIA_ROOT som tar-arkiv). Återställs med manage.py restore."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="Ny eller tom katalog för säkerhetskopian.")

    def handle(self, *args, directory, **options):
        require_postgresql()
        if directory.exists() and any(directory.iterdir()):
            raise CommandError(f"{directory} är inte tom: välj en ny katalog för varje säkerhetskopia.")
        directory.mkdir(parents=True, exist_ok=True)
        run_client(
            "pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", directory / DATABASE_FILE
        )
        with tarfile.open(directory / MEDIA_FILE, "w:gz") as archive:
            media = Path(settings.MEDIA_ROOT)
            if media.is_dir():
                for path in sorted(media.iterdir()):
                    archive.add(path, arcname=path.name)
        self.stdout.write(self.style.SUCCESS(f"Säkerhetskopian finns i {directory}"))
