from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "gongkai.library"
    verbose_name = _("政策文件库")

    def ready(self) -> None:
        # local import: models and signal handlers load once the app registry is ready
        from gongkai.core.pagecache import watch_models, watch_signals

        # local import: models load once the app registry is ready
        from gongkai.library import signals

        # local import: models load once the app registry is ready
        from gongkai.library.models import Topic

        # local import: models load once the app registry is ready
        from gongkai.library.publication import register_gate

        # local import: models load once the app registry is ready
        from gongkai.library.services import check_publishable

        register_gate(lambda revision: check_publishable(revision.as_object()))
        watch_models(Topic)
        watch_signals(signals.validity_changed)
