"""Legal-person items, part 1: starting, changing and closing a business (企业开办), tax, employer
registrations and permits for shops, restaurants, clinics and training schools."""

from __future__ import annotations

from onedoor.demo.data._build import Catalog, criteria, material
from onedoor.demo.data._materials import (
    business_licence,
    commitment,
    enterprise_agent,
    form,
    id_card,
    lease_or_deed,
    legal_rep_id,
)
from onedoor.demo.data._text import MARKET_REGISTRATION_BASIS, TRUST_FIRST

# One compact description per row, as in a catalog table: the formatter would put every field on its own
# line and double the length of the module without making it clearer.
# fmt: off

E = "enterprise"
START = ["企业开办"]
PERMITS = ["准营准办"]
TAX = ["税收财务"]
STREET = ["district", "street"]
FOOD_LAW = "《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》（国家市场监督管理总局令第78号）"


def _articles() -> dict:
    return material("公司章程", criteria(
        ("completeness", "载明名称、住所、经营范围、注册资本、股东出资方式和期限"),
        ("signature", "全体股东签名或盖章")))


def _premises(what: str = "经营场所") -> dict:
    return material(f"{what}平面布局图及设施设备清单", criteria(
        ("completeness", "标明功能分区、面积和主要设施设备"),
        ("eligibility", "布局符合该类许可的场所要求")), form="copy")


def add(cat: Catalog) -> None:
    _market(cat)
    _tax_and_employer(cat)
    _everyday(cat)


def _market(cat: Catalog) -> None:
    cat.item(
        "SJ", 1, "企业设立登记（有限责任公司）", subject=E,
        item_type="licensing", legal=3, promised=0, legal_note="法定：材料齐全的当场登记，不能当场登记的3个工作日内",
        basis=MARKET_REGISTRATION_BASIS,
        conditions="申请人具备完全民事行为能力，名称经自主申报，有符合规定的住所和章程，注册资本认缴期限不超过5年",
        materials=[form("公司登记（备案）申请书", signer="法定代表人"), _articles(),
                   material("股东主体资格证明（自然人股东身份证、法人股东营业执照）", criteria(
                       ("validity", "证件在有效期内"), ("consistency", "股东名称与章程一致")), form="copy"),
                   material("法定代表人、董事、监事和经理的任职文件", criteria(
                       ("signature", "由股东会决议或股东签署"), ("eligibility", "任职人员不属于限制任职情形"))),
                   lease_or_deed(), commitment("住所（经营场所）申报承诺书")],
        keywords="开公司,注册公司,办营业执照,成立公司,开办企业,新办企业,公司注册,注册有限公司,开个公司,办执照",
        themes=START, events=["开办企业"], levels=STREET, depth=4, express=True, trust_first=TRUST_FIRST,
        result=("营业执照", "证照"),
    )
    cat.item(
        "SJ", 2, "企业变更登记", subject=E,
        item_type="licensing", legal=3, promised=0, legal_note="法定：当场登记或3个工作日内",
        basis=f"{MARKET_REGISTRATION_BASIS}第二十四条",
        conditions="企业名称、住所、法定代表人、经营范围、注册资本、股东等登记事项发生变更的，自作出变更决议之日起30日内申请",
        materials=[form("公司登记（备案）申请书", signer="法定代表人"), business_licence(),
                   material("变更决议或决定", criteria(("signature", "股东会决议由代表三分之二以上表决权的股东签署"),
                                                      ("consistency", "变更事项与申请书一致"))),
                   material("修改后的公司章程或章程修正案", criteria(("signature", "法定代表人签署"))),
                   enterprise_agent()],
        keywords="公司变更,改公司名,换法人,变更经营范围,增资,公司地址变更,更换法定代表人,股东变更,公司迁址",
        themes=START, events=["变更注销"], levels=STREET, depth=4, express=True, result=("营业执照", "证照"),
    )
    cat.item(
        "SJ", 3, "企业简易注销登记", subject=E,
        item_type="licensing", legal=3, promised=0, legal_note="公告期20日（自然日）不计入；公告期满无异议的当场注销",
        basis=f"{MARKET_REGISTRATION_BASIS}第三十三条",
        conditions="未发生债权债务或已将债权债务清偿完结，未发生或已结清清偿费用、职工工资、社保费用和税款，全体投资人书面承诺",
        materials=[form("注销登记申请书", signer="法定代表人"), business_licence(),
                   commitment("全体投资人承诺书"),
                   material("清税信息（税务部门共享）", criteria(("eligibility", "无未结清税款和未缴销发票")),
                            form="electronic", source="department", source_department="税务部门")],
        keywords="注销公司,公司注销,关公司,简易注销,公司不开了,关闭公司,企业注销",
        themes=START, events=["变更注销"], levels=STREET, depth=4, trust_first=TRUST_FIRST,
        result=("准予注销登记通知书", "批文"),
    )
    cat.item(
        "SJ", 4, "个体工商户设立登记", subject=E,
        item_type="licensing", legal=3, promised=0,
        basis=f"《促进个体工商户发展条例》（国务院令第755号）第八条；{MARKET_REGISTRATION_BASIS}",
        conditions="有经营能力的自然人或家庭，以住所或经营场所开展经营；可申请使用名称，也可不用名称",
        materials=[id_card("经营者"), form("个体工商户登记（备案）申请书", signer="经营者"),
                   lease_or_deed(), commitment("经营场所申报承诺书")],
        keywords="个体户,开个体户,开店营业执照,小店执照,个体执照,摆摊执照,办个体营业执照,开小卖部,开店",
        themes=START, events=["开办企业"], levels=["district", "street", "community"], depth=4, kiosk=True,
        trust_first=TRUST_FIRST, result=("营业执照", "证照"),
    )
    cat.item(
        "SJ", 5, "个体工商户变更、注销登记", subject=E,
        item_type="licensing", legal=3, promised=0,
        basis="《促进个体工商户发展条例》第十条；《中华人民共和国市场主体登记管理条例》第二十四条、第三十一条",
        conditions="个体工商户登记事项变更，或经营者决定终止经营的；个体户转为企业的可直接变更",
        materials=[id_card("经营者"), business_licence(), form("个体工商户变更（注销）申请书", signer="经营者")],
        keywords="注销个体户,个体户变更,个体户注销,个体户改名,个转企,个体户不做了",
        themes=START, events=["变更注销"], levels=["district", "street", "community"], depth=4,
        result=("营业执照或准予注销通知书", "证照"),
    )
    cat.item(
        "SJ", 6, "食品经营许可（告知承诺）", subject=E,
        item_type="licensing", legal=10, promised=0, legal_note="法定10个工作日；告知承诺的当场发证，20个工作日内现场核查",
        basis=f"{FOOD_LAW}；《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》",
        conditions="有与经营的食品品种、数量相适应的场所、设施设备、食品安全管理人员和管理制度；网络、餐饮和食品销售均适用",
        materials=[form("食品经营许可申请书"), business_licence(), _premises(),
                   material("食品安全管理制度及食品安全管理人员名单", criteria(
                       ("completeness", "含进货查验、从业人员健康管理、清洗消毒等制度"),
                       ("eligibility", "配备经培训考核合格的食品安全管理人员"))),
                   commitment("食品经营许可告知承诺书")],
        keywords="食品经营许可证,开餐馆,开饭店,餐饮许可,卖食品许可,开奶茶店,开咖啡店,开餐厅要什么证,食品许可证,饭店许可证",
        themes=PERMITS, events=["开办企业"], levels=["district"], depth=4, trust_first=TRUST_FIRST,
        result=("食品经营许可证", "证照"),
    )
    cat.item(
        "SJ", 7, "仅销售预包装食品备案", subject=E,
        item_type="other_power", legal=0, promised=0,
        basis=f"{FOOD_LAW}第二十八条、第三十二条",
        conditions="仅销售预包装食品的经营者，在办理营业执照后或开始销售前备案",
        materials=[business_licence(), form("仅销售预包装食品备案信息采集表", signer="经营者")],
        keywords="卖预包装食品,便利店食品备案,零食店,预包装食品备案,开便利店,小超市备案",
        themes=PERMITS, events=["开办企业"], levels=STREET, depth=4, result=("备案编号", "其他"),
    )
    cat.item(
        "SJ", 8, "特种设备使用登记", subject=E,
        item_type="licensing", legal=15, promised=0, power_source=5,
        basis="《中华人民共和国特种设备安全法》第三十三条；《特种设备使用管理规则》（TSG 08）",
        conditions="电梯、锅炉、压力容器、场（厂）内专用机动车辆等特种设备投入使用前或投入使用后30日内",
        materials=[form("特种设备使用登记表", signer="使用单位"), business_licence(),
                   material("特种设备产品合格证及监督检验证明", criteria(
                       ("authenticity", "证明编号可在特种设备信息系统核验"), ("eligibility", "检验结论合格")),
                            form="copy")],
        keywords="电梯登记,锅炉登记,叉车使用登记,压力容器登记,特种设备登记,电梯使用证",
        themes=PERMITS, levels=["district"], depth=4, result=("特种设备使用登记证", "证照"),
    )
    cat.item(
        "SJ", 9, "药品零售企业经营许可", subject=E,
        item_type="licensing", legal=20, promised=10, power_source=5,
        basis="《中华人民共和国药品管理法》第五十一条、第五十二条；《药品经营和使用质量监督管理办法》",
        conditions="有依法经过资格认定的执业药师，有与所经营药品相适应的营业场所、设备、仓储设施和质量管理制度",
        materials=[form("药品经营许可证申请表"), business_licence(), _premises("营业场所、仓库"),
                   material("执业药师注册证", criteria(("validity", "注册执业单位为本企业"),
                                                    ("eligibility", "执业范围与经营范围相适应")), form="copy"),
                   material("药品质量管理文件目录", criteria(("completeness", "覆盖采购、验收、储存、销售全过程")))],
        keywords="开药店,药店许可,药品经营许可证,开药房,卖药许可,药店执照",
        themes=PERMITS, events=["开办企业"], levels=["district"], result=("药品经营许可证", "证照"),
    )
    cat.item(
        "SJ", 10, "第二类医疗器械经营备案", subject=E,
        item_type="other_power", legal=0, promised=0, power_source=5,
        basis="《医疗器械监督管理条例》（国务院令第739号）第四十一条；《医疗器械经营监督管理办法》",
        conditions="经营第二类医疗器械的企业，具有与经营规模和范围相适应的经营场所和质量管理制度",
        materials=[form("第二类医疗器械经营备案表"), business_licence(), _premises("经营场所、库房"),
                   material("质量管理制度文件目录", criteria(("completeness", "含采购、验收、贮存、销售、追溯制度")))],
        keywords="医疗器械备案,卖口罩备案,卖血压计,二类医疗器械备案,卖医疗器械",
        themes=PERMITS, levels=["district"], depth=4, result=("第二类医疗器械经营备案凭证", "证照"),
    )
    cat.item(
        "SJ", 11, "市场主体歇业备案", subject=E,
        item_type="other_power", legal=0, promised=0,
        basis=f"{MARKET_REGISTRATION_BASIS}第三十条",
        conditions="因自然灾害、事故灾难、公共卫生事件等原因造成经营困难的，可自主决定在一定时期内歇业，累计不超过3年",
        materials=[business_licence(), form("市场主体歇业备案书", signer="法定代表人或经营者")],
        keywords="歇业,暂停营业,公司暂停经营,店先关一段时间,歇业备案,暂时不营业",
        themes=START, events=["变更注销"], levels=STREET, depth=4, result=("歇业备案公示", "其他"),
    )
    cat.item(
        "WJ", 10, "公共场所卫生许可（告知承诺）", subject=E,
        item_type="licensing", legal=20, promised=0, legal_note="法定20日；告知承诺的当场发证，事后核查",
        basis="《公共场所卫生管理条例》第八条；《公共场所卫生管理条例实施细则》第二十二条",
        conditions="宾馆、理发店、美容店、游泳场馆等公共场所，具备卫生管理制度、从业人员健康合格证明和检测合格的卫生设施",
        materials=[form("公共场所卫生许可申请表"), business_licence(), _premises(),
                   material("从业人员健康合格证明", criteria(("validity", "健康证明在有效期内"),
                                                          ("completeness", "直接为顾客服务的从业人员全部持证"))),
                   commitment("公共场所卫生许可告知承诺书")],
        keywords="卫生许可证,理发店卫生许可,美容院卫生许可,酒店卫生许可,开美容院,开理发店,开宾馆卫生许可,开足浴店",
        themes=PERMITS, events=["开办企业"], levels=["district"], depth=4, trust_first=TRUST_FIRST,
        result=("公共场所卫生许可证", "证照"),
    )
    cat.item(
        "WJ", 11, "诊所备案", subject=E,
        item_type="other_power", legal=0, promised=0,
        basis="《医疗机构管理条例》（2022修订）第十一条；《诊所备案管理暂行办法》（国卫医政发〔2022〕33号）",
        conditions="具有执业资格的医师举办诊所，具备诊所基本标准规定的房屋、设备和人员",
        materials=[form("诊所备案信息表"), _premises("诊所"),
                   material("主要负责人及执业人员执业证书", criteria(
                       ("validity", "执业证书注册有效"), ("eligibility", "负责人为取得执业医师证书后从事5年以上同一专业临床工作的医师")),
                            form="copy", source="settled", record_type="professional_qualification")],
        keywords="开诊所,诊所备案,私人诊所,开个诊所,中医诊所备案,牙科诊所",
        themes=["医疗卫生", *PERMITS], events=["开办企业"], levels=["district"], depth=4,
        result=("诊所备案凭证", "证照"),
    )


def _tax_and_employer(cat: Catalog) -> None:
    cat.item(
        "SW", 5, "新办纳税人涉税事项（信息确认）", subject=E,
        item_type="public_service", legal=0, promised=0,
        basis="《中华人民共和国税收征收管理法》第十五条；《国家税务总局关于优化新办纳税人\u201c套餐式\u201d服务的通知》",
        conditions="新设立的企业和个体工商户领取营业执照后，确认登记信息、税费种认定并开通电子税务局",
        materials=[business_licence(), legal_rep_id(), enterprise_agent()],
        keywords="税务登记,税务报到,新公司报税,税务信息确认,新办企业税务,公司去税务局报到,开通电子税务局",
        themes=[*START, *TAX], events=["开办企业"], levels=["district"], depth=4, result=("税务信息确认单", "其他"),
    )
    cat.item(
        "SW", 6, "发票领用（发票票种核定、数电发票额度）", subject=E,
        item_type="public_service", legal=5, promised=0,
        basis="《中华人民共和国发票管理办法》第十五条；《国家税务总局关于推广应用全面数字化电子发票的公告》",
        conditions="已完成信息确认的纳税人，需要开具发票的，申请票种核定或数电发票开票额度",
        materials=[business_licence(), legal_rep_id(), enterprise_agent()],
        keywords="领发票,申领发票,开发票额度,发票票种核定,买发票,公司开发票,电子发票开通,发票",
        themes=[*START, *TAX], events=["开办企业"], levels=["district"], depth=4, result=("发票票种核定通知", "其他"),
    )
    cat.item(
        "SW", 7, "增值税一般纳税人登记", subject=E,
        item_type="other_power", legal=0, promised=0,
        basis="《增值税一般纳税人登记管理办法》（国家税务总局令第43号）第三条",
        conditions="年应税销售额超过小规模纳税人标准（500万元）的，或会计核算健全、能提供准确税务资料的纳税人",
        materials=[business_licence(), form("增值税一般纳税人登记表", signer="法定代表人")],
        keywords="一般纳税人,转一般纳税人,一般纳税人认定,申请一般纳税人,小规模转一般纳税人",
        themes=TAX, levels=["district"], depth=4, result=("一般纳税人登记确认", "其他"),
    )
    cat.item(
        "SW", 8, "清税证明开具（注销税务登记）", subject=E,
        item_type="public_service", legal=20, promised=0, legal_note="未领用发票、无欠税的纳税人即时出具",
        basis="《中华人民共和国税收征收管理法实施细则》第十五条；《国家税务总局关于深化\u201c放管服\u201d改革更大力度推进优化税务注销办理程序工作的通知》",
        conditions="纳税人办理注销登记前结清应纳税款、滞纳金、罚款，缴销发票",
        materials=[business_licence(), form("清税申报表", signer="法定代表人")],
        keywords="税务注销,清税,注销税务,清税证明,公司注销税务",
        themes=TAX, events=["变更注销"], levels=["district"], depth=4, result=("清税证明", "证明"),
    )
    cat.item(
        "SW", 9, "纳税信用复评（信用修复）", subject=E,
        item_type="other_power", legal=15, promised=15,
        basis="《纳税信用管理办法（试行）》；《国家税务总局关于纳税信用修复有关事项的公告》",
        conditions="纳税人对纳税信用评价结果有异议，或已纠正失信行为、符合修复条件的",
        materials=[business_licence(), form("纳税信用复评（修复）申请表", signer="法定代表人")],
        keywords="纳税信用修复,信用等级复评,纳税信用等级,税务信用修复,D级纳税人修复",
        themes=TAX, levels=["district"], depth=4, result=("复评结果通知", "其他"),
    )
    cat.item(
        "RS", 18, "用人单位社会保险登记", subject=E,
        item_type="public_service", legal=15, promised=0,
        basis="《中华人民共和国社会保险法》第五十七条；《社会保险费征缴暂行条例》",
        conditions="用人单位自成立之日起30日内申请社会保险登记（企业设立时可一并办理）",
        materials=[business_licence(), legal_rep_id()],
        keywords="单位社保开户,公司社保开户,单位参保登记,员工社保,公司交社保,给员工买社保,社保登记",
        themes=[*START, "社会保障"], events=["开办企业"], levels=["district"], depth=4, result=("社会保险登记证明", "证明"),
    )
    cat.item(
        "RS", 19, "劳务派遣经营许可", subject=E,
        item_type="licensing", legal=20, promised=10,
        basis="《中华人民共和国劳动合同法》第五十七条；《劳务派遣行政许可实施办法》（人社部令第19号）",
        conditions="注册资本不少于人民币200万元，有与开展业务相适应的固定经营场所和设施，有符合法律规定的劳务派遣管理制度",
        materials=[form("劳务派遣经营许可申请书"), business_licence(),
                   material("验资报告或注册资本实缴证明", criteria(("eligibility", "实缴注册资本不少于200万元"))),
                   material("劳务派遣管理制度及劳动合同、劳务派遣协议样本", criteria(
                       ("completeness", "含工作时间、工资、社会保险、培训等内容")))],
        keywords="劳务派遣许可证,派遣公司,劳务派遣经营许可,开劳务派遣公司",
        themes=PERMITS, levels=["district"], depth=4, result=("劳务派遣经营许可证", "证照"),
    )
    cat.item(
        "RS", 20, "人力资源服务许可", subject=E,
        item_type="licensing", legal=20, promised=0,
        basis="《人力资源市场暂行条例》（国务院令第700号）第十八条",
        conditions="从事职业中介活动的经营性人力资源服务机构，有明确的章程和管理制度、固定场所和专职工作人员",
        materials=[form("人力资源服务许可申请表"), business_licence(),
                   material("服务场所使用证明及专职工作人员名单", criteria(
                       ("eligibility", "有固定场所和3名以上专职工作人员")), form="copy")],
        keywords="职业中介许可,开中介所,人力资源服务许可证,开职介所,招聘中介许可",
        themes=PERMITS, levels=["district"], depth=4, trust_first=TRUST_FIRST, result=("人力资源服务许可证", "证照"),
    )
    cat.item(
        "RS", 21, "企业实行不定时工作制和综合计算工时工作制审批", subject=E,
        item_type="licensing", legal=20, promised=10,
        basis="《中华人民共和国劳动法》第三十九条；《关于企业实行不定时工作制和综合计算工时工作制的审批办法》",
        conditions="因生产特点不能实行标准工时制度的企业，听取工会和职工意见后申请",
        materials=[form("特殊工时制度申请表"), business_licence(),
                   material("工会或职工代表大会意见", criteria(("signature", "工会盖章或职工代表签名")))],
        keywords="综合工时,不定时工作制,特殊工时审批,综合计算工时",
        themes=["就业创业"], levels=["district"], depth=4, result=("特殊工时制度批复", "批文"),
    )
    cat.item(
        "GJJ", 8, "单位住房公积金缴存登记", subject=E,
        item_type="public_service", legal=20, promised=0,
        basis="《住房公积金管理条例》第十四条、第十五条",
        conditions="新设立的单位自设立之日起30日内办理住房公积金缴存登记，并为职工办理账户设立",
        materials=[business_licence(), legal_rep_id(), form("单位住房公积金缴存登记表", signer="单位")],
        keywords="单位公积金开户,公司开公积金,给员工交公积金,公积金单位开户,企业公积金登记",
        themes=[*START, "住房公积金"], events=["开办企业"], levels=["district"], depth=4,
        result=("单位缴存登记凭证", "其他"),
    )
    cat.item(
        "MZ", 15, "民办非企业单位（社会服务机构）成立登记", subject=E,
        item_type="licensing", legal=60, promised=20,
        basis="《民办非企业单位登记管理暂行条例》第八条至第十二条",
        conditions="经业务主管单位审查同意，有规范的名称和组织机构，有与业务活动相适应的从业人员、合法财产和固定住所",
        materials=[form("民办非企业单位成立登记申请表"),
                   material("业务主管单位批准文件", criteria(("authenticity", "加盖业务主管单位公章"))),
                   lease_or_deed(),
                   material("验资报告", criteria(("eligibility", "开办资金达到规定数额"))),
                   material("章程草案", criteria(("completeness", "载明宗旨、业务范围、组织管理制度和资产管理")))],
        keywords="成立民非,社会服务机构登记,民办非企业单位,社工机构登记,民非登记",
        themes=["社会组织"], levels=["district"], result=("民办非企业单位登记证书", "证照"),
    )
    cat.item(
        "MZ", 16, "养老机构备案", subject=E,
        item_type="other_power", legal=0, promised=0,
        basis="《中华人民共和国老年人权益保障法》第四十三条；《养老机构管理办法》（民政部令第66号）第九条",
        conditions="依法登记的养老机构在收住老年人后10个工作日内备案",
        materials=[form("养老机构备案书"), business_licence(),
                   commitment("养老机构备案承诺书"),
                   material("消防、食品安全等符合要求的承诺或证明", criteria(("eligibility", "服务设施符合消防和食品安全要求")),
                            form="copy")],
        keywords="开养老院,养老院备案,养老机构,办养老院,老人院备案",
        themes=["老年人", *PERMITS], levels=["district"], depth=4, trust_first=TRUST_FIRST,
        result=("养老机构备案回执", "其他"),
    )
    cat.item(
        "JY", 5, "民办学校（非学历文化培训）办学许可", subject=E,
        item_type="licensing", legal=30, promised=15,
        basis="《中华人民共和国民办教育促进法》第十二条；《广东省校外培训机构设置标准》",
        conditions="举办面向中小学生的非学科类或符合规定的培训机构，具备相应场地、师资和管理制度",
        materials=[form("民办学校办学许可申请书"), _premises("培训场所"),
                   material("举办者资格证明及章程", criteria(("eligibility", "举办者信用良好"),
                                                        ("completeness", "章程载明办学宗旨、内部管理体制"))),
                   material("教师资格证及聘用名单", criteria(("eligibility", "从事培训的人员具备相应资质")), form="copy")],
        keywords="开培训班,办学许可证,培训机构许可,开兴趣班,办培训学校,开辅导班",
        themes=["教育", *PERMITS], events=["开办企业"], levels=["district"], result=("民办学校办学许可证", "证照"),
    )


def _everyday(cat: Catalog) -> None:
    cat.item(
        "SJ", 12, "企业名称自主申报", subject=E,
        item_type="public_service", legal=0, promised=0,
        basis="《企业名称登记管理规定》（国务院令第734号）第十七条；《企业名称登记管理规定实施办法》",
        conditions="申请人通过企业名称申报系统自主查询、比对、申报拟用名称，系统即时反馈，不与他人名称相同或近似",
        materials=[form("企业名称自主申报承诺书", signer="申请人")],
        keywords="公司起名,名称核准,公司名字查重,企业名称预先核准,核名,公司取名字,查名字能不能用",
        themes=START, events=["开办企业"], levels=STREET, depth=4, result=("名称自主申报告知书", "其他"),
    )
    cat.item(
        "SJ", 13, "营业执照补领、换发", subject=E,
        item_type="licensing", legal=3, promised=0,
        basis=f"{MARKET_REGISTRATION_BASIS}第三十九条",
        conditions="营业执照遗失、毁损的，市场主体申请补领；可随时领取电子营业执照",
        materials=[form("营业执照补领申请书", signer="法定代表人或经营者"), legal_rep_id(), enterprise_agent()],
        keywords="营业执照丢了,补营业执照,执照遗失,营业执照补办,执照坏了,营业执照遗失",
        themes=START, levels=["district", "street", "community"], depth=4, kiosk=True, express=True,
        result=("营业执照", "证照"),
    )
    cat.item(
        "SJ", 14, "企业登记档案查询", subject=E,
        item_type="public_service", legal=0, promised=0,
        basis="《企业登记档案资料查询办法》；《中华人民共和国市场主体登记管理条例》第三十五条",
        conditions="市场主体查询本单位登记档案，律师、公检法等凭证明查询相关市场主体档案",
        materials=[legal_rep_id(), enterprise_agent()],
        keywords="查企业档案,公司档案查询,工商档案,调工商档案,企业内档,打印公司档案",
        themes=START, levels=["district"], depth=4, kiosk=True, result=("企业登记档案查询证明", "证明"),
    )
    cat.item(
        "SW", 10, "跨区域涉税事项报告", subject=E,
        item_type="public_service", legal=0, promised=0,
        basis="《国家税务总局关于创新跨区域涉税事项报验管理制度的通知》（税总发〔2017〕103号）",
        conditions="纳税人跨省（市）临时从事生产经营活动的，在外出经营前报告",
        materials=[business_licence(), form("跨区域涉税事项报告表", signer="法定代表人")],
        keywords="外出经营报告,跨区域涉税,外经证,跨地区经营报税,外地施工报税",
        themes=TAX, levels=["district"], depth=4, result=("跨区域涉税事项报告表", "其他"),
    )
    cat.item(
        "SW", 11, "发票遗失、损毁报告", subject=E,
        item_type="public_service", legal=0, promised=0,
        basis="《中华人民共和国发票管理办法》第二十九条；《中华人民共和国发票管理办法实施细则》",
        conditions="使用发票的单位和个人发生发票丢失、损毁的，于发现当日书面报告税务机关",
        materials=[business_licence(), form("发票挂失损毁报告表", signer="单位")],
        keywords="发票丢了,发票遗失,发票损毁,发票挂失,发票不见了",
        themes=TAX, levels=["district"], depth=4, result=("发票挂失受理回执", "其他"),
    )
    cat.item(
        "RS", 24, "单位参保职工增减（员工入职、离职）", subject=E,
        item_type="public_service", legal=0, promised=0,
        basis="《中华人民共和国社会保险法》第五十八条；《社会保险费征缴暂行条例》",
        conditions="用人单位自用工之日起30日内为职工办理参保登记，职工离职后及时办理减员",
        materials=[business_licence(), material(
            "增减员人员名单（身份证号、月工资）",
            criteria(("completeness", "逐人列明身份证号、参保险种和缴费基数"), ("consistency", "身份信息经公安系统核验")),
            form="electronic",
        )],
        keywords="员工入职登记,社保增员,新员工参保,社保减员,员工离职停社保,给新员工买社保",
        themes=["社会保障", "就业创业"], levels=["district"], depth=4, result=("增减员成功通知", "其他"),
    )
    cat.item(
        "GJJ", 10, "单位住房公积金汇缴变更（增员、减员、封存）", subject=E,
        item_type="public_service", legal=0, promised=0,
        basis="《住房公积金管理条例》第十五条",
        conditions="单位录用职工或与职工终止劳动关系的，自录用或终止之日起30日内办理缴存登记或变更、封存",
        materials=[business_licence(), form("住房公积金汇缴变更清册", signer="单位")],
        keywords="公积金增员,公积金减员,员工离职公积金封存,公积金封存,新员工开公积金",
        themes=["住房公积金"], levels=["district"], depth=4, result=("汇缴变更确认", "其他"),
    )
