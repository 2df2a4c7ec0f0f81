"""The demo city: 南昌市 with its departments, three districts, their departments and
streets/townships, and a public enterprise. Codes are generated valid, not real."""

from __future__ import annotations

from dataclasses import dataclass

from stdnum.cn import uscc

from gongkai.organisations.models import OrganisationKind as K


@dataclass(frozen=True)
class DemoUnit:
    name: str
    short: str
    slug: str
    kind: str
    abbr: str  # 发文机关代字, e.g. 洪教字
    domain: str  # key into content.DOMAINS
    parent: str | None = None


def credit_code(seed: int) -> str:
    """A valid 统一社会信用代码 for a 机关 (registration department 1, kind 1) in 南昌 (360100)."""
    body = f"11360100{seed:09d}"  # 1 + 1 + 360100 + 9-digit organisation code
    return body + uscc.calc_check_digit(body)


CITY = "南昌市人民政府"
UNITS: list[DemoUnit] = [
    DemoUnit(CITY, "市政府", "nc", K.GOVERNMENT, "洪府发", "general"),
    DemoUnit(
        "南昌市人民政府办公室", "市政府办公室", "szfbgt", K.DEPARTMENT, "洪府办发", "general", CITY
    ),
    DemoUnit("南昌市发展和改革委员会", "市发改委", "fgw", K.DEPARTMENT, "洪发改", "economy", CITY),
    DemoUnit("南昌市教育局", "市教育局", "jyj", K.DEPARTMENT, "洪教字", "education", CITY),
    DemoUnit("南昌市科学技术局", "市科技局", "kjj", K.DEPARTMENT, "洪科字", "science", CITY),
    DemoUnit("南昌市工业和信息化局", "市工信局", "gxj", K.DEPARTMENT, "洪工信字", "industry", CITY),
    DemoUnit("南昌市民政局", "市民政局", "mzj", K.DEPARTMENT, "洪民字", "civil", CITY),
    DemoUnit("南昌市财政局", "市财政局", "czj", K.DEPARTMENT, "洪财字", "finance", CITY),
    DemoUnit(
        "南昌市人力资源和社会保障局",
        "市人社局",
        "rsj",
        K.DEPARTMENT,
        "洪人社字",
        "employment",
        CITY,
    ),
    DemoUnit(
        "南昌市自然资源和规划局",
        "市自然资源规划局",
        "zrzyj",
        K.DEPARTMENT,
        "洪自然资规字",
        "land",
        CITY,
    ),
    DemoUnit(
        "南昌市生态环境局", "市生态环境局", "sthjj", K.DEPARTMENT, "洪环字", "environment", CITY
    ),
    DemoUnit("南昌市住房和城乡建设局", "市住建局", "zjj", K.DEPARTMENT, "洪建字", "housing", CITY),
    DemoUnit("南昌市交通运输局", "市交通运输局", "jtj", K.DEPARTMENT, "洪交字", "transport", CITY),
    DemoUnit("南昌市商务局", "市商务局", "swj", K.DEPARTMENT, "洪商务字", "commerce", CITY),
    DemoUnit("南昌市卫生健康委员会", "市卫健委", "wjw", K.DEPARTMENT, "洪卫字", "health", CITY),
    DemoUnit(
        "南昌市市场监督管理局", "市市场监管局", "scjgj", K.DEPARTMENT, "洪市监字", "market", CITY
    ),
    DemoUnit(
        "南昌市医疗保障局", "市医保局", "ybj", K.DEPARTMENT, "洪医保字", "medical_insurance", CITY
    ),
    DemoUnit(
        "南昌市退役军人事务局",
        "市退役军人局",
        "tyjrj",
        K.DEPARTMENT,
        "洪退役军人字",
        "veterans",
        CITY,
    ),
    DemoUnit(
        "南昌市公共交通运输集团有限责任公司",
        "市公交集团",
        "ncbus",
        K.INSTITUTION,
        "洪公交",
        "transport",
        CITY,
    ),
]
for district, dslug, dabbr, streets in [
    (
        "东湖区人民政府",
        "dhq",
        "东府",
        [("百花洲街道", "bhz", K.STREET), ("扬子洲镇", "yzz", K.TOWNSHIP)],
    ),
    (
        "西湖区人民政府",
        "xhq",
        "西府",
        [("桃花镇", "thz", K.TOWNSHIP), ("朝阳洲街道", "cyz", K.STREET)],
    ),
    (
        "青山湖区人民政府",
        "qshq",
        "青府",
        [("湖坊镇", "hfz", K.TOWNSHIP), ("京东镇", "jdz", K.TOWNSHIP)],
    ),
]:
    short = district.removesuffix("人民政府")
    UNITS.append(
        DemoUnit(district, short + "政府", dslug, K.GOVERNMENT, dabbr + "发", "general", CITY)
    )
    prefix = short
    for dept, sfx, abbr, domain in [
        ("教育体育局", "jytyj", "教体字", "education"),
        ("财政局", "czj", "财字", "finance"),
        ("人力资源和社会保障局", "rsj", "人社字", "employment"),
    ]:
        UNITS.append(
            DemoUnit(
                f"{prefix}{dept}",
                f"{short}{dept[:2]}",
                f"{dslug}-{sfx}",
                K.DEPARTMENT,
                f"{short[:1]}{abbr}",
                domain,
                district,
            )
        )
    for name, sslug, kind in streets:
        UNITS.append(
            DemoUnit(
                f"{prefix}{name}",
                name,
                f"{dslug}-{sslug}",
                kind,
                f"{name[:2]}字",
                "community",
                district,
            )
        )
