"""The public page of the public-opinion register: the published responses (/zwyq/). Nothing of
an incident shows beyond what its response published: the title, the responsible unit, the
date, the kind and the link."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from gongkai.core.queryparams import BadParameter, bad_parameter_response, int_param
from gongkai.opinion import selectors

PAGE_SIZE = 20


def index(request: HttpRequest) -> HttpResponse:
    try:
        year = int_param(request, "year", default=None, low=2000, high=2100, label=_("年度"))
        number = int_param(request, "page", default=1, low=1, high=100000, label=_("页码"))
    except BadParameter as error:
        return bad_parameter_response(request, error)
    responses = selectors.public_responses(year=year)
    page_obj = Paginator(responses, PAGE_SIZE).get_page(number)
    base = {"year": year} if year else {}

    def query(n: int) -> str:
        return "?" + urlencode({**base, **({"page": n} if n > 1 else {})})

    return render(
        request,
        "opinion/index.html",
        {
            "page_obj": page_obj,
            "responses": list(page_obj.object_list),
            "year": year,
            "years": selectors.response_years(),
            "previous": query(page_obj.previous_page_number()) if page_obj.has_previous() else None,
            "next": query(page_obj.next_page_number()) if page_obj.has_next() else None,
        },
    )
