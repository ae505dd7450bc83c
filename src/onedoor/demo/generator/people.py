"""Demo persons and enterprises with valid numbers, and some settled records, through the people services
(the same bulk import a district uses to load its population register)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from onedoor.people import idnumbers, services

SURNAMES = (
    "陈 李 黄 张 梁 何 吴 林 罗 冯 周 麦 区 霍 关 潘 谭 郭 邓 叶 刘 杨 何 苏 卢 钟 曾 彭 谢 余 蔡 杜 邝 欧阳 司徒"
).split()
GIVEN = (
    "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 霞 平 刚 桂英 晓 志 建 文 华 婷 嘉 慧 俊 浩 "
    "宇 欣 颖 子 梓 睿 思 诗 锦 荣 家 健 智 佳 玉 凤 燕 雪 翠 海 斌 辉 锋 坤 宏"
).split()
REGIONS = ["440604"] * 6 + [
    "440605",
    "440606",
    "440607",
    "440608",
    "440103",
    "440106",
    "445102",
    "450102",
    "430202",
    "360102",
    "510104",
    "420102",
]
STREET_WORDS = [
    "祖庙路",
    "季华路",
    "汾江中路",
    "岭南大道",
    "石湾公园路",
    "张槎一路",
    "南庄大道",
    "绿景路",
    "文华北路",
]
TRADE_NAMES = (
    "华盛 鸿图 瑞丰 粤顺 佛陶 金辉 宏达 新锐 盈科 骏业 德信 禅艺 陶都 南风 岭秀 锦程 信诚 恒通 乐居 安顺 "
    "永利 汇丰 众和 美乐 天成 精工 创新 智联 海川 明德"
).split()
INDUSTRIES = [
    ("陶瓷制品", "制造业"),
    ("五金制品", "制造业"),
    ("纺织服装", "制造业"),
    ("电子科技", "信息技术"),
    ("餐饮管理", "住宿和餐饮业"),
    ("贸易", "批发和零售业"),
    ("物流", "交通运输业"),
    ("建筑工程", "建筑业"),
    ("物业管理", "房地产业"),
    ("信息咨询", "租赁和商务服务业"),
    ("医疗器械", "卫生"),
    ("教育培训", "教育"),
]
ORG_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def person_rows(rng: random.Random, count: int, used: set[str] | None = None) -> list[dict]:
    """`count` persons with valid, distinct resident ID numbers (distinct also from those in `used`)."""
    rows: list[dict] = []
    used = set() if used is None else used
    while len(rows) < count:
        region = rng.choice(REGIONS)
        birth = date(1940, 1, 1) + timedelta(days=rng.randrange(0, 365 * 84))
        sequence = rng.randrange(0, 1000)
        body = f"{region}{birth:%Y%m%d}{sequence:03d}"
        number = body + idnumbers.resident_check_char(body)
        if number in used:
            continue
        used.add(number)
        rows.append(
            {
                "id_number": number,
                "name": rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2)))),
                "phone": f"1{rng.choice('3578')}{rng.randrange(10**8, 10**9)}",
                "address": f"佛山市禅城区{rng.choice(STREET_WORDS)}{rng.randint(1, 300)}号",
                # how the provincial login knows them (L2 self-declared … L5 counter-checked); taken from the
                # sequence already drawn, so the rest of the demo stays as it was
                "identity_level": (2, 3, 3, 4, 4, 5)[sequence % 6],
            }
        )
    return rows


def enterprise_rows(rng: random.Random, count: int, people: list[dict]) -> list[dict]:
    rows, used = [], set()
    while len(rows) < count:
        org_body = "".join(rng.choice("0123456789") for _ in range(2)) + "".join(
            rng.choice(ORG_CHARS) for _ in range(6)
        )
        org_code = org_body + idnumbers.org_code_check_char(org_body)
        body = f"91440604{org_code}"
        code = body + idnumbers.uscc_check_char(body)
        trade, (line, industry) = rng.choice(TRADE_NAMES), rng.choice(INDUSTRIES)
        name = f"佛山市禅城区{trade}{line}有限公司"
        if code in used or name in {r["name"] for r in rows[-50:]}:
            continue
        used.add(code)
        rep = rng.choice(people)
        rows.append(
            {
                "uscc": code,
                "name": name if len(rows) % 7 else f"佛山市{trade}{line}有限公司",
                "legal_representative": rep["name"],
                "representative_id_number": rep["id_number"],
                "phone": f"0757-8{rng.randrange(1000000, 9999999)}",
                "address": f"佛山市禅城区{rng.choice(STREET_WORDS)}{rng.randint(1, 300)}号",
                "industry": industry,
            }
        )
    return rows


def settle_records(
    *, rng: random.Random, district, persons, enterprises, departments: dict, share: float
) -> int:
    """Give a share of persons verified records (household register, marriage, education) and every enterprise
    its business licence — as if earlier cases and departments had settled them."""
    police, civil, market = (departments.get(c) for c in ("GA", "MZ", "SJ"))
    made = 0
    for person in persons:
        if rng.random() >= share:
            continue
        services.record_add(
            district=district,
            person=person,
            record_type="household_register",
            payload={"address": person.address, "household_head": person.name},
            source_kind="department",
            source_ref="户籍系统",
            source_department=police,
            trust_level="A",
            actor=None,
        )
        made += 1
        if person.birth_date.year < 2000 and rng.random() < 0.5:
            services.record_add(
                district=district,
                person=person,
                record_type="marriage",
                payload={
                    "status": "married",
                    "registered_on": str(_years_after(person.birth_date, 26)),
                },
                source_kind="department",
                source_ref="婚姻登记系统",
                source_department=civil,
                trust_level="A",
                actor=None,
            )
            made += 1
    for enterprise in enterprises:
        services.record_add(
            district=district,
            enterprise=enterprise,
            record_type="business_licence",
            payload={"name": enterprise.name, "legal_representative": enterprise.legal_representative},
            source_kind="department",
            source_ref="商事登记系统",
            source_department=market,
            trust_level="A",
            actor=None,
        )
        made += 1
    return made


def _years_after(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes the 28th in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
