"""Settings of the server ``bench/load.py`` measures: production's, with the floor's URL added
(``bench/urls.py``) and the page cache's keys kept apart per database, so that two benchmarks on
one Redis (different data sizes, the CI test) never serve each other's pages."""

from samverkan.settings import *  # noqa: F403
from samverkan.settings import CACHES, DATABASES

ROOT_URLCONF = "bench.urls"
CACHES["default"]["KEY_PREFIX"] = f"bench-{DATABASES['default']['NAME']}"
