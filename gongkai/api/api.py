"""The open API v1 (django-ninja): thin views that check parameters and call the selectors.

Mounted at /api/v1/ by urls.py, which also answers unknown addresses and methods other than
GET with the same JSON errors. Documented in docs/api.md; the generated OpenAPI document is
kept in tests/openapi.snapshot.json (``gongkai api-schema --write`` regenerates it).
"""

from __future__ import annotations

import logging
from typing import Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Query
from ninja.errors import HttpError, Throttled, ValidationError
from ninja.openapi.docs import Swagger
from ninja.renderers import JSONRenderer

from gongkai.api import params, schemas, selectors
from gongkai.api.errors import ApiError, error_response, from_validation_errors
from gongkai.api.ratelimit import ClientRateThrottle, limit_and_window
from gongkai.search.query import MAX_PAGE_SIZE, Filters

logger = logging.getLogger(__name__)

# A page number beyond any real list; bounds the database OFFSET.
MAX_PAGE = 100_000
MAX_TEXT = 100  # longest accepted q, organ or topic value
# The schema says exactly what is accepted: no control characters in any text (urls.guarded
# refuses them), the listed values of the choices, ids within a 64-bit key.
NO_CONTROL = "^[^\\x00-\\x1f\\x7f-\\x9f]*$"
# A calendar date (YYYY-MM-DD) or nothing; an impossible date (2026-02-30) is a 400.
DATE_PATTERN = "^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"
DATE_PARAMETERS = {"from", "to"}  # declared as format "date" in the document
# The values of DocType and Validity, codes then labels (params.choice_values; a test keeps
# them equal).
DocTypeParam = Literal["rule", "normative", "other", "规章", "行政规范性文件", "其他文件"]
ValidityParam = Literal["valid", "expired", "abolished", "有效", "失效", "废止"]
# ConsultationStatus and ConsultationKind, codes then labels (the same test keeps them equal).
ConsultationStatusParam = Literal[
    "forthcoming", "open", "closed", "result", "即将开始", "征集中", "已结束", "已公布采纳情况"
]
ConsultationKindParam = Literal[
    "regulation",
    "normative",
    "major-decision",
    "other",
    "规章草案",
    "行政规范性文件草案",
    "重大行政决策草案",
    "其他征求意见稿",
]

# EventStatus and EventKind (在线访谈), codes then labels (the same test keeps them equal).
EventStatusParam = Literal["upcoming", "live", "ended", "预告", "直播中", "已结束"]
EventKindParam = Literal[
    "interview", "press_conference", "briefing", "在线访谈", "新闻发布会", "政策吹风会"
]


class _JSON(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}


DESCRIPTION = """\
政务公开开放接口（只读）：检索和读取已公开的政策文件、政策解读、意见征集及其采纳情况反馈、来信选登，以及机构树和政府信息公开工作机构的联系方式。
只支持 GET；参数错误返回 400，格式为 `{"error": {"parameter": "参数名", "message": "说明"}}`；
匿名访问有频率限制（超过时返回 429 及 Retry-After）。详见 docs/api.md。

Read-only open API of the disclosure platform: search and read public policy documents and
interpretations, consultations on drafts with their clause-level feedback, published letters
with their answers, and list the unit
tree with disclosure-office contacts. GET only; bad
parameters give 400 with the error object above; anonymous clients are rate limited (429
with Retry-After).
"""

ERRORS = {400: schemas.ErrorOut, 429: schemas.ErrorOut}
NOT_FOUND = {404: schemas.ErrorOut, 429: schemas.ErrorOut}


class _API(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> Any:
        """The generated document, and what urls.guarded adds: an empty query value counts as
        absent (``?q=&organ=`` as an HTML form sends it), which OpenAPI says with
        ``allowEmptyValue``."""
        document = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in document.get("paths", {}).values():
            for operation in operations.values():
                for parameter in operation.get("parameters", []):
                    if parameter.get("in") == "query":
                        parameter["allowEmptyValue"] = True
                        if parameter.get("name") in DATE_PARAMETERS:
                            parameter["schema"]["format"] = "date"
        return document


api = _API(
    title="Gongkai 政务公开开放接口",
    version="1.0",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    # Offline documentation: the Swagger UI bundled with django-ninja, no validator badge.
    docs=Swagger(settings={"validatorUrl": None}),
    renderer=_JSON(),
    throttle=[ClientRateThrottle()],
)


# --- Errors ---------------------------------------------------------------------------------------


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return error_response(exc.status, exc.message, exc.parameter)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    error = from_validation_errors(list(exc.errors))
    return error_response(error.status, error.message, error.parameter)


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    limit, window = limit_and_window()
    return error_response(
        429, f"请求过于频繁：每个地址每 {window} 秒最多 {limit} 次请求，请稍后再试。"
    )  # ninja adds Retry-After


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(404, "未找到。")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error_response(exc.status_code, str(exc))


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API error on %s", request.get_full_path())
    return error_response(500, "服务器内部错误，请稍后再试。")


# --- Policies -------------------------------------------------------------------------------------


@api.get(
    "/policies",
    response={200: schemas.PolicyList, **ERRORS},
    operation_id="listPolicies",
    summary="检索、列出政策文件 Search and list policy documents",
    tags=["政策文件 Policies"],
)
def list_policies(
    request: HttpRequest,
    *,
    q: str = Query(
        "",
        max_length=MAX_TEXT,
        pattern=NO_CONTROL,
        description="检索词（可含繁体，空格分隔的各词须同时出现）；不填则按有效性和发布日期列出",
    ),
    organ: str = Query(
        "",
        max_length=MAX_TEXT,
        pattern=NO_CONTROL,
        description="发文机关（含联合发文）：单位的网址标识、统一社会信用代码、机构代码或编号",
    ),
    topic: str = Query(
        "",
        max_length=MAX_TEXT,
        pattern=NO_CONTROL,
        description="主题分类：编号，或名称“一级”“一级\\二级”",
    ),
    year: int | None = Query(None, ge=1949, le=2100, description="成文年份"),
    doc_type: DocTypeParam | None = Query(  # noqa: B008 - ninja reads parameters from defaults
        None, description="文种：rule / normative / other，或 规章 / 行政规范性文件 / 其他文件"
    ),
    validity: ValidityParam | None = Query(  # noqa: B008 - as above
        None, description="有效性：valid / expired / abolished，或 有效 / 失效 / 废止"
    ),
    page: int = Query(1, ge=1, le=MAX_PAGE, description="页码"),
    page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE, description="每页条数"),
) -> Any:
    """政策文件列表。排序：有检索词时标题命中在前，其次按有效、失效、废止，再按发布日期由新到旧。"""
    filters = Filters(
        unit=params.unit_id(organ) if organ else None,
        topic=params.topic(topic) if topic else None,
        year=year,
        doc_type=params.doc_type(doc_type) if doc_type else None,
        validity=params.validity(validity) if validity else None,
    )
    return selectors.policy_list(
        request, query=q.strip(), filters=filters, page=page, page_size=page_size
    )


@api.get(
    "/policies/{id}",
    response={200: schemas.PolicyDetail, **NOT_FOUND, 400: schemas.ErrorOut},
    operation_id="getPolicy",
    summary="政策文件详情 A policy document",
    tags=["政策文件 Policies"],
)
def get_policy(request: HttpRequest, id: int) -> Any:
    """全部元数据、正文（依申请公开的文件不含正文）、附件、解读、办事事项和文件关系。"""
    return selectors.policy_detail(request, id)


# --- Interpretations ------------------------------------------------------------------------------


@api.get(
    "/interpretations",
    response={200: schemas.InterpretationList, **ERRORS},
    operation_id="listInterpretations",
    summary="政策解读列表 List interpretations",
    tags=["政策解读 Interpretations"],
)
def list_interpretations(
    request: HttpRequest,
    *,
    policy: int | None = Query(
        None, ge=1, le=params.MAX_ID, description="只列出解读该政策文件（编号）的解读"
    ),
    page: int = Query(1, ge=1, le=MAX_PAGE, description="页码"),
    page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE, description="每页条数"),
) -> Any:
    """已公开的政策解读，按发布日期由新到旧。"""
    return selectors.interpretation_list(request, policy_id=policy, page=page, page_size=page_size)


@api.get(
    "/interpretations/{id}",
    response={200: schemas.InterpretationDetail, **NOT_FOUND, 400: schemas.ErrorOut},
    operation_id="getInterpretation",
    summary="政策解读详情 An interpretation",
    tags=["政策解读 Interpretations"],
)
def get_interpretation(request: HttpRequest, id: int) -> Any:
    """正文、解读要点、问答、图解和视频。"""
    return selectors.interpretation_detail(request, id)


# --- Consultations (意见征集) ------------------------------------------------------------------------


@api.get(
    "/consultations",
    response={200: schemas.ConsultationList, **ERRORS},
    operation_id="listConsultations",
    summary="意见征集列表 List consultations on drafts",
    tags=["意见征集 Consultations"],
)
def list_consultations(
    request: HttpRequest,
    *,
    status: ConsultationStatusParam | None = Query(  # noqa: B008 - ninja reads defaults
        None,
        description=(
            "状态：forthcoming / open / closed / result，"
            "或 即将开始 / 征集中 / 已结束 / 已公布采纳情况"
        ),
    ),
    organ: str = Query(
        "",
        max_length=MAX_TEXT,
        pattern=NO_CONTROL,
        description="征求意见单位：单位的网址标识、统一社会信用代码、机构代码或编号",
    ),
    kind: ConsultationKindParam | None = Query(  # noqa: B008 - as above
        None,
        description=(
            "类别：regulation / normative / major-decision / other，或 规章草案 / "
            "行政规范性文件草案 / 重大行政决策草案 / 其他征求意见稿"
        ),
    ),
    page: int = Query(1, ge=1, le=MAX_PAGE, description="页码"),
    page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE, description="每页条数"),
) -> Any:
    """已公开的意见征集，按开始日期由新到旧。"""
    return selectors.consultation_list(
        request,
        status=params.consultation_status(status) if status else "",
        unit_id=params.unit_id(organ, role="征求意见单位") if organ else None,
        kind=params.consultation_kind(kind) if kind else "",
        page=page,
        page_size=page_size,
    )


@api.get(
    "/consultations/{id}",
    response={200: schemas.ConsultationDetail, **NOT_FOUND, 400: schemas.ErrorOut},
    operation_id="getConsultation",
    summary="意见征集详情 A consultation",
    tags=["意见征集 Consultations"],
)
def get_consultation(request: HttpRequest, id: int) -> Any:
    """征求意见稿的条款、起草说明、书面意见提交方式；意见采纳情况反馈公布后含逐条采纳情况。"""
    return selectors.consultation_detail(request, id)


# --- Online interviews and press conferences (在线访谈, issue 15) --------------------------------


@api.get(
    "/events",
    response={200: schemas.EventList, **ERRORS},
    operation_id="listEvents",
    summary="在线访谈与发布会列表 List online interviews and press conferences",
    tags=["在线访谈 Events"],
)
def list_events(
    request: HttpRequest,
    *,
    kind: EventKindParam | None = Query(  # noqa: B008 - ninja reads defaults
        None,
        description=(
            "类别：interview / press_conference / briefing，或 在线访谈 / 新闻发布会 / 政策吹风会"
        ),
    ),
    organ: str = Query(
        "",
        max_length=MAX_TEXT,
        pattern=NO_CONTROL,
        description="主办单位：单位的网址标识、统一社会信用代码、机构代码或编号",
    ),
    status: EventStatusParam | None = Query(  # noqa: B008 - as above
        None, description="状态：upcoming / live / ended，或 预告 / 直播中 / 已结束"
    ),
    starts_from: str = Query(
        "",
        alias="from",
        pattern=DATE_PATTERN,
        description="开始日期不早于（YYYY-MM-DD）",
    ),
    starts_to: str = Query(
        "",
        alias="to",
        pattern=DATE_PATTERN,
        description="开始日期不晚于（YYYY-MM-DD）",
    ),
    page: int = Query(1, ge=1, le=MAX_PAGE, description="页码"),
    page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE, description="每页条数"),
) -> Any:
    """已公开的在线访谈、新闻发布会和政策吹风会，按开始时间由新到旧。"""
    return selectors.event_list(
        request,
        status=params.event_status(status) if status else "",
        kind=params.event_kind(kind) if kind else "",
        unit_id=params.unit_id(organ, role="主办单位") if organ else None,
        starts_from=params.date_param("from", starts_from),
        starts_to=params.date_param("to", starts_to),
        page=page,
        page_size=page_size,
    )


@api.get(
    "/events/{id}",
    response={200: schemas.EventDetail, **NOT_FOUND, 400: schemas.ErrorOut},
    operation_id="getEvent",
    summary="在线访谈与发布会详情 An online interview or press conference",
    tags=["在线访谈 Events"],
)
def get_event(request: HttpRequest, id: int) -> Any:
    """嘉宾、解读的政策文件和政策解读、已采用的网友提问及答复、文字实录。"""
    return selectors.event_detail(request, id)


# --- Organisations --------------------------------------------------------------------------------


@api.get(
    "/organisations",
    response={200: schemas.OrganisationList, 429: schemas.ErrorOut},
    operation_id="listOrganisations",
    summary="机构树 Units",
    tags=["机构 Organisations"],
)
def list_organisations(request: HttpRequest) -> Any:
    """全部单位（机构树按先序展开），含政府信息公开工作机构的联系方式。"""
    return selectors.organisation_list()


# --- Letters (来信选登, gongkai.mailbox) --------------------------------------------------------------

# Channel values, codes then labels (params.choice_values(Channel); a test keeps them equal).
LetterChannelParam = Literal["leader", "consult", "complaint", "领导信箱", "网上咨询", "投诉建议"]


@api.get(
    "/letters",
    response={200: schemas.LetterList, **ERRORS},
    operation_id="listLetters",
    summary="来信选登列表 List published letters and their answers",
    tags=["来信选登 Letters"],
)
def list_letters(
    request: HttpRequest,
    *,
    channel: LetterChannelParam | None = Query(  # noqa: B008 - ninja reads defaults
        None,
        description="渠道：leader / consult / complaint，或 领导信箱 / 网上咨询 / 投诉建议",
    ),
    organ: str = Query(
        "",
        max_length=MAX_TEXT,
        pattern=NO_CONTROL,
        description="承办单位：单位的网址标识、统一社会信用代码、机构代码或编号",
    ),
    category: int | None = Query(None, ge=1, le=params.MAX_ID, description="来信类别的编号"),
    year: int | None = Query(None, ge=2000, le=2100, description="答复年度"),
    q: str = Query(
        "", max_length=MAX_TEXT, pattern=NO_CONTROL, description="关键词（标题、来信内容、答复）"
    ),
    page: int = Query(1, ge=1, le=MAX_PAGE, description="页码"),
    page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE, description="每页条数"),
) -> Any:
    """经写信人同意、承办单位选登并已答复的来信，按答复日期由新到旧；个人信息已隐去。"""
    return selectors.letter_list(
        request,
        channel=params.letter_channel(channel) if channel else "",
        unit_id=params.unit_id(organ, role="承办单位") if organ else None,
        category_id=category,
        year=year,
        q=q,
        page=page,
        page_size=page_size,
    )


@api.get(
    "/letters/{id}",
    response={200: schemas.LetterDetail, **NOT_FOUND, 400: schemas.ErrorOut},
    operation_id="getLetter",
    summary="来信选登详情 A published letter and its answer",
    tags=["来信选登 Letters"],
)
def get_letter(request: HttpRequest, id: int) -> Any:
    """来信内容（已隐去个人信息）和经审核发布的答复。"""
    return selectors.letter_detail(request, id)
