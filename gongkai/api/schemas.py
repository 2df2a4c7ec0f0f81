"""Response shapes of the open API. They are the contract published in the OpenAPI document
(tests/openapi.snapshot.json): change them deliberately."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class ErrorDetail(Schema):
    parameter: str | None = Field(description="出错的参数名；与单个参数无关时为 null")
    message: str = Field(description="错误说明（中文）")


class ErrorOut(Schema):
    error: ErrorDetail


class DocumentRef(Schema):
    id: int
    title: str
    url: str = Field(description="页面的完整网址")


# --- Policies -------------------------------------------------------------------------------------


class PolicySummary(Schema):
    id: int
    title: str = Field(description="标题")
    index_number: str = Field(description="索引号")
    doc_number: str = Field(description="发文字号")
    organs: list[str] = Field(description="发文机关（联合发文时按顺序，主办单位在前）")
    topic: str = Field(description="主题分类，如“卫生、体育\\医药管理”")
    written_on: dt.date | None = Field(description="成文日期")
    published_on: dt.date | None = Field(description="发布日期")
    validity: str = Field(description="有效性代码：valid / expired / abolished")
    validity_label: str = Field(description="有效性：有效 / 失效 / 废止")
    url: str = Field(description="页面的完整网址")
    snippet: str | None = Field(
        description="命中片段（HTML，检索词以 <mark> 标出）；未检索（无 q）时为 null"
    )


class PolicyList(Schema):
    count: int = Field(description="符合条件的文件总数")
    page: int
    page_size: int
    did_you_mean: str | None = Field(
        description="检索词含繁体或全角字符时，按其简体形式检索，并在此给出该形式"
    )
    match: str | None = Field(
        None,
        description=(
            "结果的匹配方式：phrase 按输入的文字完全匹配；words 未找到原文，结果包含检索词切分后的"
            "全部词语；near 结果只包含其中部分词语（见 match_words）；未检索（无 q）时为 null"
        ),
    )
    match_words: list[str] = Field(
        default_factory=list,
        description="match 为 words 或 near 时，结果所包含的词语",
    )
    results: list[PolicySummary]


class AttachmentOut(Schema):
    title: str
    url: str


class ServiceOut(Schema):
    name: str = Field(description="事项名称")
    code: str = Field(description="事项编码")
    url: str = Field(description="网上办理地址")
    organisation: str = Field(description="实施机构")


class RelationOut(Schema):
    kind: str = Field(description="作用：replaces / amends / abolishes")
    kind_label: str = Field(description="替代 / 修改 / 废止")
    effective_on: dt.date | None = Field(description="生效日期")
    document: DocumentRef


class RelationsOut(Schema):
    acts_on: list[RelationOut] = Field(description="本文件替代、修改或废止的文件")
    acted_on_by: list[RelationOut] = Field(description="替代、修改或废止本文件的文件")


class PolicyDetail(Schema):
    id: int
    title: str = Field(description="标题")
    url: str = Field(description="页面的完整网址")
    index_number: str = Field(description="索引号")
    topic: str = Field(description="主题分类")
    organs: list[str] = Field(description="发文机关（按顺序）")
    written_on: dt.date | None = Field(description="成文日期")
    doc_number: str = Field(description="发文字号")
    published_on: dt.date | None = Field(description="发布日期")
    validity: str = Field(description="有效性代码：valid / expired / abolished")
    validity_label: str = Field(description="有效性：有效 / 失效 / 废止")
    validity_changed_on: dt.date | None = Field(description="有效性变更日期")
    validity_reason: str = Field(description="有效性说明，如“已被《…》废止”")
    superseded_by: DocumentRef | None = Field(description="替代或废止本文件的文件")
    valid_from: dt.date | None = Field(description="施行日期")
    valid_until: dt.date | None = Field(description="有效期至")
    doc_type: str = Field(description="文种代码：rule / normative / other")
    doc_type_label: str = Field(description="文种：规章 / 行政规范性文件 / 其他文件")
    genre: str = Field(description="公文种类，如“通知”")
    disclosure_mode: str = Field(description="公开方式代码：proactive / on_application")
    disclosure_mode_label: str = Field(description="公开方式：主动公开 / 依申请公开")
    disclosure_scope: str = Field(description="公开范围")
    keywords: str = Field(description="主题词")
    is_major: bool = Field(description="是否重大政策")
    body: str | None = Field(description="正文（HTML）；依申请公开的文件为 null")
    body_note: str | None = Field(description="正文不公开时的说明")
    attachments: list[AttachmentOut]
    interpretations: list[DocumentRef] = Field(description="政策解读")
    services: list[ServiceOut] = Field(description="关联办事事项")
    relations: RelationsOut


# --- Interpretations ------------------------------------------------------------------------------


class InterpretationSummary(Schema):
    id: int
    title: str
    url: str = Field(description="页面的完整网址")
    policy: DocumentRef = Field(description="所解读的政策文件")
    form: str = Field(description="解读形式代码：text / official / expert / graphic / video / qa")
    form_label: str = Field(description="解读形式，如“文字解读”")
    interpreter: str = Field(description="解读人或解读机构")
    published_on: dt.date | None = Field(description="发布日期")


class InterpretationList(Schema):
    count: int
    page: int
    page_size: int
    results: list[InterpretationSummary]


class FacetOut(Schema):
    kind: str = Field(description="要点代码，如 background")
    label: str = Field(description="要点，如“背景依据”")
    text: str = Field(description="内容（HTML）")


class QuestionOut(Schema):
    question: str
    answer: str = Field(description="回答（HTML）")


class ImageOut(Schema):
    url: str
    alt: str = Field(description="替代文字")
    caption: str


class InterpretationDetail(InterpretationSummary):
    body: str = Field(description="导语/正文（HTML）")
    facets: list[FacetOut] = Field(description="解读要点")
    questions: list[QuestionOut] = Field(description="问答")
    images: list[ImageOut] = Field(description="图解")
    video_url: str | None = Field(description="视频地址")


# --- Organisations --------------------------------------------------------------------------------


class OfficeOut(Schema):
    """政府信息公开工作机构 (公开指南, 条例第十二条)."""

    name: str
    address: str
    postcode: str
    hours: str
    phone: str
    fax: str
    email: str
    website: str


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    slug: str = Field(description="网址标识，可用作 organ 参数")
    kind: str = Field(description="类型代码，如 government / department")
    kind_label: str = Field(description="类型，如“人民政府”")
    parent_id: int | None = Field(description="上级单位；市政府等最上级为 null")
    depth: int = Field(description="在机构树中的层级，最上级为 1")
    credit_code: str = Field(description="统一社会信用代码")
    org_code: str = Field(description="机构代码")
    is_active: bool
    office: OfficeOut = Field(description="政府信息公开工作机构及联系方式")


class OrganisationList(Schema):
    count: int
    results: list[OrganisationOut] = Field(description="机构树，按树的先序排列（上级在下级之前）")


# --- Consultations (意见征集) ------------------------------------------------------------------------


class ConsultationSummary(Schema):
    id: int
    title: str = Field(description="标题")
    organ: str = Field(description="征求意见单位")
    organ_slug: str = Field(description="征求意见单位的网址标识，可用作 organ 参数")
    kind: str = Field(description="类别代码：regulation / normative / major-decision / other")
    kind_label: str = Field(description="类别，如“行政规范性文件草案”")
    status: str = Field(description="状态代码：forthcoming / open / closed / result")
    status_label: str = Field(description="状态：即将开始 / 征集中 / 已结束 / 已公布采纳情况")
    opens_on: dt.date = Field(description="征求意见开始日期")
    closes_on: dt.date = Field(description="征求意见截止日期（含当日）")
    url: str = Field(description="页面的完整网址")
    comment_count: int = Field(description="已受理的意见数（网上和线下）")


class ConsultationList(Schema):
    count: int = Field(description="符合条件的意见征集总数")
    page: int
    page_size: int
    results: list[ConsultationSummary]


class ClauseOut(Schema):
    id: int
    number: str = Field(
        description="条款号，如“第三条”“第三条第二款”“二（一）”；正文前的文字为“前言”"
    )
    text: str = Field(description="条文")
    level: int = Field(description="层级：1 为条（或“一、”），2 为款（或“（一）”），3 为项")


class FeedbackRowOut(Schema):
    clause: str = Field(description="条款号；对草案整体的意见为“总体意见”")
    clause_id: int | None = Field(description="条款编号（见 clauses）；总体意见为 null")
    comments: int = Field(description="意见数")
    adopted: int = Field(description="采纳")
    partly_adopted: int = Field(description="部分采纳")
    not_adopted: int = Field(description="不予采纳")
    reasons: list[str] = Field(
        description="采纳、部分采纳和不予采纳的说明或理由（按此顺序，空的不列）"
    )


class FeedbackOut(Schema):
    title: str
    url: str = Field(description="意见采纳情况反馈页面的完整网址")
    published_on: dt.date | None = Field(description="发布日期")
    rows: list[FeedbackRowOut] = Field(description="逐条采纳情况，按条文顺序，总体意见在前")


class ConsultationDetail(ConsultationSummary):
    market_related: bool = Field(description="是否与市场主体生产经营活动密切相关")
    urgent_reason: str = Field(description="缩短征求意见期限的理由（期限未缩短时为空）")
    explanation: str = Field(description="起草说明")
    contact: str = Field(description="书面意见提交方式")
    clauses: list[ClauseOut] = Field(description="征求意见稿的条款（条和款都列出，按顺序）")
    feedback: FeedbackOut | None = Field(description="意见采纳情况反馈；尚未公布时为 null")


# --- Online interviews and press conferences (在线访谈, issue 15) ------------------------------------


class EventSummary(Schema):
    id: int
    kind: str = Field(description="类别代码：interview / press_conference / briefing")
    kind_label: str = Field(description="类别：在线访谈 / 新闻发布会 / 政策吹风会")
    title: str = Field(description="标题")
    organ: str = Field(description="主办单位")
    organ_slug: str = Field(description="主办单位的网址标识，可用作 organ 参数")
    starts_at: dt.datetime = Field(description="开始时间")
    ends_at: dt.datetime = Field(description="结束时间")
    status: str = Field(description="状态代码：upcoming / live / ended")
    status_label: str = Field(description="状态：预告 / 直播中 / 已结束")
    url: str = Field(description="页面的完整网址")


class EventList(Schema):
    count: int = Field(description="符合条件的活动总数")
    page: int
    page_size: int
    results: list[EventSummary]


class EventGuestOut(Schema):
    name: str = Field(description="姓名")
    post: str = Field(description="职务")
    unit: str = Field(description="单位")


class EventQuestionOut(Schema):
    id: int
    text: str = Field(description="网友提问（个人信息已隐去；不含提问人）")
    answer: str = Field(description="答复；尚未答复时为空")


class TranscriptEntryOut(Schema):
    id: int = Field(description="编号，按发布先后递增")
    speaker: str = Field(description="发言人：嘉宾姓名、主持人或网友")
    text: str = Field(description="内容")
    posted_at: dt.datetime = Field(description="发布时间")


class EventDetail(EventSummary):
    summary: str = Field(description="简介")
    video_url: str = Field(description="视频地址；没有时为空")
    guests: list[EventGuestOut] = Field(description="嘉宾（按排序）")
    policy_ids: list[int] = Field(description="解读的政策文件编号（见 /policies/{id}）")
    interpretation_ids: list[int] = Field(
        description="相关政策解读编号（见 /interpretations/{id}）"
    )
    questions: list[EventQuestionOut] = Field(description="已采用的网友提问及答复")
    transcript: list[TranscriptEntryOut] = Field(description="文字实录（按发布先后）")


# --- Letters (来信选登, gongkai.mailbox) --------------------------------------------------------------


class LetterSummary(Schema):
    id: int
    number: str = Field(description="信件编号，如 XJ2026-000123")
    title: str = Field(description="标题（已隐去个人信息）")
    channel: str = Field(description="渠道代码：leader / consult / complaint")
    channel_label: str = Field(description="渠道：领导信箱 / 网上咨询 / 投诉建议")
    category: str = Field(description="来信类别（未分类时为空）")
    category_id: int | None = Field(description="来信类别的编号，可用作 category 参数")
    organ: str = Field(description="承办单位")
    organ_slug: str = Field(description="承办单位的网址标识，可用作 organ 参数")
    received_on: dt.date = Field(description="收信日期")
    answered_on: dt.date | None = Field(description="答复日期")
    url: str = Field(description="来信选登页面的完整网址")


class LetterList(Schema):
    count: int = Field(description="符合条件的公开来信总数")
    page: int
    page_size: int
    results: list[LetterSummary]


class LetterDetail(LetterSummary):
    question: str = Field(description="来信内容（已隐去姓名、电话、证件号码等个人信息）")
    answer: str = Field(description="答复内容（HTML，经承办单位审核后发布）")
