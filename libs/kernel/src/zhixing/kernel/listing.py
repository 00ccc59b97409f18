"""The words of the dishonest-debtor list (失信被执行人名单), as the law writes them:
the credit service decides by them and the public pages print them (R1, R6, R8)."""

from __future__ import annotations

GROUNDS = {
    1: "有履行能力而拒不履行生效法律文书确定义务",
    2: "以伪造证据、暴力、威胁等方法妨碍、抗拒执行",
    3: "以虚假诉讼、虚假仲裁或者以隐匿、转移财产等方法规避执行",
    4: "违反财产报告制度",
    5: "违反限制消费令",
    6: "无正当理由拒不履行执行和解协议",
}
"""R1: the six grounds of listing — the dishonest conduct (失信行为情形) published by R6."""

REMOVAL_REASONS = {
    1: "全部履行或已执行完毕",
    2: "执行和解协议履行完毕",
    3: "申请执行人书面申请删除，经审查同意",
    4: "终本后两次以上网络查询无财产且无人提供线索",
    5: "因审判监督或破产程序中止执行",
    6: "裁定不予执行",
    7: "裁定终结执行",
}
"""R8(1)–(7): the events that oblige the court to remove a listing."""

TERM_EXPIRED = 0
"""R8, last sentence: the fixed term ran out (recorded as reason 0)."""
TERM_EXPIRED_LABEL = "失信期限届满"

WRONGLY_LISTED = 8
"""R9: an upheld correction found the debtor wrongly listed; the listing is removed."""
WRONGLY_LISTED_LABEL = "经纠正认定错误纳入，予以删除"
