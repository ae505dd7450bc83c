"""Public security (区公安分局): household register (户籍), resident ID cards, residence permits, exit-entry and
traffic documents for natural persons."""

from __future__ import annotations

from onedoor.demo.data._build import WORKING_HOURS_SAT, Catalog, criteria, material
from onedoor.demo.data._materials import agent, birth_medical_cert, form, hukou, id_card, marriage_cert, photo
from onedoor.demo.data._text import ID_FEE, TEMP_ID_FEE, TRUST_FIRST_PERSON

# One compact description per row, as in a catalog table: the formatter would put every field on its own
# line and double the length of the module without making it clearer.
# fmt: off

HUKOU_LAW = "《中华人民共和国户口登记条例》"
ID_LAW = "《中华人民共和国居民身份证法》"
HOUSEHOLD = ["户籍办理"]
STREET = ["district", "street"]
ALL = ["district", "street", "community"]


def add(cat: Catalog) -> None:
    cat.item(
        "GA", 1, "出生登记（新生儿入户）",
        item_type="confirmation", legal=0, legal_note="法定：婴儿出生后一个月以内申报；材料齐全当场办结",
        basis=f"{HUKOU_LAW}第七条；《广东省公安厅关于进一步深化户籍制度改革的实施意见》",
        conditions="在本区出生或父母一方户口在本区的新生儿，由父母或监护人申报出生登记，可随父或随母落户",
        materials=[
            birth_medical_cert(),
            hukou("父母（落户方）"),
            id_card("父母双方"),
            marriage_cert(necessity="optional"),
            form("出生登记申报表", signer="申报人"),
        ],
        keywords="生孩子,新生儿入户,新生儿上户口,宝宝上户口,小孩上户口,孩子上户口,婴儿报户口,报户口,上户口,入户口,新生儿落户,出生入户,宝宝落户,出生报户",
        themes=["生育收养", *HOUSEHOLD], events=["出生"], levels=STREET, kiosk=False, depth=3,
        result=("户口簿新生儿户口页", "证照"), hours=WORKING_HOURS_SAT,
    )
    cat.item(
        "GA", 2, "居民身份证换领（有效期满）",
        item_type="confirmation", legal=60, promised=10, legal_note="法定60日（自然日），交通不便地区可延长30日",
        basis=f"{ID_LAW}第五条、第十一条、第二十条",
        conditions="本区户籍居民身份证有效期满前三个月内或已过期的，本人到场采集人像和指纹后换领",
        materials=[id_card(), hukou(), photo("现场采集数码人像（无需自带照片）", copies=0)],
        keywords="换身份证,身份证到期,身份证过期,身份证换证,更换身份证,身份证快到期,身份证换新,办身份证,身份证有效期满",
        themes=["证件办理", *HOUSEHOLD], levels=STREET, fee=ID_FEE, express=True, online_payment=True,
        visits_reason="本人到场采集人像和指纹信息，新证可选择邮寄", result=("中华人民共和国居民身份证", "证照"),
    )
    cat.item(
        "GA", 3, "居民身份证补领（遗失补办）",
        item_type="confirmation", legal=60, promised=10, legal_note="法定60日（自然日）",
        basis=f"{ID_LAW}第十一条、第二十条",
        conditions="本区户籍居民身份证遗失或损坏的，本人到场申请补领，原证件同时作废",
        materials=[hukou(), form("居民身份证申领登记表")],
        keywords="身份证丢了,身份证不见了,补办身份证,身份证遗失,补身份证,身份证被偷了,身份证损坏,身份证补办",
        themes=["证件办理", *HOUSEHOLD], levels=STREET, fee=ID_FEE, express=True, online_payment=True,
        visits_reason="本人到场核验身份并采集人像指纹", result=("中华人民共和国居民身份证", "证照"),
    )
    cat.item(
        "GA", 4, "首次申领居民身份证",
        item_type="confirmation", legal=60, promised=10, legal_note="法定60日（自然日）",
        basis=f"{ID_LAW}第二条、第九条",
        conditions="本区户籍公民年满十六周岁应当申领；未满十六周岁的可由监护人陪同申领",
        materials=[hukou(), id_card("监护人（未满十六周岁的提供）", necessity="optional")],
        keywords="第一次办身份证,小孩办身份证,孩子办身份证,16岁办身份证,初次领身份证,首次办身份证",
        themes=["证件办理", *HOUSEHOLD], levels=STREET, fee=ID_FEE, express=True,
        visits_reason="本人到场采集人像和指纹", result=("中华人民共和国居民身份证", "证照"),
    )
    cat.item(
        "GA", 5, "临时居民身份证申领",
        item_type="confirmation", legal=3, promised=0, legal_note="法定3日（自然日）",
        basis="《中华人民共和国临时居民身份证管理办法》第四条、第七条",
        conditions="正在申领、换领、补领居民身份证期间急需使用身份证件的本区户籍居民",
        materials=[hukou(), material(
            "居民身份证申领受理回执",
            criteria(("consistency", "回执载明的申领人与申请人一致"), ("validity", "居民身份证尚在制证期间")),
        )],
        keywords="临时身份证,急用身份证,坐飞机没身份证,坐高铁没身份证,临时证件,身份证还没拿到",
        themes=["证件办理"], levels=STREET, fee=TEMP_ID_FEE, online_payment=True,
        result=("临时居民身份证", "证照"),
    )
    cat.item(
        "GA", 6, "广东省居住证申领",
        item_type="confirmation", legal=15, promised=0, legal_note="法定15日（自然日）；本区大厅即时制证，当场发放",
        basis="《居住证暂行条例》（国务院令第663号）第二条、第九条；《广东省流动人口服务管理条例》",
        conditions="离开常住户口所在地到本区居住半年以上，有合法稳定就业、合法稳定住所或连续就读条件之一的",
        materials=[
            id_card(), photo("近期一寸正面免冠白底彩色照片", copies=1),
            material(
                "居住证明：房屋租赁合同或不动产权证书，或单位、学校出具的居住证明",
                criteria(("consistency", "居住地址与居住登记地址一致"), ("validity", "租赁合同在有效期内")),
                form="copy",
            ),
            material(
                "就业、就读证明：劳动合同、营业执照或学生证（其一）",
                criteria(("eligibility", "能证明在本区合法稳定就业或连续就读")),
                form="copy", necessity="later", notes="可容缺受理：签署容缺承诺书后当场发证，30日内补交，逾期未补的注销居住证",
            ),
        ],
        keywords="办居住证,居住证,暂住证,外地人居住证,积分入学要居住证,新市民居住证,流动人口居住证",
        themes=["证件办理", *HOUSEHOLD], events=["迁居"], levels=ALL, accept_with_gaps=True, express=True,
        result=("广东省居住证", "证照"),
    )
    cat.item(
        "GA", 7, "居住证签注（有效期延续）",
        item_type="confirmation", legal=0, promised=0, legal_note="材料齐全当场签注",
        basis="《居住证暂行条例》第十三条；《广东省流动人口服务管理条例》",
        conditions="居住证有效期满前30日内（或期满后），仍在本区居住的持证人",
        materials=[id_card(), material(
            "广东省居住证",
            criteria(("consistency", "居住证持证人与申请人一致"), ("validity", "居住地址仍在本区")),
        )],
        keywords="居住证续期,居住证签注,居住证过期,居住证到期,居住证延期,暂住证续期",
        themes=["证件办理"], levels=ALL, kiosk=True, depth=4, trust_first=TRUST_FIRST_PERSON,
        result=("居住证签注", "证照"),
    )
    cat.item(
        "GA", 8, "居住登记（申报居住信息）",
        item_type="public_service", legal=0, promised=0,
        basis="《居住证暂行条例》第五条；《广东省流动人口服务管理条例》第十二条",
        conditions="离开常住户口所在地到本区居住的人员，自到达居住地之日起30日内申报居住登记",
        materials=[id_card(), material(
            "住所信息：房屋租赁合同、不动产权证书或房东出具的居住说明（其一）",
            criteria(("consistency", "住所地址明确到门牌号")),
            form="copy",
        )],
        keywords="报暂住,租房登记居住,居住登记,来佛山登记,申报居住,流动人口登记,暂住登记",
        themes=["户籍办理"], events=["迁居"], levels=ALL, depth=4, result=("居住登记凭证", "其他"),
    )
    cat.item(
        "GA", 9, "户口迁入（夫妻、父母子女投靠）",
        item_type="licensing", legal=20, promised=10,
        basis=f"{HUKOU_LAW}第十条；《佛山市户籍管理规定》",
        conditions="投靠本区户籍配偶（结婚满两年）、本区户籍父母投靠子女（男满60周岁、女满55周岁）或子女投靠父母的",
        materials=[
            id_card(), hukou("申请人及被投靠人"),
            material(
                "亲属关系证明：结婚证或出生医学证明",
                criteria(("consistency", "证明载明的亲属关系与申请投靠类别一致")),
                source="settled", record_type="marriage",
            ),
            material(
                "合法稳定住所证明：不动产权证书或经备案的租赁合同",
                criteria(("eligibility", "住所在本区，产权人同意入户")),
                form="copy",
            ),
            form("户口迁移申请表"),
        ],
        keywords="迁户口,随迁,投靠入户,夫妻投靠,投靠老公,投靠老婆,随配偶迁户口,老人投靠子女,户口迁进来,户口迁到佛山,入户佛山,迁入户口,户口随迁",
        themes=HOUSEHOLD, events=["迁居", "结婚"], levels=STREET, express=True,
        result=("准予迁入证明", "证照"),
    )
    cat.item(
        "GA", 10, "户口迁出（跨省、市外迁出）",
        item_type="confirmation", legal=0, promised=0,
        basis=f"{HUKOU_LAW}第十条；《公安部关于推行户口迁移\u201c跨省通办\u201d的通知》",
        conditions="本区户籍人员已取得迁入地准予迁入证明的，迁入地受理后本区在线核验迁出",
        materials=[hukou(), id_card(), material(
            "迁入地公安机关准予迁入证明（电子版，系统核验）",
            criteria(("validity", "准迁证明在有效期内"), ("consistency", "迁移人员与准迁证明一致")),
            form="electronic", source="department", source_department="迁入地公安机关",
        )],
        keywords="迁走户口,户口迁出去,准迁证,户口迁到外地,迁户口到老家,户口迁出",
        themes=HOUSEHOLD, events=["迁居"], levels=STREET, depth=4,
        result=("户口迁移证明（电子）", "其他"),
    )
    cat.item(
        "GA", 11, "死亡人员户口注销",
        item_type="confirmation", legal=0, promised=0, legal_note="法定：死亡后一个月以内申报",
        basis=f"{HUKOU_LAW}第八条",
        conditions="本区户籍人员死亡的，由户主、亲属或抚养人申报注销户口",
        materials=[hukou("死亡人员"), id_card("申报人"), material(
            "《居民死亡医学证明（推断）书》或火化证明",
            criteria(("authenticity", "证明经出具机构盖章，可在系统核验"), ("consistency", "死者姓名、身份证号与户口登记一致")),
            source="department", source_department="医疗机构或殡葬服务机构",
        )],
        keywords="死亡销户,人去世了注销户口,销户,老人去世销户口,注销户口,死亡注销",
        themes=HOUSEHOLD, events=["身故"], levels=STREET, result=("户口注销证明", "其他"),
    )
    cat.item(
        "GA", 12, "无犯罪记录证明开具",
        item_type="public_service", legal=3, promised=0, legal_note="法定：受理后3个工作日内出具；查询无记录的当场出具",
        basis="《公安部关于印发〈公安机关办理犯罪记录查询工作规定〉的通知》（公通字〔2021〕19号）",
        conditions="本区户籍居民或在本区居住的人员因就业、出国等需要查询本人有无犯罪记录的",
        materials=[id_card(), agent()],
        keywords="开无犯罪证明,无犯罪记录,无犯罪证明,良民证,政审证明,找工作要无犯罪证明,出国无犯罪证明,无违法犯罪证明",
        themes=["证件办理", "公共安全"], events=["工作"], levels=STREET, depth=4, visits=0,
        result=("无犯罪记录证明", "证明"),
    )
    cat.item(
        "GA", 13, "户籍证明出具",
        item_type="public_service", legal=0, promised=0,
        basis=f"{HUKOU_LAW}第四条；《公安部关于规范户籍证明出具工作的通知》",
        conditions="本区户籍人员（或已迁出、死亡人员的近亲属）需要证明户籍信息而户口簿不能证明的",
        materials=[id_card(), agent()],
        keywords="户籍证明,开户口证明,户口证明,户籍信息证明,证明户口在哪",
        themes=HOUSEHOLD, levels=ALL, depth=4, visits=0, kiosk=True, result=("户籍证明", "证明"),
    )
    cat.item(
        "GA", 14, "户口簿补领、换领",
        item_type="confirmation", legal=0, promised=0,
        basis=f"{HUKOU_LAW}第四条；《广东省常住户口登记管理规定》",
        conditions="户口簿遗失、损坏或户主变更需换领的，由户主或户内成年人申请",
        materials=[id_card(), form("户口簿补（换）领申请表")],
        keywords="户口本丢了,补户口本,户口簿遗失,换户口本,户口本坏了,补办户口簿,户口本补办",
        themes=HOUSEHOLD, levels=STREET, result=("居民户口簿", "证照"),
    )
    cat.item(
        "GA", 15, "姓名变更登记",
        item_type="confirmation", legal=20, promised=10,
        basis=f"{HUKOU_LAW}第十八条；《中华人民共和国民法典》第一千零一十六条",
        conditions="未满十八周岁由父母或监护人申请；十八周岁以上本人申请，须有正当理由",
        materials=[
            hukou(), id_card(), form("户口登记项目变更更正申请表"),
            material(
                "变更理由证明（如父母离婚判决书、收养证等）",
                criteria(("eligibility", "证明材料能够支持变更理由"), ("authenticity", "文书加盖出具机关印章")),
                form="copy",
            ),
        ],
        keywords="改名字,改名,更改姓名,换名字,孩子改名,小孩改姓,姓名变更,随母姓",
        themes=HOUSEHOLD, levels=STREET, result=("变更后的户口簿本人页", "证照"),
    )
    cat.item(
        "GA", 16, "分户（立户）登记",
        item_type="confirmation", legal=10, promised=0, legal_note="住所信息经不动产登记系统核验的当场办结",
        basis=f"{HUKOU_LAW}第五条；《广东省常住户口登记管理规定》",
        conditions="在本区有合法固定住所、已成年且具备独立生活能力的，可单独立户",
        materials=[hukou(), id_card(), material(
            "合法固定住所证明：不动产权证书",
            criteria(("consistency", "产权人为申请人或其配偶"), ("validity", "住所在本区")),
            source="settled", record_type="property_certificate",
        )],
        keywords="分户口,单独立户,分户,自己一个户口本,独立户口,立户",
        themes=HOUSEHOLD, levels=STREET, result=("新立居民户口簿", "证照"),
    )
    cat.item(
        "GA", 17, "往来港澳通行证及签注签发",
        item_type="licensing", legal=7, promised=5, power_source=5, legal_note="法定7个工作日",
        basis="《中国公民因私事往来香港地区或者澳门地区的暂行管理办法》第五条；《出境入境管理法》",
        conditions="本人申请，符合条件的内地居民；未满16周岁的由监护人陪同",
        materials=[id_card(), photo("现场采集数码相片", copies=0),
                   hukou(necessity="optional")],
        keywords="港澳通行证,去香港,去澳门,港澳签注,办通行证,港澳通行证续签,港澳旅游签注,去香港办什么证",
        themes=["证件办理", "出入境"], levels=["district"], express=True, kiosk=True, online_payment=True,
        fee=("往来港澳通行证（电子）60元/证；团队旅游签注15元/次，个人旅游签注15元/次",
             "《国家发展改革委 财政部关于降低因私普通护照等出入境证件收费标准的通知》（发改价格〔2019〕914号）"),
        visits_reason="首次办证需本人到场采集指纹和人像",
        result=("往来港澳通行证及签注", "证照"),
    )
    cat.item(
        "GA", 18, "普通护照签发",
        item_type="licensing", legal=7, promised=5, power_source=5, legal_note="法定7个工作日（《出境入境管理法》）",
        basis="《中华人民共和国护照法》第五条、第六条；《中华人民共和国出境入境管理法》第十条",
        conditions="中国公民因前往外国定居、探亲、学习、就业、旅行、从事商务活动等非公务原因出国的",
        materials=[id_card(), photo("现场采集数码相片", copies=0)],
        keywords="办护照,出国护照,护照,出国旅游护照,护照到期换发,护照办理",
        themes=["证件办理", "出入境"], levels=["district"], express=True, kiosk=True, online_payment=True,
        fee=("普通护照120元/本",
             "《国家发展改革委 财政部关于降低因私普通护照等出入境证件收费标准的通知》（发改价格〔2019〕914号）"),
        visits_reason="首次办证需本人到场采集指纹和人像", result=("中华人民共和国普通护照", "证照"),
    )
    cat.item(
        "GA", 19, "机动车驾驶证期满换证",
        item_type="licensing", legal=1, promised=0, power_source=5,
        basis="《中华人民共和国道路交通安全法》第十九条；《机动车驾驶证申领和使用规定》（公安部令第162号）第七十二条",
        conditions="机动车驾驶证有效期满前90日内，持证人申请换证",
        materials=[id_card(), material(
            "县级或部队团级以上医疗机构出具的驾驶人身体条件证明（电子）",
            criteria(("validity", "体检证明在6个月有效期内"), ("eligibility", "体检结论合格")),
            form="electronic", source="department", source_department="医疗机构",
        )],
        keywords="驾照到期,换驾照,驾驶证换证,驾驶证过期,驾驶证到期换证,驾照换证,驾驶证期满",
        themes=["交通出行", "证件办理"], levels=["district"], kiosk=True, depth=4, visits=0, express=True,
        fee=("机动车驾驶证工本费10元/证",
             "《国家发展改革委 财政部关于公安交通管理收费标准及有关问题的通知》（发改价格〔2004〕2831号）"),
        stages=None, result=("中华人民共和国机动车驾驶证", "证照"),
    )
    cat.item(
        "GA", 20, "机动车驾驶证遗失补领",
        item_type="licensing", legal=1, promised=0, power_source=5,
        basis="《机动车驾驶证申领和使用规定》（公安部令第162号）第七十五条",
        conditions="机动车驾驶证遗失、损毁无法辨认的，持证人申请补领",
        materials=[id_card()],
        keywords="驾照丢了,补驾照,驾驶证遗失,驾驶证补办,驾照补办,驾驶证丢失",
        themes=["交通出行", "证件办理"], levels=["district"], kiosk=True, depth=4, visits=0, express=True,
        fee=("机动车驾驶证工本费10元/证",
             "《国家发展改革委 财政部关于公安交通管理收费标准及有关问题的通知》（发改价格〔2004〕2831号）"),
        result=("中华人民共和国机动车驾驶证", "证照"),
    )
    cat.item(
        "GA", 21, "机动车检验标志核发（免检车辆）",
        item_type="licensing", legal=1, promised=0, power_source=5,
        basis="《中华人民共和国道路交通安全法》第十三条；《公安部 市场监管总局关于进一步深化机动车检验制度改革的通知》",
        conditions="非营运小微型载客汽车、摩托车在免检期内，已投保交强险且交通违法和事故已处理完毕",
        materials=[id_card(), material(
            "机动车交通事故责任强制保险凭证（电子，系统核验）",
            criteria(("validity", "保险期间覆盖检验有效期")),
            form="electronic", source="department", source_department="保险公司",
        )],
        keywords="车辆年检,年审,六年免检,领年检标,车检,年检标志,汽车年检,小车年审",
        themes=["交通出行"], levels=["district"], kiosk=True, depth=4, visits=0,
        result=("机动车检验合格标志（电子）", "证照"),
    )
    cat.item(
        "GA", 22, "机动车行驶证补领",
        item_type="licensing", legal=1, promised=0, power_source=5,
        basis="《中华人民共和国道路交通安全法》第十一条；《机动车登记规定》（公安部令第164号）第五十四条",
        conditions="机动车行驶证灭失、丢失或损毁的，机动车所有人申请补领",
        materials=[id_card("机动车所有人")],
        keywords="行驶证丢了,补行驶证,行驶证遗失,行驶证补办,车本丢了",
        themes=["交通出行", "证件办理"], levels=["district"], kiosk=True, depth=4, express=True,
        fee=("机动车行驶证工本费10元/证",
             "《国家发展改革委 财政部关于公安交通管理收费标准及有关问题的通知》（发改价格〔2004〕2831号）"),
        result=("中华人民共和国机动车行驶证", "证照"),
    )
    cat.item(
        "GA", 23, "机动车临时通行牌证核发",
        item_type="licensing", legal=1, promised=0, power_source=5,
        basis="《中华人民共和国道路交通安全法》第八条；《机动车登记规定》（公安部令第164号）第五十条",
        conditions="未销售的、购买后尚未注册登记的、或需跨行政区域移动的机动车，需要临时上道路行驶的",
        materials=[id_card("机动车所有人"), material(
            "机动车来历证明（购车发票，电子发票系统核验）",
            criteria(("consistency", "车辆识别代号与合格证一致")), form="electronic",
            source="department", source_department="税务部门",
        ), material(
            "机动车交通事故责任强制保险凭证（电子）",
            criteria(("validity", "保险期间覆盖临时号牌有效期")), form="electronic",
            source="department", source_department="保险公司",
        )],
        keywords="临牌,临时车牌,新车临时牌照,临时号牌,办临牌,新车没上牌",
        themes=["交通出行"], levels=["district"], kiosk=True, depth=4,
        fee=("临时号牌5元/张", "《国家发展改革委 财政部关于公安交通管理收费标准及有关问题的通知》（发改价格〔2004〕2831号）"),
        result=("机动车临时通行牌证", "证照"),
    )
    cat.item(
        "GA", 24, "新生儿出生\u201c一件事\u201d联办",
        item_type="public_service", legal=0, promised=0,
        basis="《国务院关于进一步优化政务服务提升行政效能推动\u201c高效办成一件事\u201d的指导意见》（国发〔2024〕3号）；"
        f"{HUKOU_LAW}第七条；《中华人民共和国社会保险法》第二十五条",
        conditions="在本区出生的新生儿，父母一方为本区户籍，一次申请同时办理出生医学证明领取、户口登记、医保参保和社会保障卡申领",
        materials=[birth_medical_cert(), hukou("父母（落户方）"), id_card("父母双方"),
                   form("新生儿出生\u201c一件事\u201d联办申请表", signer="父母一方")],
        keywords="出生一件事,新生儿一件事,宝宝证件一起办,新生儿联办,小孩出生一次办完,新生儿户口医保社保卡一起办",
        themes=["生育收养", "户籍办理", "社会保障"], events=["出生"], levels=STREET, depth=4, express=True,
        result=("户口簿新生儿户口页、参保凭证、社会保障卡", "证照"),
    )
