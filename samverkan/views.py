"""Pages about the portal itself, linked from every page's footer."""

from django.conf import settings
from django.views.generic import TemplateView


class AboutPage(TemplateView):
    """A page of fixed text (the accessibility statement, the personal data page) that names the
    portal's contact address (``CONTACT_EMAIL``) and how long login records are kept."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            contact_email=settings.CONTACT_EMAIL, login_records_days=settings.LOGIN_RECORDS_DAYS, **kwargs
        )
