"""What ``backup`` and ``restore`` share: the PostgreSQL client programs, run for Django's database."""

import os
import subprocess

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection

DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"


def require_postgresql():
    if connection.vendor != "postgresql":
        raise CommandError(
            "Säkerhetskopiering gäller PostgreSQL (DATABASE_URL). En SQLite-databas kopieras som fil."
        )


def run_client(program, *args):
    """Run pg_dump or pg_restore against the default database; a failure stops with its message."""
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGPASSWORD": db["PASSWORD"] or os.environ.get("PGPASSWORD", "")}
    target = [
        "--host",
        db["HOST"] or "localhost",
        "--port",
        str(db["PORT"] or 5432),
        "--username",
        db["USER"],
    ]
    result = subprocess.run(
        [program, *target, "--dbname", db["NAME"], *args], env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise CommandError(f"{program} misslyckades: {result.stderr.strip()}")
