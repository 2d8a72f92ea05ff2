from django.apps import AppConfig
from django.db.backends.signals import connection_created


class SamverkanConfig(AppConfig):
    name = "samverkan"

    def ready(self):
        from . import pagecache

        # Every committed write to a public table starts a new generation of cached pages.
        connection_created.connect(pagecache.install, dispatch_uid="samverkan.pagecache")
