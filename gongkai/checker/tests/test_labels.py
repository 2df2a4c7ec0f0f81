"""Finding kinds are shown to reviewers in Chinese, never as codes (issue 12)."""

from __future__ import annotations

import re

from gongkai.checker.findings import KIND_LABELS, KINDS, kind_label


def test_every_kind_has_a_chinese_label():
    assert set(KIND_LABELS) == set(KINDS)
    for kind in KINDS:
        assert re.fullmatch(r"[\u4e00-\u9fff]+", kind_label(kind)), kind
    assert kind_label("mobile") == "手机号码"
    assert kind_label("id_card") == "身份证号码"
    assert kind_label("no_such_kind") == "其他问题"
