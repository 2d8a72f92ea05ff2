"""Every write is a service, and every service runs in one transaction.

pytest-django wraps each test in a transaction, which hides a service that forgot its own (a
``select_for_update`` outside ``atomic`` fails only in production). This test reads the
services modules instead: each public function there must be wrapped by ``transaction.atomic``.
"""

import importlib
import inspect

import pytest
from django.db import transaction

APPS = ["governance", "actionplans", "meetings", "reports"]

# Services that commit step by step on purpose, each step in its own transaction.
OWN_TRANSACTIONS = {
    # The daily årshjul run: every request and reminder is claimed and sent in its own
    # transaction, so that one failing mail does not undo what was already sent.
    "reports.services.cycle_run",
    # The PDF build runs for seconds outside any transaction; its status moves are single
    # conditional UPDATEs, and the finished file is saved in one statement.
    "reports.services.report_build_pdf",
}


def _is_atomic(function):
    cells = [cell.cell_contents for cell in function.__closure__ or ()]
    return any(isinstance(cell, transaction.Atomic) for cell in cells)


def _services():
    for app in APPS:
        module = importlib.import_module(f"{app}.services")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and not name.startswith("_"):
                yield f"{module.__name__}.{name}", function


SERVICES = dict(_services())


@pytest.mark.parametrize("path", sorted(SERVICES.keys() - OWN_TRANSACTIONS))
def test_every_service_runs_in_one_transaction(path):
    message = f"{path} is not @transaction.atomic (or is not a service: make it private)"
    assert _is_atomic(SERVICES[path]), message


def test_the_services_with_their_own_transactions_exist():
    assert OWN_TRANSACTIONS <= SERVICES.keys()
