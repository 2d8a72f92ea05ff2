# Production image: gunicorn serves the portal; the same image runs the Celery worker and beat.
# Pinned by tag; to pin the digest too, see the note at the top of docker-compose.yml.
FROM python:3.11.10-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-liberation gettext postgresql-client \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
# Exactly the locked versions, each checked against its hash (requirements.lock, made by
# `uv pip compile --generate-hashes` from pyproject.toml), then the project itself without resolving
# anything again.
COPY pyproject.toml requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock && pip install --no-deps .
COPY . .
RUN DEBUG=0 SECRET_KEY=build-only python manage.py collectstatic --noinput \
 && DEBUG=0 SECRET_KEY=build-only python manage.py compilemessages --ignore '.venv/*' \
 && useradd --system --home /app samverkan && mkdir -p /app/media /app/backups && chown samverkan /app/media /app/backups
USER samverkan

EXPOSE 8000
CMD ["gunicorn", "samverkan.wsgi:application", "--config", "gunicorn.conf.py"]
