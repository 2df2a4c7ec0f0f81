from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "gongkai.events"
    label = "events"
    verbose_name = "在线访谈与发布会"
