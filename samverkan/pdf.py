"""Public PDFs built once for each state of their content and served as files.

WeasyPrint takes a second or more for a document of a few pages (PITFALLS.md), so a public PDF
(published minutes, an adopted action plan) is not rendered per request. The app renders the
HTML the PDF is made from (a few queries, milliseconds); ``ensure_public_pdf`` keeps one PDF per
object, version and hash of that HTML in the default storage,
``pdf/<folder>/<pk>-v<version>-<hash>.pdf``. Whatever changes what the PDF shows (a new version,
a correction, a follow-up) changes the name, so the next request builds a new file and gets a new
ETag; nothing else does. ``pdf_response`` serves the file with that ETag and Last-Modified and
answers 304 to a client that already has it.

Drafts are not stored: ``pdf_response`` without a stored name renders them per request, uncached.
"""

import hashlib
import io
import os
import tempfile
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse
from django.utils.cache import add_never_cache_headers, get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

# Browsers and proxies may reuse a public PDF this long without asking; after that a conditional
# request costs the HTML and a 304. Short, so a correction reaches readers within minutes.
PUBLIC_MAX_AGE = 300


def render_pdf(html):
    """WeasyPrint: a tagged PDF/UA-1 document (the HTML carries ``lang`` and ``<title>``)."""
    from weasyprint import HTML

    return HTML(string=html, base_url=settings.SITE_URL).write_pdf(pdf_variant="pdf/ua-1")


def ensure_public_pdf(obj, *, folder, html):
    """The storage name of ``obj``'s public PDF made from ``html``, built now if it is missing.

    Built once: of concurrent first requests one renders while holding a lock on ``obj``'s row
    (``select_for_update``, released at the end of the transaction, also if the process dies);
    the others wait for the lock and then find the file. A file appears under its name only
    complete (written aside, then renamed), so a reader that does not lock never gets half of
    one. Callable without a request (a task can pre-build on publication).
    """
    digest = hashlib.sha256(html.encode()).hexdigest()[:16]
    name = f"pdf/{folder}/{obj.pk}-v{obj.version}-{digest}.pdf"
    if default_storage.exists(name):
        return name
    with transaction.atomic():
        type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        if not default_storage.exists(name):
            _store(name, render_pdf(html))
            _remove_earlier(folder, obj.pk, keep=name)
    return name


def _store(name, data):
    """Write ``data`` under ``name`` in one step: to a temporary file beside it, then rename."""
    try:
        path = default_storage.path(name)
    except NotImplementedError:  # a remote storage: one upload is already all or nothing
        default_storage.save(name, ContentFile(data))
        return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=os.path.dirname(path), suffix=".part", delete=False) as part:
        part.write(data)
    os.chmod(part.name, settings.FILE_UPLOAD_PERMISSIONS or 0o644)
    os.replace(part.name, path)


def _remove_earlier(folder, pk, *, keep):
    """Delete the object's files of earlier contents: only the current one is ever served."""
    _dirs, files = default_storage.listdir(f"pdf/{folder}")
    for file in files:
        if file.startswith(f"{pk}-v") and file.endswith(".pdf") and f"pdf/{folder}/{file}" != keep:
            default_storage.delete(f"pdf/{folder}/{file}")


def pdf_response(request, *, filename, name=None, html=None):
    """The PDF inline, as ``filename``.

    With ``name`` (a public PDF from ``ensure_public_pdf``): the stored file, with an ETag from its
    name (version and content hash), Last-Modified and public caching; 304 when the client's
    ETag (or date) is current. With ``html`` instead (a draft): rendered now and never cached.
    """
    if name is None:
        response = FileResponse(
            io.BytesIO(render_pdf(html)), filename=filename, content_type="application/pdf"
        )
        add_never_cache_headers(response)
        return response
    etag = quote_etag(PurePosixPath(name).stem)
    modified = int(default_storage.get_modified_time(name).timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=modified)
    if response is None:
        response = FileResponse(
            default_storage.open(name, "rb"), filename=filename, content_type="application/pdf"
        )
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(modified)
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response
