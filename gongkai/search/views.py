"""The portal's search page and the 政策文件库 listing: one form, one engine."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from gongkai.library.models import DocType, Topic
from gongkai.library.validity import Validity
from gongkai.organisations.models import Organisation
from gongkai.search.forms import SearchForm
from gongkai.search.models import DocumentKind
from gongkai.search.query import search

PAGE_SIZE = 20


def search_context(request: HttpRequest, *, default_kind: str | None) -> tuple[dict[str, Any], int]:
    """Context for a results page, and the HTTP status (400 for unusable parameters)."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        return {"form": form, "results": None, "facet_groups": []}, 400
    page = form.cleaned_data.get("page") or 1
    filters = form.filters(default_kind=default_kind)
    results = search(
        form.cleaned_data["q"], filters, page=page, page_size=PAGE_SIZE, with_facets=True
    )
    if results.count and page > results.num_pages:  # past the end: show the last page
        results = search(
            form.cleaned_data["q"],
            filters,
            page=results.num_pages,
            page_size=PAGE_SIZE,
            with_facets=True,
        )
    return {
        "form": form,
        "results": results,
        "facet_groups": _facet_groups(request, results.facets),
        "page_links": _page_links(request, results.page, results.num_pages),
        "tier_links": _tier_links(request, results),
    }, 200


def _tier_links(request: HttpRequest, results: Any) -> dict[str, Any]:
    """Links to the searches the match-kind note offers: the query's words apart (after an
    exact-phrase match), the other sets of words (after a near match)."""
    return {
        "broader": _with(request, q=results.broader_query) if results.broader_query else None,
        "others": [
            {"words": words, "url": _with(request, q=" ".join(words))}
            for words in results.other_words
        ],
    }


def _with(request: HttpRequest, **changes: Any) -> str:
    params = {k: v for k, v in request.GET.items() if k != "page"}
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = str(value)
    return "?" + urlencode(params)


def _facet_groups(
    request: HttpRequest, facets: dict[str, list[tuple[Any, int]]]
) -> list[dict[str, Any]]:
    """Each filter with its values, counts, links and whether it is the one applied."""
    names = {
        "organ": dict(
            Organisation.objects.filter(pk__in=[v for v, _ in facets.get("organ", [])]).values_list(
                "pk", "name"
            )
        ),
        "topic": dict(
            Topic.objects.filter(pk__in=[v for v, _ in facets.get("topic", [])]).values_list(
                "pk", "name"
            )
        ),
        "doc_type": dict(DocType.choices),
        "validity": dict(Validity.choices),
    }
    labels = {
        "doc_type": "文种",
        "validity": "有效性",
        "year": "年份",
        "topic": "主题分类",
        "organ": "发文机关",
    }
    groups = []
    for key in ("organ", "topic", "year", "doc_type", "validity"):
        current = request.GET.get(key, "")
        values = facets.get(key, [])
        if key == "year":  # years read as a timeline, newest first, not by count
            values = sorted(values, key=lambda vn: -int(vn[0]))
        options = [
            {
                "label": str(names.get(key, {}).get(value, value)),
                "count": count,
                "url": _with(request, **{key: value}),
                "selected": str(value) == current,
            }
            for value, count in values[:30]
        ]
        if options:
            groups.append(
                {
                    "key": key,
                    "label": labels[key],
                    "options": options,
                    "clear_url": _with(request, **{key: None}) if current else None,
                    # Short lists and the filter in use are open; long ones (37 units) fold
                    # away, so that on a phone they do not push the page down.
                    "open": bool(current) or len(options) <= 8,
                }
            )
    return groups


def _page_links(request: HttpRequest, page: int, num_pages: int) -> dict[str, Any]:
    def link(n: int) -> str:
        params = dict(request.GET.items())
        params["page"] = str(n)
        return "?" + urlencode(params)

    return {
        "previous": link(page - 1) if page > 1 else None,
        "next": link(page + 1) if page < num_pages else None,
    }


def search_view(request: HttpRequest) -> HttpResponse:
    context, status = search_context(request, default_kind=None)
    context["kinds"] = DocumentKind.choices
    return TemplateResponse(request, "search/results.html", context, status=status)
