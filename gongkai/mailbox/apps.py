from django.apps import AppConfig


class MailboxConfig(AppConfig):
    name = "gongkai.mailbox"
    label = "mailbox"
    verbose_name = "互动交流信件"

    def ready(self) -> None:
        # local import: the page cache and the models load once the app registry is ready
        from gongkai.core.pagecache import watch_models

        # local import: signals imports the models and services (app registry ready)
        from gongkai.mailbox import signals  # noqa: F401 - connects the receivers
        from gongkai.mailbox.models import Category, ChannelSetting, FaqEntry

        # The FAQ, categories and channel texts are on public pages. Letters are not watched: a
        # new letter changes no public page until it is answered, and the services that make a
        # letter's public side change (answered, rated) bump the cache themselves, as
        # participation does for comments.
        watch_models(FaqEntry, Category, ChannelSetting)
