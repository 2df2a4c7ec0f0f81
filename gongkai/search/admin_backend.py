"""The admin's search backend: Wagtail's database backend, answering with substrings.

Wagtail's database search finds nothing in Chinese but a whole title: a run of Chinese
characters is one token to SQLite's FTS5 and to PostgreSQL's ``simple`` configuration
(TECH-NOTES.md), so the page chooser — used to link an interpretation to its policy, to
curate a 专题专栏, to set 替代/废止 — found "就业" in no title. Here ``search`` and
``autocomplete`` match each word of the query as a substring of the model's short text fields
(title; a page's subclasses' 发文字号, 索引号, 主题词 …) on both databases, title matches
first. The index Wagtail keeps is left as it is (its signals and rebuilds still work), and on
PostgreSQL with the fix below. The public portal search has an index of its own (docs/search.md).

PostgreSQL: after every indexed save, modelsearch's index rewrites ``title_norm`` for all
entries still at the default 1.0. With Chinese titles (one lexeme each under the ``simple``
configuration) the average title length is exactly 1, every norm stays 1.0 and *every* save
rewrote the whole index table — quadratic work that made loading the demo 20× slower on
PostgreSQL than on SQLite. Here rows whose norm would not change are left alone.

Configured in settings.WAGTAILSEARCH_BACKENDS.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models
from django.db.models import Avg, Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Length
from modelsearch import index
from modelsearch.backends.base import BaseSearchResults, EmptySearchResults
from modelsearch.backends.database import SearchBackend as _database_backend
from modelsearch.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend
from modelsearch.query import MatchAll, Not, SearchQuery
from wagtail.models import Page, get_page_models

from gongkai.search import text

MAX_TERMS = 8  # words of a query (the admin's box is free text: bound the SQL)


def SearchBackend(params: dict[str, Any]) -> Any:  # the name Wagtail looks up
    if connection.vendor == "postgresql":
        return _substring_class(_postgres_backend())(params)
    return _substring_class(type(_database_backend(params)))(params)


_CLASSES: dict[type, type] = {}


def _substring_class(base: type) -> type:
    if base not in _CLASSES:
        _CLASSES[base] = type(f"Substring{base.__name__}", (SubstringSearch, base), {})
    return _CLASSES[base]


@lru_cache(maxsize=1)
def _postgres_backend() -> type:

    class Index(PostgresIndex):
        def _refresh_title_norms(self, full: bool = False) -> None:
            lengths = self.entries.annotate(title_length=Length("title")).filter(title_length__gt=0)
            lavg = lengths.aggregate(Avg("title_length"))["title_length__avg"]
            if not lavg:
                return
            entries = self.entries if full else self.entries.filter(title_norm=1.0)
            (
                entries.annotate(title_length=Length("title"))
                .filter(title_length__gt=0)
                .exclude(title_length=lavg)  # norm lavg/length would be 1.0 again: no rewrite
                .update(title_norm=lavg / F("title_length"))
            )

    class Backend(PostgresSearchBackend):
        index_class = Index

    return Backend


class _Compiler:
    """What BaseSearchResults reads of a query compiler: the queryset."""

    def __init__(self, queryset: QuerySet[Any]) -> None:
        self.queryset = queryset


class SubstringResults(BaseSearchResults):
    """Search results over a filtered queryset (sliced, counted and faceted by the database)."""

    supports_facet = True

    def _do_search(self) -> list[Any]:
        results = list(self.query_compiler.queryset[self.start : self.stop])
        if self._score_field:
            for obj in results:
                setattr(obj, self._score_field, None)
        return results

    def _do_count(self) -> int:
        count = self.query_compiler.queryset.count() - self.start
        if self.stop is not None:
            count = min(count, self.stop - self.start)
        return max(count, 0)

    def facet(self, field_name: str) -> OrderedDict[Any, int]:
        rows = (
            self.query_compiler.queryset.order_by()
            .values_list(field_name)
            .annotate(n=Count("pk"))
            .order_by("-n")
        )
        return OrderedDict((value, n) for value, n in rows)


class SubstringSearch:
    """``search`` and ``autocomplete`` as substring matches of the short text fields."""

    def search(
        self,
        query: Any,
        model_or_queryset: Any,
        fields: list[str] | None = None,
        operator: str | None = None,
        order_by_relevance: bool = True,
    ) -> Any:
        if isinstance(model_or_queryset, QuerySet):
            queryset = model_or_queryset
        else:
            queryset = model_or_queryset.objects.all()
        own, subclasses = searched_fields(queryset.model, fields)
        if not own and not subclasses:  # nothing to match as text: Wagtail's own search
            return super().search(query, model_or_queryset, fields, operator, order_by_relevance)  # type: ignore[misc]
        if isinstance(query, MatchAll):
            return SubstringResults(self, _Compiler(queryset))
        terms = query_terms(query)
        if not terms:
            return EmptySearchResults()
        conditions = [_term_condition(term, own, subclasses) for term in terms]
        combined = conditions[0]
        for condition in conditions[1:]:
            combined = combined | condition if operator == "or" else combined & condition
        queryset = queryset.filter(combined)
        if order_by_relevance and "title" in own:
            # The whole query in the title first, then shorter titles (the closer match).
            whole = " ".join(terms)
            queryset = queryset.annotate(
                _gk_title_hit=Case(
                    When(title__icontains=whole, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                ),
                _gk_title_length=Length("title"),
            ).order_by("_gk_title_hit", "_gk_title_length", "pk")
        return SubstringResults(self, _Compiler(queryset))

    def autocomplete(
        self,
        query: Any,
        model_or_queryset: Any,
        fields: list[str] | None = None,
        operator: str | None = None,
        order_by_relevance: bool = True,
    ) -> Any:
        return self.search(query, model_or_queryset, fields, operator, order_by_relevance)


def query_terms(query: str | SearchQuery) -> list[str]:
    """The words of a query, as typed (a string, or Wagtail's parsed query objects)."""
    if isinstance(query, str):
        return query.split()[:MAX_TERMS]
    if isinstance(query, Not):
        return []
    if hasattr(query, "query_string"):
        return [query.query_string] if query.query_string.strip() else []
    terms: list[str] = []
    for sub in getattr(query, "subqueries", []) or [getattr(query, "subquery", None)]:
        if sub is not None:
            terms += query_terms(sub)
    return terms[:MAX_TERMS]


def _term_condition(
    term: str, own: list[str], subclasses: list[tuple[type[models.Model], list[str]]]
) -> Q:
    """The term in any of the fields: as typed, or in simplified characters (醫保 = 医保)."""
    variants = {term, text.normalise(term)}
    condition = Q()
    for variant in variants:
        for name in own:
            condition |= Q(**{f"{name}__icontains": variant})
        for model, names in subclasses:
            inner = Q()
            for name in names:
                inner |= Q(**{f"{name}__icontains": variant})
            condition |= Q(pk__in=model._default_manager.filter(inner).values("pk"))
    return condition


def searched_fields(
    model: type[models.Model], only: list[str] | None = None
) -> tuple[list[str], list[tuple[type[models.Model], list[str]]]]:
    """The model's short text fields among its search fields, and for a page model those its
    subclasses add (a chooser searches ``Page`` for any kind of page: 发文字号 and 索引号 are
    a policy's). Long texts (bodies) are left out: the admin finds a page by its name or
    numbers, and scanning every body would be slow."""
    own = _short_text_search_fields(model)
    if only is not None:
        own = [name for name in own if name in only]
    subclasses: list[tuple[type[models.Model], list[str]]] = []
    if only is None and issubclass(model, Page):
        for sub in get_page_models():
            if sub is not model and issubclass(sub, model) and not sub._meta.abstract:
                extra = [n for n in _short_text_search_fields(sub) if n not in own]
                # Fields declared on the subclass itself (its parents' are asked once).
                extra = [n for n in extra if sub._meta.get_field(n).model is sub]
                if extra:
                    subclasses.append((sub, extra))
    return own, subclasses


def _short_text_search_fields(model: type[models.Model]) -> list[str]:
    names: list[str] = []
    search_fields = model.get_search_fields() if hasattr(model, "get_search_fields") else []
    for field in search_fields:
        if not isinstance(field, index.SearchField | index.AutocompleteField):
            continue
        try:
            db_field = model._meta.get_field(field.field_name)
        except FieldDoesNotExist:  # a method or property indexed by name: not a column
            continue
        if isinstance(db_field, models.CharField) and field.field_name not in names:
            names.append(field.field_name)
    return names
