from django.apps import AppConfig


class MailboxConfig(AppConfig):
    name = "gongkai.mailbox"
    label = "mailbox"
    verbose_name = "互动交流信件"
