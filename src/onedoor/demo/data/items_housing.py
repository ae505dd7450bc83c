"""Real-estate registration (不动产登记中心), housing (区住建水利局) and the housing provident fund
(区公积金管理中心) for natural persons."""

from __future__ import annotations

from onedoor.demo.data._build import Catalog, criteria, material, stages_custom
from onedoor.demo.data._materials import (
    agent,
    bank_account,
    form,
    hukou,
    id_card,
    marriage_cert,
    property_cert,
)
from onedoor.demo.data._text import GAPS_NOTE, MORTGAGE_FEE, PROPERTY_FEE, TRUST_FIRST, TRUST_FIRST_PERSON

# One compact description per row, as in a catalog table: the formatter would put every field on its own
# line and double the length of the module without making it clearer.
# fmt: off

REG = "《不动产登记暂行条例》（国务院令第656号）"
RULES = "《不动产登记暂行条例实施细则》（自然资源部令第5号修正）"
PROPERTY = ["不动产"]
FUND = ["住房公积金", "住房保障"]
FUND_LAW = "《住房公积金管理条例》"
REG_NOTE = "法定30个工作日（《不动产登记暂行条例》第二十条）"


def _application() -> dict:
    return material(
        "《不动产登记申请书》",
        criteria(
            ("completeness", "申请登记事项、不动产坐落、权利人信息填写完整"),
            ("signature", "全体申请人签名（单位加盖公章）"),
        ),
        blank_form="不动产登记申请书（空白表）", sample="不动产登记申请书（填写样例）",
        notes="窗口可根据登记簿和已沉淀信息生成，申请人核对后签名",
    )


def _contract(name: str, *more: tuple) -> dict:
    return material(name, criteria(
        ("consistency", "当事人、不动产坐落与登记簿记载一致"),
        ("signature", "各方当事人签名或盖章"), *more))


def _tax_paid() -> dict:
    return material(
        "契税等税费完税或减免凭证（系统共享）",
        criteria(("consistency", "完税信息与转移标的一致")),
        form="electronic", source="department", source_department="税务部门",
    )


def add(cat: Catalog) -> None:
    _registration(cat)
    _housing_and_fund(cat)
    _everyday(cat)


def _registration(cat: Catalog) -> None:
    cat.item(
        "BDC", 1, "不动产异议登记",
        item_type="confirmation", legal=20, promised=0,
        legal_note="改革前20个工作日、三个审批环节；现当场记载于登记簿，约1.5小时办结",
        basis=f"《中华人民共和国民法典》第二百二十条；{REG}第十四条；{RULES}第八十二条、第八十三条",
        conditions="利害关系人认为不动产登记簿记载的事项错误，权利人不同意更正的，可申请异议登记；"
        "申请人自异议登记之日起15日内不起诉的，异议登记失效",
        materials=[id_card(), _application(),
                   material("证实对登记的不动产权利有利害关系的材料（如买卖合同、法院受理通知书）",
                            criteria(("eligibility", "能初步证明申请人与该不动产存在利害关系"),
                                     ("consistency", "所涉不动产坐落与登记簿一致")), form="copy"),
                   material("证实不动产登记簿记载事项错误的材料",
                            criteria(("eligibility", "载明登记簿错误的具体事项及理由")), form="copy"),
                   material("《异议登记告知承诺书》（知悉异议不当造成损害应承担赔偿责任）",
                            criteria(("signature", "申请人签署承诺书"),
                                     ("completeness", "承诺书载明15日内起诉的义务和赔偿责任")),
                            blank_form="异议登记告知承诺书（空白表）")],
        keywords="房子登记有异议,房产登记有误,异议登记,房产证有争议,不动产异议,房子被别人登记,对房产登记不服,房产证登记错了,房子产权有争议,异议设立登记",
        themes=PROPERTY, events=["买房"], levels=["district"], trust_first=TRUST_FIRST,
        stages=stages_custom(
            ("accept", "申请和受理", "window_generalist", 40, "综合窗口受理，核验身份、利害关系材料和告知承诺书"),
            ("approve", "登簿", "chief_representative", 40,
             "首席代表依授权审核并将异议事项记载于不动产登记簿（原受理、审核、核准三个环节合并为一个）"),
            ("complete", "办结", "window_generalist", 20, "当场出具异议登记证明，告知15日内起诉的义务"),
        ),
        result=("不动产登记证明（异议登记）", "证明"),
    )
    cat.item(
        "BDC", 2, "不动产转移登记（二手房买卖）",
        item_type="confirmation", legal=30, promised=3, legal_note=REG_NOTE,
        basis=f"{REG}第十四条、第二十条；{RULES}第三十八条",
        conditions="已登记的房屋因买卖发生所有权转移，买卖双方共同申请；已网签备案并完税",
        materials=[id_card("买卖双方"), _application(), property_cert(),
                   _contract("存量房买卖合同（网签备案）", ("validity", "合同已在网签系统备案")),
                   marriage_cert(necessity="optional"), _tax_paid(), agent()],
        keywords="过户,房子过户,二手房过户,买房过户,卖房过户,房产过户,转名,二手房交易,房屋过户,买二手房",
        themes=PROPERTY, events=["买房"], levels=["district"], fee=PROPERTY_FEE, express=True, online_payment=True,
        result=("不动产权证书", "证照"),
    )
    cat.item(
        "BDC", 3, "不动产转移登记（继承、受遗赠）",
        item_type="confirmation", legal=30, promised=5, legal_note=REG_NOTE,
        basis=f"{REG}第十四条；{RULES}第十四条、第三十八条",
        conditions="不动产权利人死亡，继承人或受遗赠人申请办理转移登记；全部法定继承人到场或提交经公证的放弃继承声明",
        materials=[id_card("全部继承人"), _application(), property_cert(),
                   material("被继承人死亡证明（系统核验）", criteria(("authenticity", "死亡信息经公安、殡葬系统核验")),
                            form="electronic", source="department", source_department="公安机关"),
                   material("全部法定继承人亲属关系材料", criteria(
                       ("completeness", "配偶、子女、父母等第一顺序继承人无遗漏"),
                       ("consistency", "亲属关系与户籍、婚姻登记信息一致")), form="copy"),
                   material("继承权公证书或遗嘱、继承协议（当场查验签署）", criteria(
                       ("signature", "继承人当场签署继承协议或放弃继承声明"),
                       ("eligibility", "遗嘱形式符合民法典要求"))), agent()],
        keywords="继承房子,房子继承过户,父母房产继承,遗产过户,继承房产,老人去世房子过户,房产继承",
        themes=PROPERTY, events=["身故"], levels=["district"], fee=PROPERTY_FEE,
        visits_reason="全部继承人须到场签署继承协议或放弃声明", result=("不动产权证书", "证照"),
    )
    cat.item(
        "BDC", 4, "不动产转移登记（赠与）",
        item_type="confirmation", legal=30, promised=5, legal_note=REG_NOTE,
        basis=f"{REG}第十四条；{RULES}第三十八条；《中华人民共和国民法典》第六百五十七条",
        conditions="权利人将不动产赠与他人的，赠与双方共同申请；已缴纳或减免相关税费",
        materials=[id_card("赠与双方"), _application(), property_cert(),
                   _contract("赠与合同（或经公证的赠与合同）"), _tax_paid()],
        keywords="房子赠与,送房子给子女,父母赠房,房产赠与,房子送人,赠与过户",
        themes=PROPERTY, levels=["district"], fee=PROPERTY_FEE, result=("不动产权证书", "证照"),
    )
    cat.item(
        "BDC", 5, "新建商品房转移登记（一手房办证）",
        item_type="confirmation", legal=30, promised=3, legal_note=REG_NOTE,
        basis=f"{REG}第十四条；{RULES}第三十八条",
        conditions="开发企业已办理项目首次登记，购房人与开发企业共同申请（可由开发企业批量代办）",
        materials=[id_card("购房人"), _application(),
                   _contract("商品房买卖合同（网签备案）", ("validity", "合同已备案且未注销")),
                   _tax_paid(), marriage_cert(necessity="optional")],
        keywords="新房办证,办房产证,新房房产证,一手房办证,交楼办证,买新房办证,收楼办证,新房拿证",
        themes=PROPERTY, events=["买房"], levels=["district"], fee=PROPERTY_FEE, express=True,
        result=("不动产权证书", "证照"),
    )
    cat.item(
        "BDC", 6, "不动产变更登记（权利人姓名、证件号码变更）",
        item_type="confirmation", legal=30, promised=0, legal_note=REG_NOTE,
        basis=f"{REG}第十四条；{RULES}第二十六条",
        conditions="权利人姓名、身份证号码等发生变更，不涉及权利转移的",
        materials=[id_card(), _application(), property_cert(),
                   material("变更证明（户籍部门出具的姓名变更证明等，可系统核验）",
                            criteria(("consistency", "变更前后信息能对应")), form="electronic",
                            source="department", source_department="公安机关")],
        keywords="房产证改名,房产证信息变更,房产证更名,身份证号变了房产证,房产证变更",
        themes=PROPERTY, levels=["district"], depth=4, visits=0, result=("不动产权证书", "证照"),
    )
    cat.item(
        "BDC", 7, "不动产抵押权首次登记（个人住房贷款）",
        item_type="confirmation", legal=30, promised=0, legal_note=REG_NOTE,
        basis=f"{REG}第十四条；{RULES}第六十五条、第六十六条；《中华人民共和国民法典》第四百零二条",
        conditions="以房屋设定抵押的，抵押人与抵押权人（银行）共同申请，银行可通过线上端口代为申请",
        materials=[id_card("抵押人"), _application(), property_cert(),
                   _contract("借款合同及抵押合同", ("eligibility", "担保范围、债权数额、债务履行期限明确"))],
        keywords="房贷抵押,抵押登记,房子抵押,按揭登记,房屋抵押,贷款抵押登记",
        themes=PROPERTY, events=["买房"], levels=["district"], fee=MORTGAGE_FEE, depth=4, visits=0,
        result=("不动产登记证明（抵押权）", "证明"),
    )
    cat.item(
        "BDC", 8, "不动产抵押权注销登记",
        item_type="confirmation", legal=30, promised=0, legal_note=REG_NOTE,
        basis=f"{RULES}第七十二条",
        conditions="主债权消灭、抵押权人放弃抵押权等情形，抵押权人与抵押人申请注销（银行可线上单方申请）",
        materials=[id_card(), _application(), material(
            "抵押权消灭证明（银行出具的还清贷款证明或注销申请）",
            criteria(("consistency", "抵押权人与登记簿一致"), ("signature", "加盖抵押权人公章")),
        )],
        keywords="解押,还清房贷,注销抵押,房贷还完解押,解除抵押,房贷还清了",
        themes=PROPERTY, levels=["district"], depth=4, visits=0, result=("注销登记完成通知", "其他"),
    )
    cat.item(
        "BDC", 9, "不动产更正登记",
        item_type="confirmation", legal=30, promised=5, legal_note=REG_NOTE,
        basis=f"《中华人民共和国民法典》第二百二十条；{RULES}第七十九条至第八十一条",
        conditions="权利人、利害关系人认为登记簿记载事项错误，权利人书面同意更正或有证据证明登记确有错误的",
        materials=[id_card(), _application(), property_cert(),
                   material("证实登记确有错误的材料", criteria(("eligibility", "能证明登记簿记载错误"),
                                                               ("consistency", "所涉不动产与登记簿一致")), form="copy")],
        keywords="房产证写错,房产证信息有误,更正房产证,房产证面积不对,登记信息错误更正",
        themes=PROPERTY, levels=["district"], result=("不动产权证书（更正后）", "证照"),
    )
    cat.item(
        "BDC", 10, "不动产权证书遗失补发",
        item_type="confirmation", legal=30, promised=10, legal_note=f"{REG_NOTE}；遗失公告15个工作日不计入",
        basis=f"{RULES}第二十二条",
        conditions="不动产权证书遗失的，权利人申请补发，经门户网站公告15个工作日无异议后补发",
        materials=[id_card(), _application(), material(
            "遗失声明（由登记机构在门户网站免费发布）",
            criteria(("completeness", "载明证书号、坐落和权利人")),
            form="electronic", source="department", source_department="不动产登记机构",
        )],
        keywords="房产证丢了,补办房产证,房产证遗失,房产证不见了,补房产证,红本丢了",
        themes=PROPERTY, levels=["district"], express=True, result=("不动产权证书", "证照"),
    )
    cat.item(
        "BDC", 11, "不动产登记资料查询（有无房产证明）",
        item_type="public_service", legal=0, promised=0,
        basis=f"{REG}第二十七条；《不动产登记资料查询暂行办法》（自然资源部令第5号修正）",
        conditions="权利人查询本人名下不动产登记结果，或开具本区无房（有房）证明；利害关系人可查询登记结果",
        materials=[id_card(), agent()],
        keywords="查房产,无房证明,有房证明,房产查询,名下有几套房,打印房产证明,查档,房产信息查询,查名下房子",
        themes=PROPERTY, events=["买房", "上学"], levels=["district", "street"], depth=4, kiosk=True,
        result=("不动产登记信息查询结果证明", "证明"),
    )
    cat.item(
        "BDC", 12, "预购商品房预告登记",
        item_type="confirmation", legal=30, promised=0, legal_note=REG_NOTE,
        basis=f"《中华人民共和国民法典》第二百二十一条；{RULES}第八十五条、第八十六条",
        conditions="购买期房、商品房买卖合同已网签备案的，买受人与开发企业共同申请（可批量代办）",
        materials=[id_card("购房人"), _application(),
                   _contract("商品房预售合同（网签备案）", ("validity", "合同已备案"))],
        keywords="期房预告登记,预告登记,买楼花登记,期房登记,预售房登记",
        themes=PROPERTY, events=["买房"], levels=["district"], depth=4, visits=0, result=("不动产登记证明（预告登记）", "证明"),
    )


def _housing_and_fund(cat: Catalog) -> None:
    cat.item(
        "ZJ", 1, "公共租赁住房申请",
        item_type="public_service", legal=30, promised=20,
        basis="《公共租赁住房管理办法》（住房和城乡建设部令第11号）第七条；《佛山市公共租赁住房管理办法》",
        conditions="在本区无自有住房或人均住房面积低于规定标准、家庭收入和财产符合规定的本区户籍家庭及符合条件的新市民",
        materials=[id_card("家庭成员"), hukou("家庭成员"), form("公共租赁住房申请表"),
                   material("家庭住房、收入和财产核对授权书",
                            criteria(("signature", "家庭成年成员均签名"), ("completeness", "家庭成员无遗漏"))),
                   material("劳动合同或社保缴纳证明（新市民提供）", criteria(("eligibility", "在本区稳定就业满规定年限")),
                            form="copy", necessity="later", notes=GAPS_NOTE)],
        keywords="公租房,廉租房,申请公租房,政府租房,住房困难,保障房,政府公房,申请保障性住房",
        themes=["住房保障"], events=["迁居"], levels=["district", "street"], accept_with_gaps=True,
        result=("公共租赁住房资格确认通知", "其他"),
    )
    cat.item(
        "ZJ", 2, "住房租赁合同登记备案",
        item_type="public_service", legal=3, promised=0,
        basis="《商品房屋租赁管理办法》（住房和城乡建设部令第6号）第十四条；《广东省城镇房屋租赁条例》",
        conditions="房屋租赁合同订立后30日内，出租人或承租人申请登记备案",
        materials=[id_card("出租人或承租人"), property_cert(), material(
            "房屋租赁合同", criteria(("completeness", "载明租赁期限、租金、用途"), ("signature", "双方签名")),
        )],
        keywords="租房备案,租赁合同备案,租房登记,房屋出租登记,租房合同备案,出租屋登记",
        themes=["住房保障"], events=["迁居"], levels=["district", "street", "community"], depth=4,
        result=("房屋租赁登记备案证明", "证明"),
    )
    cat.item(
        "ZJ", 3, "既有住宅增设电梯备案",
        item_type="public_service", legal=20, promised=10,
        basis="《广东省既有住宅增设电梯指导意见》；《佛山市既有住宅增设电梯办法》",
        conditions="本栋（单元）房屋专有部分面积占比三分之二以上且人数占比三分之二以上的业主参与表决，"
        "参与表决的业主中面积和人数四分之三以上同意",
        materials=[id_card("业主代表"), material("业主增设电梯协议及表决结果",
                                                 criteria(("eligibility", "表决比例符合规定"),
                                                          ("signature", "同意的业主逐户签名并附产权信息"))),
                   material("增设电梯设计方案（具备资质的设计单位出具）",
                            criteria(("completeness", "含平面图、结构安全论证"))),
                   material("公示期满无异议证明", criteria(("validity", "在小区显著位置公示不少于10日")),
                            necessity="later", notes=GAPS_NOTE)],
        keywords="加装电梯,旧楼装电梯,老楼加电梯,增设电梯,楼梯房装电梯,加电梯补贴",
        themes=["住房保障", "老年人"], levels=["district"], accept_with_gaps=True,
        result=("增设电梯备案意见", "批文"),
    )
    cat.item(
        "GJJ", 1, "住房公积金提取（购买自住住房）",
        item_type="public_service", legal=3, promised=0,
        basis=f"{FUND_LAW}第二十四条",
        conditions="职工及配偶购买本市或户籍地自住住房，购房合同或不动产权证书登记之日起规定期限内申请",
        materials=[id_card(), bank_account(), property_cert(),
                   material("购房发票或完税凭证（系统共享）", criteria(("consistency", "购房人为职工本人或配偶")),
                            form="electronic", source="department", source_department="税务部门")],
        keywords="公积金提取,取公积金,提公积金,买房提公积金,拿公积金,买房取公积金,公积金取出来",
        themes=FUND, events=["买房"], levels=["district", "street"], depth=4, kiosk=True,
        trust_first=TRUST_FIRST_PERSON, result=("提取到账通知", "其他"),
    )
    cat.item(
        "GJJ", 2, "住房公积金提取（租赁住房）",
        item_type="public_service", legal=3, promised=0,
        basis=f"{FUND_LAW}第二十四条；《住房城乡建设部 财政部 人民银行关于放宽提取住房公积金支付房租条件的通知》",
        conditions="职工及配偶在本市无自有住房且租房自住的，按月或按年提取",
        materials=[id_card(), bank_account(), material("无房情况承诺（系统核验本市无房）",
                                                       criteria(("eligibility", "本人及配偶在本市无自有住房")),
                                                       form="electronic")],
        keywords="租房提取公积金,租房取公积金,公积金付房租,租房提公积金,公积金交房租",
        themes=FUND, events=["迁居"], levels=["district", "street"], depth=4, trust_first=TRUST_FIRST_PERSON,
        result=("提取到账通知", "其他"),
    )
    cat.item(
        "GJJ", 3, "住房公积金提取（离职、退休、离开本市）",
        item_type="public_service", legal=3, promised=0,
        basis=f"{FUND_LAW}第二十四条",
        conditions="职工离休、退休，或与单位终止劳动关系且户口迁出本市、出境定居，或非本市户籍职工离职后未再缴存满半年的",
        materials=[id_card(), bank_account(), material(
            "退休、离职或户口迁出证明（系统核验）",
            criteria(("eligibility", "符合销户提取情形")), form="electronic",
            source="department", source_department="人社或公安部门",
        )],
        keywords="辞职取公积金,离职提公积金,退休提取公积金,销户提取,离开佛山取公积金,不干了取公积金",
        themes=FUND, events=["退休", "失业"], levels=["district", "street"], depth=4, result=("提取到账通知", "其他"),
    )
    cat.item(
        "GJJ", 4, "住房公积金提取（偿还住房贷款）",
        item_type="public_service", legal=3, promised=0,
        basis=f"{FUND_LAW}第二十四条",
        conditions="职工及配偶偿还自住住房贷款本息的，可按年提取或签约按月委托提取还贷",
        materials=[id_card(), bank_account(), material("借款合同及还款明细（商业贷款提供）",
                                                       criteria(("consistency", "借款人为职工本人或配偶")), form="copy")],
        keywords="还房贷提公积金,公积金还贷,冲还贷,公积金还房贷,用公积金还贷款",
        themes=FUND, events=["买房"], levels=["district", "street"], depth=4, result=("提取到账通知", "其他"),
    )
    cat.item(
        "GJJ", 5, "住房公积金个人住房贷款",
        item_type="public_service", legal=15, promised=10, legal_note="法定15日（《住房公积金管理条例》第十三条）",
        basis=f"{FUND_LAW}第二十六条",
        conditions="连续足额缴存住房公积金满6个月、购买自住住房、个人信用良好的职工",
        materials=[id_card("借款人及配偶"), marriage_cert(necessity="optional"),
                   _contract("购房合同（网签备案）", ("validity", "合同已备案")),
                   material("首付款凭证", criteria(("consistency", "首付款金额与合同一致")), form="copy"),
                   form("住房公积金贷款申请表", signer="借款人")],
        keywords="公积金贷款,用公积金买房贷款,公积金按揭,公积金贷款买房,申请公积金贷款",
        themes=FUND, events=["买房"], levels=["district"], result=("贷款审批通知", "批文"),
    )
    cat.item(
        "GJJ", 6, "灵活就业人员住房公积金自愿缴存登记",
        item_type="public_service", legal=0, promised=0,
        basis=f"{FUND_LAW}第二十条；《关于在佛山市开展灵活就业人员参加住房公积金制度试点的通知》",
        conditions="年满16周岁、在本市灵活就业的个体工商户、自由职业者等",
        materials=[id_card(), bank_account()],
        keywords="个人交公积金,自由职业交公积金,灵活就业公积金,自己交公积金,个体户交公积金",
        themes=FUND, events=["工作"], levels=["district", "street"], depth=4, result=("缴存登记凭证", "其他"),
    )
    cat.item(
        "GJJ", 7, "住房公积金缴存证明出具",
        item_type="public_service", legal=0, promised=0,
        basis=f"{FUND_LAW}第三十二条",
        conditions="缴存职工本人查询、打印住房公积金缴存明细或缴存证明",
        materials=[id_card()],
        keywords="公积金证明,公积金缴存记录,公积金明细,打印公积金,查公积金,公积金缴存证明",
        themes=FUND, levels=["district", "street", "community"], depth=4, kiosk=True,
        result=("住房公积金缴存证明", "证明"),
    )
    _homestead(cat)


def _homestead(cat: Catalog) -> None:
    cat.item(
        "NY", 1, "农村村民宅基地和建房（规划许可）审批",
        item_type="licensing", legal=20, promised=15, exercise_level="street", power_source=2,
        basis="《中华人民共和国土地管理法》第六十二条；《农业农村部 自然资源部关于规范农村宅基地审批管理的通知》",
        conditions="本集体经济组织成员、符合一户一宅规定、建房用地符合村庄规划的",
        materials=[id_card(), hukou(), form("农村宅基地和建房（规划许可）申请表"),
                   material("农村宅基地使用承诺书", criteria(("signature", "申请人签署一户一宅承诺"))),
                   material("村民小组会议讨论通过并公示的意见",
                            criteria(("eligibility", "经村民小组会议同意"), ("validity", "公示期满无异议")))],
        keywords="宅基地,农村建房,盖房子,自建房审批,农村盖房,宅基地申请,建房审批",
        themes=["农业农村", "住房保障"], levels=["street"], place="南庄镇行政服务中心综合窗口",
        result=("农村宅基地批准书、乡村建设规划许可证", "证照"),
    )


def _everyday(cat: Catalog) -> None:
    cat.item(
        "BDC", 13, "不动产权证书换发（损坏、污损）",
        item_type="confirmation", legal=30, promised=0, legal_note=REG_NOTE,
        basis=f"{RULES}第二十二条",
        conditions="不动产权证书污损、破损或换发新版证书的，权利人持原证书申请换发，原证书收回作废",
        materials=[id_card(), _application(), property_cert()],
        keywords="房产证换新,房产证坏了,换发不动产证,房产证破了,旧房产证换新版",
        themes=PROPERTY, levels=["district"], result=("不动产权证书", "证照"),
    )
    cat.item(
        "GJJ", 9, "住房公积金提取（重大疾病、生活困难）",
        item_type="public_service", legal=3, promised=0,
        basis=f"{FUND_LAW}第二十四条；《佛山市住房公积金提取管理办法》",
        conditions="职工本人及配偶、父母、子女患重大疾病，或家庭生活严重困难享受最低生活保障的",
        materials=[id_card(), bank_account(), material(
            "二级以上医院疾病诊断证明及医疗费用票据，或低保证明（系统核验）",
            criteria(("eligibility", "疾病属于重大疾病目录或家庭在册低保"), ("consistency", "患者与职工关系可核验")),
            form="copy",
        )],
        keywords="生病提公积金,大病提取公积金,看病取公积金,重病提取公积金,困难提取公积金",
        themes=FUND, events=["就医", "困难救助"], levels=["district", "street"], trust_first=TRUST_FIRST_PERSON,
        result=("提取到账通知", "其他"),
    )
