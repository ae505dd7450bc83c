"""Human resources and social security (区人社局) and medical insurance (区医保局) for natural persons:
social security cards, pensions, unemployment, employment support and medical insurance."""

from __future__ import annotations

from onedoor.demo.data._build import Catalog, criteria, material, stages_custom
from onedoor.demo.data._materials import bank_account, form, hukou, id_card, photo
from onedoor.demo.data._text import GAPS_NOTE, TRUST_FIRST_PERSON

# One compact description per row, as in a catalog table: the formatter would put every field on its own
# line and double the length of the module without making it clearer.
# fmt: off

SSL = "《中华人民共和国社会保险法》"
SOCIAL = ["社会保障"]
JOBS = ["就业创业"]
MEDICAL = ["医疗卫生", "社会保障"]
STREET = ["district", "street"]
ALL = ["district", "street", "community"]


def _ssc(necessity: str = "required") -> dict:
    return material(
        "社会保障卡",
        criteria(("validity", "社会保障卡已启用金融功能且状态正常"), ("consistency", "持卡人与申请人一致")),
        necessity=necessity, source="settled", record_type="social_security_card",
        source_department="人力资源和社会保障部门",
    )


def add(cat: Catalog) -> None:
    _cards_and_pensions(cat)
    _employment(cat)
    _medical(cat)
    _everyday(cat)


def _cards_and_pensions(cat: Catalog) -> None:
    cat.item(
        "RS", 1, "社会保障卡申领（即时制卡）",
        item_type="public_service", legal=0, promised=0,
        basis=f"{SSL}第五十八条；《社会保障卡管理办法》（人社部发〔2011〕47号）",
        conditions="在本区参加社会保险或居住的人员，本人或监护人申领；大厅即时制卡网点当场出卡",
        materials=[id_card(), photo("现场拍摄数码相片", copies=0)],
        keywords="办社保卡,社保卡,医保卡,申请社保卡,第三代社保卡,社保卡办理,新办社保卡,小孩办社保卡,办医保卡",
        themes=SOCIAL, events=["工作", "出生"], levels=STREET, kiosk=True, result=("社会保障卡", "证照"),
    )
    cat.item(
        "RS", 2, "社会保障卡挂失补换",
        item_type="public_service", legal=0, promised=0,
        basis="《社会保障卡管理办法》（人社部发〔2011〕47号）第二十二条、第二十三条",
        conditions="社会保障卡遗失、损坏或信息变更的持卡人，先行挂失后当场补换新卡",
        materials=[id_card()],
        keywords="社保卡丢了,补办社保卡,社保卡坏了,社保卡挂失,医保卡丢了,换社保卡,社保卡补办,医保卡坏了",
        themes=SOCIAL, levels=STREET, kiosk=True, result=("社会保障卡", "证照"),
    )
    cat.item(
        "RS", 3, "灵活就业人员参保登记",
        item_type="public_service", legal=0, promised=0,
        basis=f"{SSL}第十条、第二十三条；《广东省社会保险费征缴办法》",
        conditions="无雇工的个体工商户、未在用人单位参保的非全日制从业人员及其他灵活就业人员，年龄在法定退休年龄以下",
        materials=[id_card(), form("灵活就业人员参保登记表")],
        keywords="自己交社保,个人交社保,灵活就业,自由职业交社保,断缴社保续交,个人参保,没工作交社保,个体户交社保,灵活就业参保",
        themes=[*SOCIAL, *JOBS], events=["工作"], levels=ALL, depth=4, result=("参保登记凭证", "其他"),
    )
    cat.item(
        "RS", 4, "城乡居民基本养老保险参保登记",
        item_type="public_service", legal=0, promised=0,
        basis="《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）",
        conditions="年满16周岁（不含在校学生）、非国家机关和事业单位工作人员、不属于职工基本养老保险覆盖范围的本区户籍居民",
        materials=[id_card(), hukou()],
        keywords="城乡居民养老,农村养老保险,居民养老保险,没单位交养老,农保,新农保,城乡养老保险",
        themes=SOCIAL, events=["养老"], levels=ALL, depth=4, result=("参保登记凭证", "其他"),
    )
    cat.item(
        "RS", 5, "城乡居民基本养老保险待遇申领",
        item_type="payment", legal=20, promised=0,
        basis="《国务院关于建立统一的城乡居民基本养老保险制度的意见》（国发〔2014〕8号）第八条",
        conditions="参加城乡居民养老保险、年满60周岁、累计缴费满15年且未领取国家规定的基本养老保障待遇的",
        materials=[id_card(), bank_account(), form("城乡居民基本养老保险待遇申领表")],
        keywords="领养老金,居民养老金,60岁领养老金,农保领钱,城乡居民养老金领取",
        themes=SOCIAL, events=["养老", "退休"], levels=ALL, depth=4, trust_first=TRUST_FIRST_PERSON,
        result=("待遇核定通知", "其他"),
    )
    cat.item(
        "RS", 6, "企业职工基本养老保险待遇申领（退休）",
        item_type="payment", legal=20, promised=10,
        basis=f"{SSL}第十六条；《国务院关于完善企业职工基本养老保险制度的决定》（国发〔2005〕38号）",
        conditions="达到法定退休年龄（含弹性退休）、累计缴费满15年的参保人员",
        materials=[id_card(), _ssc(), form("基本养老保险待遇申领表"),
                   material("本人档案（存档机构调取）或视同缴费年限证明",
                            criteria(("consistency", "档案记载的出生日期与身份证一致"),
                                     ("eligibility", "视同缴费年限有原始凭证支持")),
                            source="department", source_department="存档机构", necessity="later", notes=GAPS_NOTE)],
        keywords="退休,办退休,领退休金,退休手续,养老金申领,退休申请,到年龄退休,办理退休",
        themes=SOCIAL, events=["退休"], levels=STREET, accept_with_gaps=True,
        result=("基本养老金核定表", "其他"),
    )
    cat.item(
        "RS", 7, "基本养老保险关系转移接续（跨省转入）",
        item_type="public_service", legal=45, promised=15,
        basis=f"{SSL}第十九条；《城镇企业职工基本养老保险关系转移接续暂行办法》（国办发〔2009〕66号）",
        conditions="在外省参加企业职工基本养老保险、现在本区就业参保的人员",
        materials=[id_card(), material(
            "参保缴费凭证（转出地出具，可由系统在线获取）",
            criteria(("consistency", "缴费凭证姓名、身份证号与申请人一致")),
            form="electronic", source="department", source_department="转出地社会保险经办机构",
        )],
        keywords="转社保,社保转移,养老保险转过来,外地社保转入,社保转到佛山,社保迁移,转养老保险",
        themes=SOCIAL, events=["工作", "迁居"], levels=STREET, depth=4, visits=0,
        result=("转移接续完成通知", "其他"),
    )
    cat.item(
        "RS", 8, "参保缴费证明（个人社保缴费记录）打印",
        item_type="public_service", legal=0, promised=0,
        basis=f"{SSL}第七十四条",
        conditions="参保人员本人查询、打印社会保险参保缴费记录",
        materials=[id_card()],
        keywords="社保证明,参保证明,社保缴费记录,打印社保清单,买房社保证明,社保流水,社保明细,查社保",
        themes=SOCIAL, levels=ALL, depth=4, kiosk=True, result=("社会保险参保缴费证明", "证明"),
    )
    cat.item(
        "RS", 9, "丧葬补助金和抚恤金申领",
        item_type="payment", legal=20, promised=0,
        basis=f"{SSL}第十七条、第四十九条",
        conditions="参加基本养老保险的个人因病或非因工死亡的，其遗属可申领丧葬补助金和抚恤金",
        materials=[id_card("申领人"), material(
            "死亡证明（系统核验户口注销或火化信息）",
            criteria(("authenticity", "死亡信息经公安或殡葬系统核验")),
            source="department", source_department="公安机关或殡葬服务机构",
        ), material(
            "申领人与死者的亲属关系证明（户口簿、结婚证等）",
            criteria(("consistency", "能证明申领人为死者直系亲属或配偶")),
            form="copy", source="settled", record_type="household_register",
        ), bank_account("申领人")],
        keywords="丧葬补助金,抚恤金,老人去世社保,遗属待遇,去世了社保怎么办,去世后养老金怎么办,养老保险死亡待遇,养老金个人账户余额继承,死亡待遇",
        themes=SOCIAL, events=["身故"], levels=STREET, result=("待遇核定通知", "其他"),
    )


def _employment(cat: Catalog) -> None:
    cat.item(
        "RS", 10, "失业保险金申领",
        item_type="payment", legal=10, promised=0, legal_note="材料齐全、符合条件的即时核发",
        basis=f"{SSL}第四十五条、第五十条；《失业保险条例》",
        conditions="失业前用人单位和本人已缴纳失业保险费满一年，非因本人意愿中断就业，已办理失业登记并有求职要求",
        materials=[id_card(), _ssc()],
        keywords="失业金,领失业金,失业补助,被辞退领钱,失业了,失业保险金,公司裁员领钱,失业保险",
        themes=[*SOCIAL, *JOBS], events=["失业"], levels=STREET, depth=4, trust_first=TRUST_FIRST_PERSON,
        result=("失业保险金核定通知", "其他"),
    )
    cat.item(
        "RS", 11, "就业失业登记",
        item_type="public_service", legal=0, promised=0,
        basis="《中华人民共和国就业促进法》；《就业服务与就业管理规定》（劳动和社会保障部令第28号）第六十一条",
        conditions="在法定劳动年龄内、有劳动能力和就业要求、处于无业状态的人员办理失业登记；就业后办理就业登记",
        materials=[id_card()],
        keywords="失业登记,办失业证,就业失业登记证,就业登记,找工作登记,待业登记",
        themes=JOBS, events=["失业", "工作"], levels=ALL, depth=4, result=("就业创业证", "证照"),
    )
    cat.item(
        "RS", 12, "创业担保贷款申请",
        item_type="public_service", legal=20, promised=10,
        basis="《财政部 人力资源社会保障部 中国人民银行关于进一步做好创业担保贷款财政贴息工作的通知》（财金〔2020〕21号）",
        conditions="在本区创业且登记注册3年以内的个人，贷款额度最高30万元，按规定贴息",
        materials=[id_card(), form("创业担保贷款申请表"),
                   material("营业执照", criteria(("validity", "登记注册在3年以内"),
                                                 ("consistency", "经营者与申请人一致")),
                            form="copy", source="settled", record_type="business_licence"),
                   material("创业项目计划书", criteria(("completeness", "载明经营项目、资金用途与还款来源")))],
        keywords="创业贷款,贴息贷款,小额担保贷款,创业借钱,开店贷款,创业担保贷款",
        themes=JOBS, events=["开办企业"], levels=STREET, result=("贷款担保审核意见", "批文"),
    )
    cat.item(
        "RS", 13, "一次性创业资助申领",
        item_type="payment", legal=20, promised=15,
        basis="《广东省人力资源和社会保障厅 广东省财政厅关于进一步做好创业带动就业工作的通知》",
        conditions="普通高校在校生和毕业5年内高校毕业生、退役军人、登记失业人员等在本区初次创办企业并正常经营6个月以上的",
        materials=[id_card(), bank_account(),
                   material("营业执照", criteria(("validity", "初次创业且正常经营6个月以上")),
                            form="copy", source="settled", record_type="business_licence"),
                   material("毕业证书或退役证件等身份类别证明",
                            criteria(("eligibility", "属于资助对象类别")), form="copy",
                            source="settled", record_type="education", necessity="later", notes=GAPS_NOTE)],
        keywords="创业补贴,创业资助,开店补贴,创业奖励,大学生创业补贴,一次性创业补贴",
        themes=JOBS, events=["开办企业"], levels=STREET, accept_with_gaps=True, depth=4,
        result=("创业资助核定通知", "其他"),
    )
    cat.item(
        "RS", 14, "工伤认定申请",
        item_type="confirmation", legal=60, promised=30, legal_note="法定60日（自然日）；事实清楚的15日内作出",
        basis="《工伤保险条例》第十四条至第二十条",
        conditions="职工在工作时间和工作场所内因工作原因受到事故伤害等情形，单位未申请的，职工或近亲属在事故发生之日起1年内申请",
        materials=[id_card("受伤职工"), form("工伤认定申请表"),
                   material("与用人单位存在劳动关系的证明（劳动合同等）",
                            criteria(("eligibility", "能证明事故发生时存在劳动关系")), form="copy"),
                   material("医疗诊断证明或职业病诊断证明书",
                            criteria(("authenticity", "由医疗机构出具并盖章"), ("consistency", "伤情与事故经过相符")),
                            form="copy")],
        keywords="工伤,上班受伤,工伤认定,工伤申请,干活受伤,工作受伤,工伤鉴定",
        themes=[*SOCIAL, *JOBS], events=["工作"], levels=["district"],
        stages=stages_custom(
            ("accept", "申请和受理", "window_generalist", 10, "综合窗口受理申请，材料不全的一次性书面告知补正内容"),
            ("undertake", "调查核实", "undertaker", 45, "承办人向用人单位、证人调查核实事故经过，用人单位负举证责任"),
            ("review", "审核", "reviewer", 20, "审核人复核调查材料，提出是否认定为工伤的意见"),
            ("approve", "批准", "approver", 15, "作出认定工伤或不予认定工伤的决定"),
            ("complete", "办结", "undertaker", 5, "制作工伤认定决定书"),
            ("deliver", "送达", "window_generalist", 5, "决定书送达职工和用人单位，告知复议诉讼权利"),
        ),
        result=("工伤认定决定书", "批文"),
    )
    cat.item(
        "RS", 15, "劳动人事争议仲裁申请",
        item_type="adjudication", legal=5, promised=5, legal_note="法定：收到申请5日内决定是否受理；受理后45日内结案",
        basis="《中华人民共和国劳动争议调解仲裁法》第二十七条至第二十九条",
        conditions="与用人单位发生劳动报酬、解除劳动合同、社会保险等争议，自知道或应当知道权利被侵害之日起1年内申请",
        materials=[id_card(), material("仲裁申请书（按被申请人人数提交副本）",
                                       criteria(("completeness", "载明当事人信息、仲裁请求和事实理由"),
                                                ("signature", "申请人签名")),
                                       copies=2, blank_form="劳动人事争议仲裁申请书（空白表）"),
                   material("证据材料：劳动合同、工资条、考勤记录等",
                            criteria(("completeness", "列明证据清单及证明事项")), form="copy")],
        keywords="劳动仲裁,拖欠工资,公司不发工资,被辞退赔偿,老板欠薪,讨薪,劳动纠纷,违法解雇",
        themes=JOBS, events=["工作", "失业"], levels=["district"],
        stages=stages_custom(
            ("accept", "申请和受理", "window_generalist", 20, "综合窗口接收仲裁申请，登记并转仲裁院"),
            ("review", "立案审查", "reviewer", 50, "仲裁员审查是否属于受案范围、是否超过时效，提出立案意见"),
            ("approve", "立案决定", "approver", 20, "仲裁院作出受理或不予受理决定"),
            ("complete", "办结", "undertaker", 10, "送达受理通知书或不予受理通知书"),
        ),
        result=("受理通知书", "批文"),
    )
    cat.item(
        "RS", 16, "职业技能提升补贴申领",
        item_type="payment", legal=20, promised=0,
        basis="《财政部 人力资源社会保障部关于失业保险支持参保职工提升职业技能有关问题的通知》（财社〔2017〕40号）",
        conditions="参加失业保险累计缴费满1年，取得职业资格证书或职业技能等级证书12个月内申领",
        materials=[id_card(), bank_account(),
                   material("职业资格证书或职业技能等级证书",
                            criteria(("authenticity", "证书可在全国职业技能等级证书查询系统核验"),
                                     ("validity", "发证日期在12个月内")),
                            form="electronic", source="settled", record_type="skill_certificate")],
        keywords="技能补贴,考证补贴,职业技能提升补贴,拿证补贴,技能证书补贴,电工证补贴",
        themes=JOBS, levels=STREET, depth=4, visits=0, result=("补贴核定通知", "其他"),
    )
    cat.item(
        "RS", 17, "流动人员人事档案接收",
        item_type="public_service", legal=0, promised=0,
        basis="《流动人员人事档案管理服务规定》（中组部 人社部等五部门，2021）",
        conditions="在本区就业、创业或户籍在本区且未就业的人员（含应届毕业生），档案由原存档单位转入",
        materials=[id_card(), material("档案转递单或调档函回执",
                                       criteria(("consistency", "档案姓名与申请人一致"),
                                                ("completeness", "档案密封完好，转递单加盖公章")))],
        keywords="人事档案存放,档案托管,存档案,档案接收,毕业生档案,档案放哪,档案转入",
        themes=JOBS, events=["工作"], levels=["district"], result=("档案接收回执", "其他"),
    )


def _medical(cat: Catalog) -> None:
    cat.item(
        "YB", 1, "城乡居民基本医疗保险参保登记",
        item_type="public_service", legal=0, promised=0,
        basis=f"{SSL}第二十五条；《广东省城乡居民基本医疗保险办法》",
        conditions="本区户籍或持本区居住证的、未参加职工医保的城乡居民（含新生儿、在校学生）",
        materials=[id_card(), hukou(necessity="optional")],
        keywords="交医保,买医保,居民医保,小孩买医保,农村合作医疗,新农合,城乡居民医保,医保缴费,新生儿医保,学生医保",
        themes=MEDICAL, events=["出生", "就医"], levels=ALL, depth=4, result=("参保登记凭证", "其他"),
    )
    cat.item(
        "YB", 2, "医疗费用零星报销（手工报销）",
        item_type="payment", legal=30, promised=20,
        basis=f"{SSL}第二十八条、第二十九条；《医疗保障基金使用监督管理条例》",
        conditions="参保人在异地或非联网定点医疗机构就医、未能直接结算的合规医疗费用",
        materials=[id_card(), bank_account(),
                   material("医疗费用电子票据或收费票据原件",
                            criteria(("authenticity", "票据可在财政电子票据平台查验"), ("consistency", "患者为参保人本人"))),
                   material("费用明细清单", criteria(("consistency", "清单合计金额与票据一致"))),
                   material("出院小结或门诊病历",
                            criteria(("completeness", "载明诊断和治疗经过")), form="copy",
                            necessity="later", notes=GAPS_NOTE)],
        keywords="医保报销,看病报销,医药费报销,住院报销,垫付医药费报销,异地看病报销,手工报销,医疗费报销,在外地住院报销",
        themes=MEDICAL, events=["就医"], levels=STREET, accept_with_gaps=True, express=True,
        result=("医疗费用报销结算单", "其他"),
    )
    cat.item(
        "YB", 3, "异地就医备案",
        item_type="public_service", legal=0, promised=0,
        basis="《国家医保局 财政部关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》（医保发〔2022〕22号）",
        conditions="异地长期居住、临时外出就医或转诊转院的参保人，备案后可在就医地直接结算",
        materials=[id_card(), form("异地就医备案登记表", necessity="optional")],
        keywords="异地就医,外地看病备案,回老家看病,异地住院备案,医保备案,去外地看病,异地就医登记,转外地医院",
        themes=MEDICAL, events=["就医", "迁居"], levels=ALL, depth=4, result=("备案成功通知", "其他"),
    )
    cat.item(
        "YB", 4, "门诊特定病种待遇认定",
        item_type="confirmation", legal=20, promised=10,
        basis="《广东省基本医疗保险门诊特定病种管理办法》",
        conditions="参保人患有恶性肿瘤、慢性肾功能衰竭、糖尿病、高血压等门诊特定病种的",
        materials=[id_card(), material(
            "二级以上定点医疗机构专科医师出具的诊断证明及相关检查报告",
            criteria(("eligibility", "诊断符合门诊特定病种认定标准"), ("validity", "检查报告在6个月内")),
            form="copy",
        )],
        keywords="慢性病,门特,特殊病种,慢性病报销,高血压糖尿病报销,门慢,慢特病,门诊特病",
        themes=MEDICAL, events=["就医"], levels=STREET, depth=4, result=("门特待遇认定通知", "其他"),
    )
    cat.item(
        "YB", 5, "生育津贴申领",
        item_type="payment", legal=20, promised=0,
        basis=f"{SSL}第五十四条至第五十六条；《广东省职工生育保险规定》",
        conditions="参加职工生育保险的女职工生育或施行计划生育手术，符合规定的",
        materials=[id_card(), material("医疗机构出具的生育医学证明（出生医学证明或分娩记录）",
                                       criteria(("consistency", "产妇为参保人本人")),
                                       form="copy", source="settled", record_type="birth_certificate"),
                   bank_account()],
        keywords="生育津贴,产假工资,生育险报销,生育保险待遇,产假补贴,生育补贴",
        themes=["生育收养", *MEDICAL], events=["生育"], levels=STREET, depth=4, visits=0,
        result=("生育津贴核定通知", "其他"),
    )
    cat.item(
        "YB", 6, "基本医疗保险关系转移接续",
        item_type="public_service", legal=15, promised=0, legal_note="材料齐全的当场办结",
        basis="《流动就业人员基本医疗保障关系转移接续暂行办法》（人社部发〔2009〕191号）",
        conditions="跨统筹地区流动就业、需转移医保关系和个人账户余额的参保人",
        materials=[id_card()],
        keywords="医保转移,医保转出,转医保,医保关系转移,医保转到佛山",
        themes=MEDICAL, events=["工作", "迁居"], levels=STREET, depth=4, result=("转移接续凭证", "其他"),
    )
    cat.item(
        "YB", 7, "医疗救助申请",
        item_type="payment", legal=20, promised=10, exercise_level="street",
        basis="《社会救助暂行办法》第二十八条至第三十二条；《广东省医疗救助办法》",
        conditions="低保对象、特困人员、低收入家庭成员及因病致贫家庭重病患者，经基本医保和大病保险报销后个人负担仍较重的",
        materials=[id_card(), bank_account(),
                   material("医疗费用票据和结算单", criteria(("consistency", "结算单显示已经基本医保报销"))),
                   material("救助对象身份证明（系统核验低保、特困资格）",
                            criteria(("eligibility", "申请人属于医疗救助对象")),
                            form="electronic", source="department", source_department="民政部门")],
        keywords="医疗救助,看病救助,大病救助,看病没钱,医疗费困难补助,低保看病报销",
        themes=["社会救助", *MEDICAL], events=["就医", "困难救助"], levels=ALL,
        result=("医疗救助核定通知", "其他"),
    )


def _everyday(cat: Catalog) -> None:
    cat.item(
        "RS", 22, "职业技能培训报名（免费培训）",
        item_type="public_service", legal=0, promised=0,
        basis="《中华人民共和国就业促进法》第四十八条；《广东省职业技能提升行动实施方案》",
        conditions="有培训意愿的城乡劳动者（登记失业人员、农村转移劳动力、高校毕业生等可享受培训补贴）",
        materials=[id_card()],
        keywords="免费培训,学技术,技能培训报名,职业培训,学手艺,培训补贴报名",
        themes=JOBS, events=["失业", "工作"], levels=ALL, depth=4, result=("培训报名确认", "其他"),
    )
    cat.item(
        "RS", 23, "领取社会保险待遇资格认证",
        item_type="public_service", legal=0, promised=0,
        basis=f"{SSL}第七十四条；《人力资源社会保障部关于全面取消领取社会保险待遇资格集中认证的通知》",
        conditions="按月领取基本养老保险等社会保险待遇的人员，每年完成一次资格认证，可刷脸或由大数据比对自动完成",
        materials=[id_card()],
        keywords="养老金认证,生存认证,退休金年审,刷脸认证,养老金年审,退休人员认证,领养老金认证",
        themes=SOCIAL, events=["退休", "养老"], levels=ALL, depth=4, kiosk=True, result=("认证成功记录", "其他"),
    )
    cat.item(
        "YB", 8, "职工医保个人账户家庭共济备案",
        item_type="public_service", legal=0, promised=0,
        basis="《国务院办公厅关于建立健全职工基本医疗保险门诊共济保障机制的指导意见》（国办发〔2021〕14号）",
        conditions="职工医保参保人将个人账户授权给配偶、父母、子女使用，用于其就医购药或缴纳居民医保",
        materials=[id_card(), material(
            "被共济人身份信息及亲属关系（系统核验户籍、婚姻信息）",
            criteria(("consistency", "被共济人为配偶、父母或子女")),
            form="electronic", source="settled", record_type="household_register",
        )],
        keywords="医保家庭共济,医保绑定家人,医保账户给家人用,医保钱给父母用,个人账户共济",
        themes=MEDICAL, events=["就医"], levels=ALL, depth=4, result=("共济备案成功通知", "其他"),
    )
    cat.item(
        "YB", 9, "普通门诊统筹定点医疗机构选定、变更",
        item_type="public_service", legal=0, promised=0,
        basis="《广东省基本医疗保险普通门诊统筹管理办法》",
        conditions="参保人选定一家基层定点医疗机构作为普通门诊统筹就医机构，每年可变更",
        materials=[id_card()],
        keywords="换定点医院,社区医院选点,医保选点,改门诊定点,定点医院变更",
        themes=MEDICAL, events=["就医"], levels=ALL, depth=4, kiosk=True, result=("选点成功通知", "其他"),
    )
