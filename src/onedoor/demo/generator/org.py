"""The demo district's organisation: centres at three levels, windows, departments with their back-end
systems, and staff accounts — all through the districts services, as an administrator would."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import Decimal

from onedoor.districts import services
from onedoor.districts.models import Centre, Department, District, Role

DEMO_PASSWORD = "onedoor-demo"

# Chancheng's four streets/towns (祖庙, 石湾镇, 张槎, 南庄) with approximate centre coordinates.
STREETS = [
    ("ZM", "祖庙街道", "祖庙街道行政服务中心", "禅城区祖庙路12号", (23.0300, 113.1150)),
    ("SW", "石湾镇街道", "石湾镇街道行政服务中心", "禅城区石湾镇街道沿江路8号", (23.0050, 113.0950)),
    ("ZC", "张槎街道", "张槎街道行政服务中心", "禅城区张槎一路38号", (23.0450, 113.0700)),
    ("NZ", "南庄镇", "南庄镇行政服务中心", "禅城区南庄镇南庄大道2号", (23.0000, 113.0200)),
]
# Syllables of local place names; communities are named from them deterministically.
PLACE_WORDS = (
    "升平 朝安 同济 岭南 大江 铁军 普君 福贤 宝华 盈富 东华 莲峰 东风 河宕 澜石 深村 沙岗 石头 榴苑 小雾岗 "
    "大富 下朗 上朗 东鄱 莲塘 海口 古灶 村头 紫洞 吉利 梧村 罗格 溶洲 龙津 湖涌 杏头 堤田 塘头 三友 "
    "南浦 绿景 明珠 新城 金沙 奇槎 张槎 青柯 弼塘 大沙 湾华 忠信 环市 聚锦 华远 季华 绿岛 文华 汾江 "
    "江湾 亲仁 兰桂 永安 和平 建设 跃进 太平 金澜 高基 白燕 龙凤"
).split()
GENERALIST_WINDOWS = {"district": 30, "street": 4, "community": 1}


@dataclass
class DemoOrg:
    district: District
    centre: Centre
    streets: list[Centre] = field(default_factory=list)
    communities: list[Centre] = field(default_factory=list)
    departments: dict[str, Department] = field(default_factory=dict)


def _coord(value: float) -> Decimal:
    return Decimal(f"{value:.6f}")


def build_chancheng(*, rng: random.Random, communities: int, departments: list[dict]) -> DemoOrg:
    district = services.district_create(
        code="440604",
        name="禅城区",
        short_name="禅城",
        city="佛山市",
        province="广东省",
        consultation_phone="0757-83030000",
        complaint_phone="0757-12345",
    )
    hall = services.centre_create(
        district=district,
        code="CC-HALL",
        name="禅城区行政服务中心",
        level="district",
        address="佛山市禅城区季华五路22号",
        opening_hours="周一至周五 9:00-12:00, 13:30-17:30; 周六 9:00-12:00",
        phone="0757-83030000",
        latitude=_coord(23.0215),
        longitude=_coord(113.1062),
    )
    org = DemoOrg(district=district, centre=hall)
    services.windows_open(centre=hall, count=GENERALIST_WINDOWS["district"])
    for code, _short, name, address, (lat, lng) in STREETS:
        street = services.centre_create(
            district=district,
            code=f"CC-{code}",
            name=name,
            level="street",
            parent=hall,
            address=address,
            opening_hours="周一至周五 9:00-12:00, 14:00-17:30",
            latitude=_coord(lat),
            longitude=_coord(lng),
        )
        services.windows_open(centre=street, count=GENERALIST_WINDOWS["street"])
        org.streets.append(street)
    names = _community_names(rng, communities)
    for n, name in enumerate(names):
        street = org.streets[n % len(org.streets)]
        base_lat, base_lng = float(street.latitude), float(street.longitude)
        community = services.centre_create(
            district=district,
            code=f"{street.code}-{n + 1:03d}",
            name=f"{name}社区服务站",
            level="community",
            parent=street,
            address=f"{street.name}{name}路{rng.randint(1, 99)}号",
            opening_hours="周一至周五 9:00-12:00, 14:30-17:30",
            latitude=_coord(base_lat + rng.uniform(-0.02, 0.02)),
            longitude=_coord(base_lng + rng.uniform(-0.02, 0.02)),
        )
        services.windows_open(centre=community, count=GENERALIST_WINDOWS["community"])
        org.communities.append(community)
    _departments(org, departments)
    return org


def _departments(org: DemoOrg, specs: list[dict]) -> None:
    """Each department with its one back-end system (后台专业系统)."""
    for spec in specs:
        dept = services.department_create(
            district=org.district,
            code=spec["code"],
            name=spec["name"],
            short_name=spec.get("short_name", ""),
            phone=spec.get("phone", ""),
        )
        services.backend_system_register(
            department=dept,
            code=spec["system"]["code"],
            name=spec["system"]["name"],
            description=spec["system"].get("description", ""),
        )
        org.departments[dept.code] = dept


def _community_names(rng: random.Random, count: int) -> list[str]:
    words = list(PLACE_WORDS)
    rng.shuffle(words)
    names: list[str] = []
    suffixes = ["", "东", "西", "南", "北", "新"]
    for suffix in suffixes:
        for word in words:
            if len(names) == count:
                return names
            names.append(word + suffix)
    return names


def build_staff(org: DemoOrg, *, bdc_code: str = "BDC") -> None:
    """The demo accounts named in the README, and more generalists and officers for realism."""
    d, bdc = org.district, org.departments[bdc_code]
    create = services.staff_create
    create(
        district=d,
        username="admin",
        password=DEMO_PASSWORD,
        display_name="系统管理员",
        roles=[(Role.DISTRICT_ADMIN, None)],
    )
    create(
        district=d,
        username="desk",
        password=DEMO_PASSWORD,
        display_name="陈晓敏（综合窗口）",
        centre=org.centre,
        roles=[(Role.WINDOW_GENERALIST, None)],
    )
    create(
        district=d,
        username="officer",
        password=DEMO_PASSWORD,
        display_name="李建国（承办/审核）",
        roles=[(Role.UNDERTAKER, bdc), (Role.REVIEWER, bdc)],
    )
    create(
        district=d,
        username="approver",
        password=DEMO_PASSWORD,
        display_name="王志强（批准）",
        roles=[(Role.APPROVER, bdc)],
    )
    create(
        district=d,
        username="chief",
        password=DEMO_PASSWORD,
        display_name="黄丽华（首席代表）",
        centre=org.centre,
        roles=[(Role.CHIEF_REPRESENTATIVE, bdc)],
    )
    create(
        district=d,
        username="supervisor",
        password=DEMO_PASSWORD,
        display_name="周伟（监督）",
        roles=[(Role.SUPERVISOR, None)],
    )
    create(
        district=d,
        username="analyst",
        password=DEMO_PASSWORD,
        display_name="吴静（数据分析）",
        roles=[(Role.ANALYST, None)],
    )
    for n, street in enumerate(org.streets, start=2):
        create(
            district=d,
            username=f"desk{n}",
            password=DEMO_PASSWORD,
            display_name=f"{street.name}综合窗口",
            centre=street,
            roles=[(Role.WINDOW_GENERALIST, None)],
        )
    others = [code for code in org.departments if code != bdc_code][:4]
    for n, code in enumerate(others, start=2):
        dept = org.departments[code]
        create(
            district=d,
            username=f"officer{n}",
            password=DEMO_PASSWORD,
            display_name=f"{dept.name}承办人",
            roles=[(Role.UNDERTAKER, dept), (Role.REVIEWER, dept)],
        )
        create(
            district=d,
            username=f"approver{n}",
            password=DEMO_PASSWORD,
            display_name=f"{dept.name}审批人",
            roles=[(Role.APPROVER, dept)],
        )


def build_hetang(*, departments: list[dict]) -> DemoOrg:
    """The second district (株洲市荷塘区, which copied Chancheng's reform) — small, for isolation."""
    district = services.district_create(
        code="430202",
        name="荷塘区",
        short_name="荷塘",
        city="株洲市",
        province="湖南省",
        consultation_phone="0731-28280000",
        complaint_phone="0731-12345",
    )
    hall = services.centre_create(
        district=district,
        code="HT-HALL",
        name="荷塘区政务服务中心",
        level="district",
        address="株洲市荷塘区新华东路1号",
        latitude=_coord(27.8560),
        longitude=_coord(113.1700),
    )
    services.windows_open(centre=hall, count=6)
    org = DemoOrg(district=district, centre=hall)
    _departments(org, departments)
    services.staff_create(
        district=district,
        username="hetang-desk",
        password=DEMO_PASSWORD,
        display_name="荷塘综合窗口",
        centre=hall,
        roles=[(Role.WINDOW_GENERALIST, None)],
    )
    services.staff_create(
        district=district,
        username="hetang-admin",
        password=DEMO_PASSWORD,
        display_name="荷塘管理员",
        roles=[(Role.DISTRICT_ADMIN, None)],
    )
    return org
