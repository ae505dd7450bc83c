"""Health and family (区卫健局), disabled persons (区残联), veterans (区退役军人事务局), justice (区司法局) and
education (区教育局) services for natural persons."""

from __future__ import annotations

from onedoor.demo.data._build import Catalog, criteria, material, stages_custom
from onedoor.demo.data._materials import (
    agent,
    bank_account,
    disability_cert,
    form,
    hukou,
    id_card,
    marriage_cert,
    photo,
)
from onedoor.demo.data._text import GAPS_NOTE, TRUST_FIRST_PERSON

# One compact description per row, as in a catalog table: the formatter would put every field on its own
# line and double the length of the module without making it clearer.
# fmt: off

FAMILY_LAW = "《中华人民共和国人口与计划生育法》；《广东省人口与计划生育条例》"
DISABLED_LAW = "《中华人民共和国残疾人保障法》"
VETERAN_LAW = "《中华人民共和国退役军人保障法》"
BIRTH = ["生育收养"]
DISABLED = ["残疾人"]
VETERANS = ["优待抚恤"]
STREET = ["district", "street"]
ALL = ["district", "street", "community"]


def _veteran_cert() -> dict:
    return material(
        "退出现役证或退伍证",
        criteria(("consistency", "证件姓名、身份证号与申请人一致"), ("authenticity", "证件加盖部队或安置机关印章")),
        source="settled", record_type="veteran_certificate", source_department="退役军人事务部门",
    )


def add(cat: Catalog) -> None:
    _health(cat)
    _disabled(cat)
    _veterans_and_justice(cat)
    _education(cat)
    _everyday(cat)


def _health(cat: Catalog) -> None:
    cat.item(
        "WJ", 1, "生育登记",
        item_type="public_service", legal=0, promised=0,
        basis=f"{FAMILY_LAW}；《国家卫生健康委关于做好生育登记服务工作的通知》",
        conditions="夫妻一方户籍在本区或在本区居住，生育第一、二、三个子女的，在孕前、孕期或产后办理生育登记",
        materials=[id_card("夫妻双方"), marriage_cert(necessity="optional"),
                   form("生育登记表", signer="夫妻一方", necessity="optional")],
        keywords="准生证,生育登记,生育服务证,怀孕登记,二孩登记,三孩登记,办准生证,怀孕了要办什么,生二胎登记,准生",
        themes=BIRTH, events=["生育"], levels=ALL, depth=4, result=("生育登记服务单", "其他"),
    )
    cat.item(
        "WJ", 2, "独生子女证明开具",
        item_type="public_service", legal=0, promised=0,
        basis="《广东省人口与计划生育条例》；《广东省卫生健康委关于做好计划生育证明事项告知承诺工作的通知》",
        conditions="只生育一个子女的夫妻，因退休时享受独生子女父母奖励等需要证明独生子女情况的",
        materials=[id_card("夫妻一方"), marriage_cert(), hukou("子女", necessity="optional"),
                   material("《独生子女父母光荣证》（已领取的提供）",
                            criteria(("consistency", "光荣证载明的夫妻和子女与申请人一致")),
                            necessity="optional")],
        keywords="独生子女证,独生子女证明,独生证明,只生一个孩子证明,退休独生子女奖励证明,独生子女光荣证",
        themes=BIRTH, events=["退休"], levels=ALL, trust_first=TRUST_FIRST_PERSON,
        result=("独生子女证明", "证明"),
    )
    cat.item(
        "WJ", 3, "计划生育家庭特别扶助金申请",
        item_type="payment", legal=30, promised=20,
        basis="《全国独生子女伤残死亡家庭扶助制度试点方案》；《广东省计划生育特别扶助制度实施方案》",
        conditions="独生子女死亡或伤残（三级以上）、未再生育或收养子女、女方年满49周岁的夫妻",
        materials=[id_card("夫妻双方"), hukou(), bank_account(),
                   material("子女死亡证明或残疾人证",
                            criteria(("eligibility", "能证明独生子女死亡或三级以上伤残"))),
                   form("计划生育特别扶助申请表")],
        keywords="失独家庭补助,特别扶助金,独生子女伤残补助,失独补贴,计生特扶",
        themes=BIRTH, levels=["street", "community"], result=("特别扶助资格确认通知", "其他"),
    )
    cat.item(
        "WJ", 4, "独生子女父母计划生育奖励金申请（年满60周岁）",
        item_type="payment", legal=30, promised=0,
        basis="《广东省人口与计划生育条例》；《广东省农村部分计划生育家庭奖励扶助制度实施方案》",
        conditions="本区户籍、只生育一个子女或两个女孩、年满60周岁且未领取过一次性奖励的夫妻",
        materials=[id_card(), hukou(), bank_account(), form("计划生育奖励金申请表")],
        keywords="独生子女奖励,计生奖励,60岁独生子女补贴,独生子女父母奖励金,计划生育奖励",
        themes=BIRTH, events=["养老"], levels=["street", "community"], trust_first=TRUST_FIRST_PERSON,
        result=("奖励资格确认通知", "其他"),
    )
    cat.item(
        "WJ", 5, "出生医学证明补发、换发",
        item_type="public_service", legal=30, promised=15,
        basis="《中华人民共和国母婴保健法》第二十三条；《国家卫生健康委办公厅关于进一步做好出生医学证明管理工作的通知》",
        conditions="出生医学证明遗失需补发，或因信息错误、污损需换发的，由新生儿父母或监护人申请",
        materials=[id_card("父母双方"), material("新生儿户口簿本人页或原出生医学证明",
                                                 criteria(("consistency", "新生儿信息与医院分娩记录一致"))),
                   form("出生医学证明补发（换发）申请表", signer="父母或监护人")],
        keywords="出生证丢了,补办出生证,出生证明补办,出生证改名,出生医学证明补发,出生证写错",
        themes=BIRTH, events=["出生"], levels=["district"], result=("出生医学证明", "证照"),
    )
    cat.item(
        "WJ", 6, "国家免费孕前优生健康检查",
        item_type="public_service", legal=0, promised=0, exercise_level="community",
        basis="《国家卫生计生委关于做好国家免费孕前优生健康检查项目工作的通知》",
        conditions="本区户籍或在本区居住、计划怀孕的夫妻（含流动人口）",
        materials=[id_card("夫妻双方"), marriage_cert(necessity="optional")],
        keywords="孕检,免费孕检,婚检,孕前检查,优生检查,备孕检查",
        themes=BIRTH, events=["结婚", "生育"], levels=ALL, result=("检查预约单", "其他"),
        place="区妇幼保健院及各社区卫生服务中心",
    )
    cat.item(
        "WJ", 7, "儿童预防接种证办理",
        item_type="public_service", legal=0, promised=0, exercise_level="community",
        basis="《中华人民共和国疫苗管理法》第四十七条",
        conditions="在本区居住的适龄儿童，由监护人在居住地接种单位办理",
        materials=[id_card("监护人"), material("《出生医学证明》",
                                               criteria(("consistency", "儿童信息与接种登记一致")),
                                               form="copy", source="settled", record_type="birth_certificate")],
        keywords="打疫苗,疫苗本,接种本,小孩打预防针,预防接种证,宝宝打疫苗,打针本",
        themes=BIRTH, events=["出生"], levels=ALL, result=("预防接种证", "证照"),
        place="各社区卫生服务中心预防接种门诊",
    )
    cat.item(
        "WJ", 8, "医师执业注册",
        item_type="licensing", legal=20, promised=0,
        basis="《中华人民共和国医师法》第十三条至第十五条；《医师执业注册管理办法》",
        conditions="取得医师资格、受聘于本区医疗机构的医师申请执业注册",
        materials=[id_card(), material("医师资格证书", criteria(("authenticity", "可在国家医师资格证书查询系统核验")),
                                       source="settled", record_type="professional_qualification"),
                   material("近6个月内县级以上医疗机构出具的健康体检证明",
                            criteria(("eligibility", "结论为能够胜任执业"))),
                   material("拟执业机构聘用证明", criteria(("consistency", "执业地点、类别、范围与申请一致")))],
        keywords="医师执业证,医生执业注册,医生多点执业,医师注册,医生证注册",
        themes=["医疗卫生", "职业资格"], levels=["district"], depth=4, result=("医师执业证书", "证照"),
    )
    cat.item(
        "WJ", 9, "护士执业注册",
        item_type="licensing", legal=20, promised=0,
        basis="《护士条例》第七条、第八条；《护士执业注册管理办法》",
        conditions="取得护士执业资格考试合格证明、受聘于本区医疗卫生机构的护士",
        materials=[id_card(), material("护士执业资格考试成绩合格证明",
                                       criteria(("validity", "考试合格3年内申请，或另附培训考核证明"))),
                   material("近6个月内健康体检证明", criteria(("eligibility", "结论为能够胜任护理工作")))],
        keywords="护士证注册,护士执业证,护士注册,护士执业注册",
        themes=["医疗卫生", "职业资格"], levels=["district"], depth=4, result=("护士执业证书", "证照"),
    )


def _disabled(cat: Catalog) -> None:
    cat.item(
        "CL", 1, "残疾人证新办",
        item_type="confirmation", legal=30, promised=20,
        basis=f"{DISABLED_LAW}第二条；《中华人民共和国残疾人证管理办法》",
        conditions="本区户籍、符合残疾标准的视力、听力、言语、肢体、智力、精神残疾人",
        materials=[id_card(), hukou(), photo("近期2寸免冠白底彩色照片", copies=3), agent()],
        keywords="办残疾证,残疾证,残疾人证,伤残证,办残疾人证,申请残疾证,残疾评定",
        themes=DISABLED, events=["残障"], levels=ALL,
        stages=stages_custom(
            ("accept", "申请和受理", "window_generalist", 10, "综合窗口受理申请，开具残疾评定转介单"),
            ("other", "残疾评定", "undertaker", 50, "指定医疗机构评定残疾类别和等级，评定时间不计入承诺时限"),
            ("review", "审核", "reviewer", 20, "区残联审核评定结果与申请材料"),
            ("approve", "批准", "approver", 10, "批准发证，评定不符合标准的书面告知"),
            ("complete", "办结", "undertaker", 10, "制作第二代残疾人证并通知领取"),
        ),
        result=("中华人民共和国残疾人证", "证照"),
    )
    cat.item(
        "CL", 2, "残疾人证换领、补领",
        item_type="confirmation", legal=10, promised=0,
        basis="《中华人民共和国残疾人证管理办法》第十七条、第十八条",
        conditions="残疾人证有效期满、遗失或损毁，残疾状况无变化的持证人",
        materials=[id_card(), photo("近期2寸免冠白底彩色照片", copies=2)],
        keywords="残疾证到期,残疾证丢了,换残疾证,补残疾证,残疾证过期,残疾证补办",
        themes=DISABLED, levels=ALL, result=("中华人民共和国残疾人证", "证照"),
    )
    cat.item(
        "CL", 3, "困难残疾人生活补贴申领",
        item_type="payment", legal=20, promised=10,
        basis="《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》（国发〔2015〕52号）",
        conditions="持第二代残疾人证、属于低保或低收入家庭的本区户籍残疾人",
        materials=[disability_cert(), bank_account(), form("残疾人两项补贴申请审批表")],
        keywords="残疾人补贴,残疾补助,两项补贴,残疾人生活补贴,困难残疾人补贴",
        themes=DISABLED, events=["残障"], levels=ALL, depth=4, result=("补贴核定通知", "其他"),
    )
    cat.item(
        "CL", 4, "重度残疾人护理补贴申领",
        item_type="payment", legal=20, promised=10,
        basis="《国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见》（国发〔2015〕52号）",
        conditions="持第二代残疾人证、残疾等级为一级或二级且需要长期照护的本区户籍残疾人",
        materials=[disability_cert(), bank_account(), form("残疾人两项补贴申请审批表")],
        keywords="护理补贴,重度残疾补贴,残疾人护理补贴,一级残疾补贴,瘫痪护理补贴",
        themes=DISABLED, events=["残障"], levels=ALL, depth=4, result=("补贴核定通知", "其他"),
    )
    cat.item(
        "CL", 5, "残疾人辅助器具适配补贴",
        item_type="payment", legal=20, promised=15,
        basis=f"{DISABLED_LAW}第五十四条；《广东省残疾人基本辅助器具适配补贴办法》",
        conditions="持证残疾人经评估需要轮椅、助听器、假肢、矫形器等基本辅助器具的",
        materials=[disability_cert(), form("辅助器具适配申请表"),
                   material("辅助器具适配评估报告", criteria(("eligibility", "评估结论与申请器具一致")),
                            source="department", source_department="辅助器具服务中心", necessity="later",
                            notes=GAPS_NOTE)],
        keywords="轮椅,助听器,辅具,假肢,残疾人辅具,申请轮椅,辅助器具",
        themes=DISABLED, events=["残障"], levels=ALL, accept_with_gaps=True, result=("适配补贴通知", "其他"),
    )


def _veterans_and_justice(cat: Catalog) -> None:
    cat.item(
        "TY", 1, "退役军人、其他优抚对象优待证申领",
        item_type="public_service", legal=30, promised=15,
        basis=f"{VETERAN_LAW}第六十二条；《退役军人、其他优抚对象优待证管理办法（试行）》",
        conditions="本区户籍的退役军人、烈士遗属、因公牺牲军人遗属、病故军人遗属",
        materials=[id_card(), _veteran_cert(), photo("近期2寸免冠白底彩色照片", copies=1)],
        keywords="优待证,退伍军人优待证,军人优待,退役军人优待证,老兵优待证",
        themes=VETERANS, levels=ALL, express=True, result=("优待证", "证照"),
    )
    cat.item(
        "TY", 2, "退役士兵报到（安置报到、档案接收）",
        item_type="public_service", legal=0, promised=0,
        basis=f"{VETERAN_LAW}第二十八条；《退役士兵安置条例》第十三条",
        conditions="退出现役后30日内，持退出现役登记表到安置地退役军人事务部门报到",
        materials=[id_card(), _veteran_cert(), material(
            "退出现役登记表、介绍信",
            criteria(("consistency", "介绍信安置地为本区"), ("validity", "在退役后30日内报到")),
        )],
        keywords="退伍报到,退伍回来报到,退役报到,退伍档案,当兵回来报到,复员报到",
        themes=VETERANS, events=["退役"], levels=["district"], result=("报到回执", "其他"),
    )
    cat.item(
        "TY", 3, "自主就业退役士兵地方一次性经济补助金申领",
        item_type="payment", legal=20, promised=0,
        basis=f"{VETERAN_LAW}第二十三条；《退役士兵安置条例》第十九条；《广东省退役士兵安置实施办法》",
        conditions="在本区报到、选择自主就业的退役士兵",
        materials=[id_card(), _veteran_cert(), bank_account()],
        keywords="退伍补助,退伍费,退役金,退伍一次性补助,自主就业补助,当兵回来补贴",
        themes=VETERANS, events=["退役"], levels=["district"], depth=4, result=("补助金核定通知", "其他"),
    )
    cat.item(
        "TY", 4, "优抚对象定期抚恤补助金申领",
        item_type="payment", legal=30, promised=15,
        basis="《军人抚恤优待条例》第十九条、第二十二条",
        conditions="本区户籍的残疾军人、烈士遗属、在乡复员军人、带病回乡退伍军人等优抚对象",
        materials=[id_card(), bank_account(), material(
            "优抚对象身份证明：残疾军人证、烈士证明书或复员证等",
            criteria(("eligibility", "能证明属于定期抚恤补助对象"), ("authenticity", "证件加盖发证机关印章")),
        )],
        keywords="抚恤金,优抚金,复员补助,烈属补助,残疾军人抚恤,老兵补助",
        themes=VETERANS, levels=ALL, result=("抚恤补助核定通知", "其他"),
    )
    cat.item(
        "TY", 5, "义务兵家庭优待金申领",
        item_type="payment", legal=20, promised=0,
        basis="《军人抚恤优待条例》第三十三条；《广东省义务兵家庭优待金发放办法》",
        conditions="从本区应征入伍的义务兵家庭，服役期间按年发放优待金",
        materials=[id_card("义务兵父母或配偶"), hukou("义务兵家庭"), bank_account("义务兵父母或配偶"),
                   material("入伍通知书", criteria(("consistency", "入伍地为本区，批准入伍时间清晰")),
                            form="copy", source="department", source_department="区人民武装部")],
        keywords="参军优待金,当兵家属补贴,义务兵优待金,入伍补贴,当兵家里补贴",
        themes=VETERANS, levels=ALL, result=("优待金发放通知", "其他"),
    )
    cat.item(
        "SF", 1, "法律援助申请",
        item_type="public_service", legal=7, promised=5, legal_note="法定7日（《法律援助法》第四十三条）",
        basis="《中华人民共和国法律援助法》第二十二条、第三十一条、第四十一条、第四十三条",
        conditions="因经济困难没有委托代理人的，在请求支付劳动报酬、给予社会保险待遇、请求赡养费抚养费等事项中可申请；"
        "农民工讨薪、英烈近亲属维权等情形免予核查经济困难",
        materials=[id_card(), form("法律援助申请表"), material(
            "经济困难状况说明表（个人诚信承诺）",
            criteria(("signature", "申请人签署承诺"), ("completeness", "家庭成员及收入逐项填写")),
            blank_form="经济困难状况说明表（空白表）",
        ), material(
            "与所申请法律援助事项有关的材料（起诉状、劳动合同、欠条等）",
            criteria(("eligibility", "能说明案件基本事实和援助事项")), form="copy",
        )],
        keywords="法律援助,免费律师,请不起律师,打官司没钱,找律师帮忙,免费法律咨询,法援",
        themes=["法律服务"], levels=ALL,
        result=("给予法律援助决定书", "批文"),
    )
    cat.item(
        "SF", 2, "人民调解申请",
        item_type="public_service", legal=30, promised=15, legal_note="调解一般在30日内结束",
        basis="《中华人民共和国人民调解法》第十七条、第二十八条",
        conditions="当事人之间发生婚姻家庭、邻里、物业、劳务等民间纠纷，自愿申请调解的",
        materials=[id_card(), material("纠纷情况说明", criteria(("completeness", "写明当事人、争议事实和请求")))],
        keywords="调解纠纷,邻居纠纷,吵架调解,人民调解,物业纠纷调解,家庭矛盾调解,纠纷调解",
        themes=["法律服务"], levels=ALL,
        stages=stages_custom(
            ("accept", "申请和受理", "window_generalist", 10, "综合窗口登记纠纷，征得对方当事人同意后受理"),
            ("undertake", "调解", "undertaker", 70, "人民调解员查明事实、分清是非，组织双方协商"),
            ("review", "审核", "reviewer", 10, "审核调解协议内容是否合法、自愿"),
            ("complete", "办结", "undertaker", 10, "制作人民调解协议书，告知可申请司法确认"),
        ),
        result=("人民调解协议书", "其他"),
    )


def _education(cat: Catalog) -> None:
    cat.item(
        "JY", 1, "义务教育阶段新生入学（学位申请）",
        item_type="public_service", legal=30, promised=20,
        basis="《中华人民共和国义务教育法》第十二条；《佛山市禅城区义务教育阶段学校招生工作方案》",
        conditions="适龄儿童少年（小一满6周岁，初一小学毕业）户籍或父母在本区居住、就业的，按招生方案申请学位",
        materials=[hukou("儿童及父母"), id_card("父母"), property_cert_or_lease(),
                   material("居住证及社保缴纳证明（非本区户籍提供）",
                            criteria(("eligibility", "居住证、社保满足积分入学年限要求")),
                            form="electronic", necessity="optional", source="settled", record_type="residence_permit")],
        keywords="上学,读小学,小孩读书,学位申请,小一报名,入学报名,积分入学,读初中,小升初,孩子上学,学位",
        themes=["教育"], events=["上学"], levels=["district"], depth=4, visits=0,
        stages=stages_custom(
            ("accept", "网上报名", "window_generalist", 10, "家长网上报名，系统核验户籍、房产、居住证和社保信息"),
            ("undertake", "资格审核", "undertaker", 40, "区教育局和学校审核入学资格与积分"),
            ("review", "复核", "reviewer", 20, "复核审核结果，处理家长异议"),
            ("approve", "学位分配", "approver", 20, "按招生方案分配学位并公示"),
            ("complete", "办结", "undertaker", 10, "发放录取通知，告知报到时间"),
        ),
        result=("学位录取通知", "其他"),
    )
    cat.item(
        "JY", 2, "义务教育阶段转学",
        item_type="public_service", legal=10, promised=5,
        basis="《中小学生学籍管理办法》第十三条",
        conditions="随父母工作调动、搬迁等原因需要转入本区公办学校的义务教育阶段学生，视学位情况安排",
        materials=[id_card("监护人"), hukou("学生"), form("义务教育阶段学生转学申请表", signer="监护人")],
        keywords="转学,插班,换学校,转学申请,孩子转学,转到佛山读书",
        themes=["教育"], events=["上学", "迁居"], levels=["district"], result=("转学联系单", "其他"),
    )
    cat.item(
        "JY", 3, "教师资格认定",
        item_type="licensing", legal=30, promised=20, power_source=5,
        basis="《中华人民共和国教师法》第十条至第十三条；《教师资格条例》；《〈教师资格条例〉实施办法》",
        conditions="具备相应学历、普通话水平达标、中小学教师资格考试合格，户籍或居住证、工作单位在本区的",
        materials=[id_card(), photo("近期1寸免冠白底彩色照片", copies=1),
                   material("学历证书", criteria(("authenticity", "可在学信网核验"), ("eligibility", "学历达到认定学段要求")),
                            form="electronic", source="settled", record_type="education"),
                   material("普通话水平测试等级证书",
                            criteria(("eligibility", "二级乙等以上（语文学科二级甲等以上）")), form="electronic"),
                   material("教师资格认定体检表", criteria(("eligibility", "指定医院体检结论合格")))],
        keywords="教师资格证,教资认定,老师资格证,教师证,教资,当老师要什么证",
        themes=["教育", "职业资格"], levels=["district"], express=True, result=("教师资格证书", "证照"),
    )
    cat.item(
        "JY", 4, "家庭经济困难学生资助申请",
        item_type="payment", legal=30, promised=15,
        basis="《国务院关于建立健全普通本科高校、高等职业学校和中等职业学校家庭经济困难学生资助政策体系的意见》；《学生资助资金管理办法》",
        conditions="本区就读的义务教育阶段、普通高中家庭经济困难学生，优先资助低保、特困、残疾等学生",
        materials=[id_card("监护人"), form("家庭经济困难学生认定申请表", signer="监护人"),
                   material("家庭经济困难情况承诺书", criteria(("signature", "监护人签名承诺")))],
        keywords="助学金,贫困生补助,学生资助,困难学生补助,读书补助,生活补助学生",
        themes=["教育", "社会救助"], events=["上学"], levels=["district"], trust_first=TRUST_FIRST_PERSON,
        result=("资助认定结果", "其他"),
    )


def property_cert_or_lease() -> dict:
    return material(
        "居住证明：不动产权证书或经登记备案的租赁合同",
        criteria(("eligibility", "房产或租赁地址在招生地段内"), ("consistency", "产权人或承租人为学生父母")),
        source="settled", record_type="property_certificate",
    )


def _everyday(cat: Catalog) -> None:
    cat.item(
        "CL", 6, "残疾人免费乘车卡办理",
        item_type="public_service", legal=0, promised=0,
        basis=f"{DISABLED_LAW}第五十条；《广东省实施〈中华人民共和国残疾人保障法〉办法》",
        conditions="持第二代残疾人证的本区户籍或居住的残疾人，可免费乘坐市内公共交通",
        materials=[disability_cert(), photo("近期1寸免冠彩色照片（可现场拍摄）", copies=1)],
        keywords="残疾人乘车卡,残疾人坐车免费,残疾人公交卡,残疾人免费坐公交,爱心卡",
        themes=[*DISABLED, "交通出行"], levels=ALL, kiosk=True, result=("残疾人免费乘车卡", "证照"),
    )
    cat.item(
        "TY", 6, "光荣牌悬挂申请",
        item_type="public_service", legal=0, promised=0,
        basis="《退役军人事务部等关于做好为烈属、军属和退役军人等家庭悬挂光荣牌工作的通知》",
        conditions="本区户籍的烈属、军属和退役军人家庭，尚未悬挂光荣牌的",
        materials=[id_card(), _veteran_cert()],
        keywords="光荣之家,光荣牌,挂光荣牌,军属光荣牌,退伍军人光荣牌",
        themes=VETERANS, levels=ALL, result=("光荣牌", "其他"),
    )
    cat.item(
        "JY", 6, "中小学生在读（学籍）证明开具",
        item_type="public_service", legal=0, promised=0,
        basis="《中小学生学籍管理办法》第十条、第二十条",
        conditions="在本区中小学就读的学生，因办理居住证、积分入学、出入境等需要证明在读学籍的",
        materials=[id_card("监护人"), hukou("学生", necessity="optional")],
        keywords="在读证明,学籍证明,学生证明,开在读证明,学籍信息证明",
        themes=["教育"], events=["上学"], levels=["district"], depth=4, result=("学生学籍证明", "证明"),
    )
