"""Single sign-on by OpenID Connect: the provider says who someone is, the register what they may do.

Switched on by the OIDC_* settings (samverkan/settings.py). A verified e-mail address from the
provider must name exactly one Person who already has a login; that login is used, and its rights
still come only from the person's seats. Nothing is created: an unknown address is refused with a
message on the login page.
"""

import logging

from django.contrib import messages
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from governance.models import Person

log = logging.getLogger(__name__)


class PersonBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        email = claims.get("email") or ""
        if not email or claims.get("email_verified") is False:
            return self.UserModel.objects.none()
        people = Person.objects.filter(email__iexact=email, user__isnull=False, user__is_active=True)
        return self.UserModel.objects.filter(person__in=people)

    def create_user(self, claims):
        """Never: logins are made by the site administrators. Refuse with a message instead."""
        log.info(
            "Single sign-on refused: no person with a login has %s", self.describe_user_by_claims(claims)
        )
        messages.error(
            self.request,
            _(
                "No one in Samverkansportalen has the e-mail address %(email)s with a login, so you "
                "cannot log in with it. Ask the portal's administrator to add you."
            )
            % {"email": claims.get("email") or "?"},
        )
        return None
