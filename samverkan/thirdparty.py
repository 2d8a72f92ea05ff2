"""A Swedish name for a third-party app whose own AppConfig names it in English only: django-axes
is "Axes" in the admin index; here it is "Inloggningsskydd" (INSTALLED_APPS names this config)."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):
    verbose_name = _("Login protection")
