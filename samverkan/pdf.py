"""Public PDFs built once for each state of their content and served as files.

WeasyPrint takes a second or more for a document of a few pages (PITFALLS.md), so a public PDF
(published minutes, an adopted action plan) is not rendered per request. The app renders the
HTML the PDF is made from (a few queries, milliseconds); ``open_public_pdf`` keeps one PDF per
object, version and hash of that HTML in the default storage,
``pdf/<folder>/<pk>-v<version>-<hash>.pdf``. Whatever changes what the PDF shows (a new version,
a correction, a follow-up) changes the name, so the next request builds a new file and gets a new
ETag; nothing else does. ``pdf_response`` serves the file with that ETag and Last-Modified and
answers 304 to a client that already has it.

Drafts are not stored: ``draft_pdf_response`` renders them per request, uncached. The default
storage is the local file system (``MEDIA_ROOT``): the file is stat-ed through its open handle.
"""

import hashlib
import io
import os
import tempfile
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse
from django.utils.cache import add_never_cache_headers, get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

# Browsers and proxies may reuse a public PDF this long without asking; after that a conditional
# request costs the HTML and a 304. Short, so a correction reaches readers within minutes.
PUBLIC_MAX_AGE = 300


# Every PDF is PDF/UA-1: tagged (structure tree, tables as /Table), marked, with the document
# title shown and the pdfuaid in its XMP metadata. The HTML carries ``lang`` and a ``<title>``;
# its headings become the bookmarks.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}

# Words stay whole in the text a reader copies or hears. An automatic hyphen is text in the PDF
# ("lednings‐" at one line's end, "gruppen" at the next) and the tags do not carry the whole word,
# so no hyphenation (soft hyphens typed by a writer still work). A word longer than its line (a
# URL) breaks where it must instead of overflowing; a link's text may break anywhere, so that a
# long URL does not widen its table.
WHOLE_WORDS_CSS = """
* { hyphens: manual !important; }
html { overflow-wrap: break-word; }
a { overflow-wrap: anywhere; }
"""


def render_document(html, *, base_url=None, stylesheets=()):
    """WeasyPrint's layout of ``html`` for a PDF of the portal (``write_document`` writes it)."""
    from weasyprint import CSS, HTML

    return HTML(string=html, base_url=base_url or settings.SITE_URL).render(
        stylesheets=[CSS(string=WHOLE_WORDS_CSS), *stylesheets], **PDF_OPTIONS
    )


def write_document(document):
    return document.write_pdf(**PDF_OPTIONS)


def render_pdf(html):
    """``html`` as a PDF/UA-1 document (see ``PDF_OPTIONS``)."""
    return write_document(render_document(html))


def open_public_pdf(obj, *, folder, html):
    """``obj``'s public PDF made from ``html``, opened for reading; built first if it is missing.

    Built once: of concurrent first requests one renders while holding a lock on ``obj``'s row
    (``select_for_update``, released at the end of the transaction, also if the process dies);
    the others wait for the lock and then find the file. A file appears under its name only
    complete (written aside, then renamed). Earlier files of the object are removed under the
    same lock, and a request that opened one before keeps reading it (an open file outlives its
    name), so no reader gets half a file or none.
    """
    name = f"pdf/{folder}/{obj.pk}-v{obj.version}-{hashlib.sha256(html.encode()).hexdigest()[:16]}.pdf"
    try:
        return default_storage.open(name, "rb")
    except FileNotFoundError:
        pass
    with transaction.atomic():
        type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        if not default_storage.exists(name):
            _store(name, render_pdf(html))
            _remove_earlier(folder, obj.pk, keep=name)
        return default_storage.open(name, "rb")


def _store(name, data):
    """Write ``data`` under ``name`` in one step: to a temporary file beside it, then rename."""
    path = default_storage.path(name)
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


def pdf_response(request, file, *, filename):
    """A public PDF (an open file from ``open_public_pdf``) inline as ``filename``: an ETag from its
    name (object, version and content hash), Last-Modified, public caching, and 304 when the
    client's copy is current."""
    etag = quote_etag(PurePosixPath(file.name).stem)
    modified = int(os.fstat(file.fileno()).st_mtime)
    response = get_conditional_response(request, etag=etag, last_modified=modified)
    if response is None:
        response = FileResponse(file, filename=filename, content_type="application/pdf")
    else:
        file.close()
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(modified)
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


def draft_pdf_response(html, *, filename):
    """A PDF that is not public (a draft for its members): rendered now, inline, never cached."""
    response = FileResponse(io.BytesIO(render_pdf(html)), filename=filename, content_type="application/pdf")
    add_never_cache_headers(response)
    return response
