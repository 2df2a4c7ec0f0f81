from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "gongkai.letters"
    label = "letters"
    verbose_name = "公文排版"
