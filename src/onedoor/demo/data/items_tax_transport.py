"""Taxation (区税务局), transport (区交通运输局) and city management (区城管执法局) services for natural
persons."""

from __future__ import annotations

from onedoor.demo.data._build import Catalog, criteria, material
from onedoor.demo.data._materials import form, id_card, photo, property_cert

# One compact description per row, as in a catalog table: the formatter would put every field on its own
# line and double the length of the module without making it clearer.
# fmt: off

TAX = ["税收财务"]
TAX_LAW = "《中华人民共和国税收征收管理法》"


def add(cat: Catalog) -> None:
    cat.item(
        "SW", 1, "个人所得税纳税记录开具",
        item_type="public_service", legal=0, promised=0,
        basis=f"{TAX_LAW}第三十四条；《国家税务总局关于将个人所得税〈税收完税证明〉（文书式）调整为〈纳税记录〉有关事项的公告》",
        conditions="纳税人本人开具本人在一定期间内的个人所得税纳税记录，用于购房、落户、签证等",
        materials=[id_card()],
        keywords="完税证明,个税证明,纳税证明,个税记录,纳税记录,个人所得税证明,开个税证明,买房个税证明",
        themes=TAX, levels=["district", "street"], depth=4, kiosk=True, result=("个人所得税纳税记录", "证明"),
    )
    cat.item(
        "SW", 2, "存量房交易税费申报缴纳",
        item_type="collection", legal=0, promised=0,
        basis="《中华人民共和国契税法》第三条、第九条；《中华人民共和国个人所得税法》；《中华人民共和国增值税暂行条例》",
        conditions="存量房（二手房）买卖双方在办理不动产转移登记前，申报缴纳契税、个人所得税、增值税等",
        materials=[id_card("买卖双方"), property_cert(), material(
            "存量房买卖合同（网签备案，系统共享）",
            criteria(("consistency", "成交价格、面积与合同一致")),
            form="electronic", source="department", source_department="住房城乡建设部门",
        )],
        keywords="过户交税,买房交契税,契税缴纳,房屋交易税,二手房交税,卖房交个税,交契税",
        themes=[*TAX, "不动产"], events=["买房"], levels=["district"], online_payment=True,
        result=("完税凭证", "证明"),
    )
    cat.item(
        "SW", 3, "自然人代开增值税发票",
        item_type="public_service", legal=0, promised=0,
        basis="《中华人民共和国发票管理办法》第十六条；《国家税务总局关于进一步优化增值税发票代开服务的公告》",
        conditions="自然人临时取得应税收入（如劳务报酬、出租房屋），付款方要求开具发票的",
        materials=[id_card(), material(
            "合同或收款凭证", criteria(("consistency", "付款方、金额与代开申请一致")), form="copy",
        )],
        keywords="个人开发票,代开发票,自然人代开发票,个人怎么开发票,劳务费开发票,房租开发票",
        themes=TAX, levels=["district"], depth=4, online_payment=True, result=("增值税发票", "其他"),
    )
    cat.item(
        "SW", 4, "车辆购置税申报缴纳",
        item_type="collection", legal=0, promised=0,
        basis="《中华人民共和国车辆购置税法》第二条、第十二条",
        conditions="购买、进口、自产、受赠或以其他方式取得并自用应税车辆的，在上牌前申报缴纳",
        materials=[id_card(), material(
            "机动车销售统一发票（电子发票系统核验）",
            criteria(("consistency", "购买方与纳税人一致"), ("authenticity", "发票可在全国增值税发票查验平台查验")),
            form="electronic", source="department", source_department="税务部门",
        )],
        keywords="买车交税,购置税,新车购置税,车辆购置税,买新车交税",
        themes=[*TAX, "交通出行"], levels=["district"], depth=4, online_payment=True,
        result=("车辆购置税完税证明（电子）", "证明"),
    )
    cat.item(
        "JT", 1, "网络预约出租汽车驾驶员证核发",
        item_type="licensing", legal=20, promised=10,
        basis="《网络预约出租汽车经营服务管理暂行办法》第十四条、第十五条；《出租汽车驾驶员从业资格管理规定》",
        conditions="取得相应准驾车型驾驶证并具有3年以上驾驶经历，无交通肇事犯罪、危险驾驶犯罪记录，无吸毒、暴力犯罪记录，考试合格",
        materials=[id_card(), photo("近期1寸免冠白底彩色照片", copies=1), material(
            "机动车驾驶证", criteria(("validity", "驾驶证有效，驾龄3年以上"), ("eligibility", "最近连续3个记分周期内无记满12分记录")),
            source="settled", record_type="driving_licence",
        ), material(
            "无犯罪记录证明（系统核验）", criteria(("eligibility", "无交通肇事、危险驾驶、暴力犯罪及吸毒记录")),
            form="electronic", source="department", source_department="公安机关",
        )],
        keywords="网约车司机证,滴滴司机证,出租车司机资格证,网约车从业资格,开网约车要什么证,网约车驾驶员证",
        themes=["交通出行", "职业资格"], events=["工作"], levels=["district"], result=("网络预约出租汽车驾驶员证", "证照"),
    )
    cat.item(
        "JT", 2, "道路运输从业人员从业资格证换证、补证",
        item_type="licensing", legal=10, promised=0, power_source=5,
        basis="《道路运输从业人员管理规定》（交通运输部令）第二十七条、第二十八条",
        conditions="从业资格证有效期届满前30日内申请换证，或遗失、损毁申请补证；诚信考核合格",
        materials=[id_card(), material(
            "原从业资格证（补证的提交遗失声明）", criteria(("consistency", "证件持有人与申请人一致")),
        )],
        keywords="货车从业资格证,从业资格证到期,危险品押运证,从业资格证换证,客运资格证,从业资格证丢了",
        themes=["交通出行", "职业资格"], levels=["district"], depth=4, kiosk=True,
        result=("道路运输从业人员从业资格证", "证照"),
    )
    cat.item(
        "CG", 1, "个人住宅装修余泥排放登记",
        item_type="public_service", legal=3, promised=0,
        basis="《城市建筑垃圾管理规定》（建设部令第139号）第七条；《佛山市建筑垃圾管理办法》",
        conditions="个人住宅室内装修产生余泥渣土的，委托有资质的运输单位清运至指定消纳场",
        materials=[id_card(), property_cert(necessity="optional"), form("装修余泥排放登记表")],
        keywords="装修垃圾,装修泥头,装修余泥,建筑垃圾清运,装修废料怎么处理,装修垃圾处理",
        themes=["城市管理"], levels=["district", "street", "community"], depth=4,
        result=("余泥排放登记回执", "其他"),
    )
