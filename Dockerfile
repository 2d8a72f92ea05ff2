# Production image: gunicorn serves the portal; the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-liberation gettext postgresql-client \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml ./
RUN pip install --upgrade pip && pip install .
COPY . .
RUN DEBUG=0 SECRET_KEY=build-only python manage.py collectstatic --noinput \
 && DEBUG=0 SECRET_KEY=build-only python manage.py compilemessages --ignore '.venv/*' \
 && useradd --system --home /app samverkan && mkdir -p /app/media /app/backups && chown samverkan /app/media /app/backups
USER samverkan

EXPOSE 8000
CMD ["gunicorn", "samverkan.wsgi:application", "--config", "gunicorn.conf.py"]
