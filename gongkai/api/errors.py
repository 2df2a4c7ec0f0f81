"""Errors of the open API, all in one JSON shape: ``{"error": {"parameter", "message"}}``.

``parameter`` names the query or path parameter at fault (``null`` when no one parameter is:
an unknown address, a method other than GET, the rate limit). Messages are in Chinese.
"""

from __future__ import annotations

from typing import Any

from django.http import JsonResponse


class ApiError(Exception):
    """Raised by parameter checks and views; turned into an error response by the API."""

    def __init__(self, status: int, message: str, parameter: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.parameter = parameter


def bad_parameter(parameter: str, message: str) -> ApiError:
    return ApiError(400, message, parameter)


def error_body(message: str, parameter: str | None = None) -> dict[str, Any]:
    return {"error": {"parameter": parameter, "message": message}}


def error_response(status: int, message: str, parameter: str | None = None) -> JsonResponse:
    return JsonResponse(
        error_body(message, parameter), status=status, json_dumps_params={"ensure_ascii": False}
    )


# pydantic error types of query and path parameters → messages (ctx holds the limits).
_MESSAGES = {
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "int_parsing_size": "数值过大",
    "greater_than_equal": "不能小于 {ge}",
    "greater_than": "应大于 {gt}",
    "less_than_equal": "不能大于 {le}",
    "less_than": "应小于 {lt}",
    "string_too_long": "不能超过 {max_length} 个字符",
    "string_too_short": "不能少于 {min_length} 个字符",
    "missing": "缺少此参数",
    "string_pattern_mismatch": "含有控制字符",
    "literal_error": "的值无效，可用的值：{expected}",
}


def from_validation_errors(errors: list[dict[str, Any]]) -> ApiError:
    """The first of django-ninja's validation errors (its 422) as our 400."""
    if not errors:
        return ApiError(400, "请求参数无效")
    error = errors[0]
    loc = [str(part) for part in error.get("loc", ())]
    # ("query", "year"), ("path", "id"); nested locations name the parameter last.
    parameter = loc[1] if len(loc) > 1 else (loc[0] if loc else None)
    template = _MESSAGES.get(str(error.get("type", "")), "参数值无效")
    try:
        detail = template.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError, ValueError):
        detail = "参数值无效"
    prefix = f"参数 {parameter} " if parameter else "参数"
    return ApiError(400, f"{prefix}{detail}。", parameter)
