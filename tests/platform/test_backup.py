"""Backup and restore on PostgreSQL: the demo data and uploaded files survive the round trip whole.

``manage.py backup`` runs here on the test database; ``manage.py restore`` runs as production
would, in its own process pointed at a freshly created, empty database and media directory.
"""

import hashlib
import os
import subprocess
import sys

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.conftest import DEMO_DAY, require
from tests.platform.test_deployment import ROOT

pytestmark = pytest.mark.services


ALL_ROWS = "string_agg(t::text, '|' ORDER BY t::text)"


def fingerprint(cursor):
    """Per table its row count and a checksum of every row; per sequence its position."""
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    tables = [name for (name,) in cursor.fetchall()]
    result = {}
    for table in tables:
        cursor.execute(f"SELECT count(*), md5(coalesce({ALL_ROWS}, '')) FROM \"{table}\" t")
        result[table] = cursor.fetchone()
    cursor.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")
    result.update({f"sequence {name}": value for name, value in cursor.fetchall()})
    return result


def files(root):
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def server_url(name):
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{name}"


@pytest.fixture
def empty_database():
    require(connection.vendor == "postgresql", "needs PostgreSQL")
    name = f"{connection.settings_dict['NAME']}_restored"
    with psycopg.connect(server_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(server_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_a_restore_into_an_empty_database_is_identical(settings, tmp_path, empty_database):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", force=True, today=DEMO_DAY, stdout=open(os.devnull, "w"))
    (settings.MEDIA_ROOT / "meetings" / "2026").mkdir(parents=True)
    (settings.MEDIA_ROOT / "meetings" / "2026" / "bilaga.pdf").write_bytes(b"%PDF-1.7 " + os.urandom(4096))
    (settings.MEDIA_ROOT / "reports" / "årsrapport 2025.pdf").parent.mkdir()
    (settings.MEDIA_ROOT / "reports" / "årsrapport 2025.pdf").write_bytes(os.urandom(1000))

    call_command("backup", tmp_path / "backup", stdout=open(os.devnull, "w"))
    restored_media = tmp_path / "restored-media"
    env = {**os.environ, "DATABASE_URL": server_url(empty_database), "MEDIA_ROOT": str(restored_media)}
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(tmp_path / "backup")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr

    with connection.cursor() as cursor:
        original = fingerprint(cursor)
    with psycopg.connect(server_url(empty_database)) as restored:
        copy = fingerprint(restored.cursor())
    assert original["governance_person"][0] > 100 and original["meetings_meeting"][0] > 0
    assert copy == original
    assert files(restored_media) == files(settings.MEDIA_ROOT) and len(files(restored_media)) == 2


@pytest.mark.django_db(transaction=True)
def test_restore_never_overwrites_a_database_in_use(tmp_path, settings):
    require(connection.vendor == "postgresql", "needs PostgreSQL")
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("backup", tmp_path / "backup", stdout=open(os.devnull, "w"))
    with pytest.raises(CommandError, match="är inte tom"):
        call_command("restore", tmp_path / "backup")


@pytest.mark.django_db(transaction=True)
def test_a_backup_never_mixes_with_an_earlier_one(tmp_path):
    require(connection.vendor == "postgresql", "needs PostgreSQL")
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "database.dump").write_text("older")
    with pytest.raises(CommandError, match="är inte tom"):
        call_command("backup", tmp_path / "backup")
