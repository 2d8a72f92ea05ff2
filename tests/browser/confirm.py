"""A confirmation page (``samverkan.confirm``) in the browser: it names what will happen, passes
axe, and its Confirm button acts."""

import re


def confirm(page, consequence, axe_violations):
    """On the confirmation page the last click opened: check it, then press Confirm."""
    page.get_by_role("heading", name=re.compile("^Vill du"), level=1).wait_for()
    assert page.get_by_text(consequence).is_visible()
    assert page.get_by_role("link", name=re.compile("^(Avbryt|Tillbaka)$")).is_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Bekräfta").click()
    page.locator(".messages").wait_for()
