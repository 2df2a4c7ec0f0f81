"""政务舆情回应 (国办发〔2016〕61号): the incident register and the published responses."""

from django.apps import AppConfig


class OpinionConfig(AppConfig):
    name = "gongkai.opinion"
    label = "opinion"
    verbose_name = "政务舆情"

    def ready(self) -> None:
        # local import: the page cache and the models load once the app registry is ready
        from gongkai.core.pagecache import watch_models

        # local import: models load once the app registry is ready
        from gongkai.opinion.models import Incident, Response

        # The published responses are a public page (/zwyq/); an incident's unit shows on it.
        watch_models(Incident, Response)
