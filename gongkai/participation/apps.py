from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "gongkai.participation"
    label = "participation"
    verbose_name = "公众参与"

    def ready(self) -> None:
        # local import: the page cache and the models load once the app registry is ready
        from gongkai.core.pagecache import watch_models

        # local import: models load once the app registry is ready
        from gongkai.participation.models import DecisionCatalogue, DecisionProcedure, MajorDecision

        # The published catalogues and procedure records are public pages (/zdjc/).
        watch_models(DecisionCatalogue, MajorDecision, DecisionProcedure)
