"""Pages of the portal itself: the pages linked from every page's footer, and "Att göra"."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import conditional_page, require_safe
from django.views.generic import TemplateView

from . import ics, personal_calendar, todo
from .pagecache import member_page


class AboutPage(TemplateView):
    """A page of fixed text (the accessibility statement, the personal data page) that names the
    portal's contact address (``CONTACT_EMAIL``) and how long login records are kept."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            contact_email=settings.CONTACT_EMAIL, login_records_days=settings.LOGIN_RECORDS_DAYS, **kwargs
        )


@member_page
@login_required
@require_safe
def todo_page(request):
    """ "Att göra": everything waiting for the user across their seats (``samverkan.todo``)."""
    groups = todo.groups(request.user, timezone.localdate())
    setattr(request, todo.REQUEST_ATTRIBUTE, sum(len(rows) for _kind, rows in groups))  # the header's count
    return render(request, "samverkan/todo.html", {"groups": groups})


@require_safe
@conditional_page
def personal_calendar_feed(request, token):
    """A person's calendar at its secret address: no session is read or written, nothing is
    cached on the way (``private``), and search engines are asked to leave it out."""
    user = personal_calendar.user_for(token)
    if user is None:
        raise Http404(_("No such calendar. Its address may have been renewed."))
    response = ics.response(personal_calendar.calendar_text(user), "min-kalender.ics")
    patch_cache_control(response, private=True, no_cache=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
