"""Demo data for `make run`: cases at courts of Chengdu and Chongqing.

Identity numbers are synthetic but valid (their check digits are computed), so the same
validation that guards real filings accepts them.
"""

from __future__ import annotations

from datetime import date

from stdnum.cn import ric, uscc

from zhixing.cases.application import CasesApplication
from zhixing.cases.domain.filing import Basis, Claim, Party, validate_filing

# Born after the districts were created: the ID's birth place must exist in its year.
PEOPLE = [("张伟", "510104", "19980312", "123"), ("王芳", "510107", "19990726", "224"),
          ("李强", "500103", "20010105", "311"), ("刘洋", "500106", "19980918", "452"),
          ("陈静", "510105", "20031130", "568")]
COMPANIES = [("成都锦城建设有限公司", "91510104MA6C", "Q1W2E"),
             ("重庆渝中商贸有限公司", "91500103MA5U", "R3T4Y"),
             ("四川天府物流有限公司", "91510107MA6D", "U5J6P")]
COURTS = ["川0104", "川0107", "渝0103", "渝0105", "川0106"]


def resident_id(area: str, birth: str, serial: str) -> str:
    body = area + birth + serial
    return body + ric.calc_check_digit(body + "0")  # stdnum expects a placeholder digit


def credit_code(prefix: str, tail: str) -> str:
    body = (prefix + tail + "000000000000000000")[:17]
    return body + uscc.calc_check_digit(body)


def demo_parties(index: int) -> tuple[list[Party], list[Party]]:
    name, area, birth, serial = PEOPLE[index % len(PEOPLE)]
    company, prefix, tail = COMPANIES[index % len(COMPANIES)]
    person = Party("applicant", "natural_person", name, resident_id(area, birth, serial))
    debtor = Party("respondent", "organisation", company, credit_code(prefix, tail))
    return [person], [debtor]


def load(app: CasesApplication, count: int = 12) -> int:
    """File `count` demo cases unless the store already holds events."""
    if app.max_notification_id() > 0:
        return 0
    today = app.clock.today()
    for index in range(count):
        applicants, respondents = demo_parties(index)
        filing = validate_filing(
            court_code=COURTS[index % len(COURTS)], case_type="执",
            basis=Basis("judgment", "成都市锦江区人民法院", f"(2025)川0104民初{1000 + index}号",
                        date(2025, 11, 1).isoformat()),
            applicants=applicants, respondents=respondents,
            claim=Claim(100_000_00 + index * 5_000_00, 2_000_00, 1_500_00), today=today)
        app.file_case(filing, request_id=f"demo-{index}")
    return count
