from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "gongkai.evaluation"
    label = "evaluation"
    verbose_name = "政策落实结果评价"
