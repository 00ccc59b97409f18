"""Words and figures the simulated agencies answer with: districts, prices, car models.

Plausible for the two demo regions (成都, 重庆) in the mid-2020s; not statistics.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class City:
    """A city whose registry answers for real property and whose plates a car carries."""

    name: str
    province: str
    plate_prefix: str
    certificate_prefix: str
    """Province abbreviation on an 不动产权证书: 川 or 渝."""
    districts: tuple[str, ...]
    price_per_m2_yuan: tuple[int, int]


CHENGDU = City("成都市", "四川省", "川A", "川",
               ("锦江区", "青羊区", "金牛区", "武侯区", "成华区", "高新区", "天府新区", "双流区", "郫都区"),
               (11_000, 30_000))
CHONGQING = City("重庆市", "重庆市", "渝A", "渝",
                 ("渝中区", "江北区", "南岸区", "渝北区", "沙坪坝区", "九龙坡区", "巴南区", "北碚区"),
                 (8_000, 19_000))

HOUSEHOLD_REGIONS = {
    "510104": "四川省成都市锦江区", "510105": "四川省成都市青羊区", "510106": "四川省成都市金牛区",
    "510107": "四川省成都市武侯区", "510108": "四川省成都市成华区", "510116": "四川省成都市双流区",
    "500103": "重庆市渝中区", "500105": "重庆市江北区", "500108": "重庆市南岸区",
    "500112": "重庆市渝北区",
}
"""Resident-ID region codes (first six digits) of the demo debtors."""

CARD_BINS = {"bank.icbc": "622202", "bank.ccb": "621700", "bank.chengdu": "623178",
             "bank.cqrcb": "621530"}
"""Issuer prefixes of debit cards, so an account number looks like its bank's."""

CARS = (("大众朗逸", 12), ("丰田卡罗拉", 13), ("比亚迪秦PLUS", 11), ("长安CS75", 11),
        ("本田雅阁", 20), ("宝马3系", 32), ("五菱宏光", 5), ("吉利帝豪", 8), ("特斯拉Model 3", 25))
"""Private cars: model and new price in 万元."""

TRUCKS = (("福田欧曼", 35, "重型半挂牵引车"), ("江铃全顺", 15, "轻型客车"),
          ("长安跨越王", 6, "轻型普通货车"), ("东风天锦", 22, "中型厢式货车"))
"""Company vehicles: model, new price in 万元, registered type."""

COMPANY_WORDS = ("锦程", "天府", "蜀信", "巴渝", "嘉陵", "华西", "蓉兴", "山城", "长江", "宏达")
INDUSTRIES = ("商贸", "建设工程", "餐饮管理", "物流", "科技", "房地产开发", "机械设备", "文化传媒")

CARRIERS = (("中国移动", "139"), ("中国联通", "186"), ("中国电信", "189"))

ERRORS = ("系统繁忙", "查询超时", "数据库维护中", "接口暂不可用")
"""Why an agency could not answer now (never personal data)."""
