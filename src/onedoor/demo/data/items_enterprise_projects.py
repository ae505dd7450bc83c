"""Legal-person items, part 2: investment and construction projects (工程建设), environment and safety,
culture and sport venues, transport, city management, agriculture and commerce."""

from __future__ import annotations

from onedoor.demo.data._build import Catalog, criteria, material
from onedoor.demo.data._materials import business_licence, commitment, enterprise_agent, form, legal_rep_id
from onedoor.demo.data._text import TRUST_FIRST

# One compact description per row, as in a catalog table: the formatter would put every field on its own
# line and double the length of the module without making it clearer.
# fmt: off

E = "enterprise"
BUILD = ["工程建设", "投资审批"]
PERMITS = ["准营准办"]
PROJECT = ["项目建设"]


def _plan(name: str, *more: tuple) -> dict:
    return material(name, criteria(("completeness", "图纸、文本齐全，加盖设计或编制单位出图章"), *more))


def _land() -> dict:
    return material("用地批准文件或不动产权证书（土地）", criteria(
        ("consistency", "用地位置、面积与申请一致"), ("validity", "用地手续合法有效")),
        form="copy", source="settled", record_type="property_certificate")


def _venue(what: str) -> dict:
    return material(f"{what}场所使用证明及平面图", criteria(
        ("consistency", "场所地址与营业执照一致"), ("eligibility", "场所面积、布局符合设置标准")), form="copy")


def add(cat: Catalog) -> None:
    _construction(cat)
    _operations(cat)
    _everyday(cat)


def _construction(cat: Catalog) -> None:
    cat.item(
        "FG", 1, "企业投资项目备案", subject=E,
        item_type="other_power", legal=0, promised=0,
        basis="《企业投资项目核准和备案管理条例》（国务院令第673号）第十三条；《企业投资项目核准和备案管理办法》",
        conditions="不属于《政府核准的投资项目目录》的企业投资项目，开工建设前通过在线平台告知项目信息",
        materials=[form("企业投资项目备案信息表", signer="项目单位"), business_licence(),
                   commitment("项目信息真实性承诺")],
        keywords="项目备案,投资备案,立项备案,技改备案,投资项目备案,项目立项,技术改造备案",
        themes=BUILD, events=PROJECT, levels=["district"], depth=4, trust_first=TRUST_FIRST,
        result=("广东省企业投资项目备案证", "证照"),
    )
    cat.item(
        "FG", 2, "固定资产投资项目节能审查", subject=E,
        item_type="licensing", legal=20, promised=10,
        basis="《中华人民共和国节约能源法》第十五条；《固定资产投资项目节能审查办法》（国家发展改革委令第2号）",
        conditions="年综合能源消费量1000吨标准煤以上（或电力500万千瓦时以上）的固定资产投资项目，开工建设前",
        materials=[form("节能审查申请书"), business_licence(),
                   material("节能报告", criteria(("completeness", "含能源消费量、能效水平分析和节能措施"),
                                             ("eligibility", "能效水平达到国家、地方标准")))],
        keywords="节能审查,能评,节能评估,能源审查",
        themes=BUILD, events=PROJECT, levels=["district"], depth=4, result=("节能审查意见", "批文"),
    )
    cat.item(
        "ZR", 1, "建设用地规划许可证核发", subject=E,
        item_type="licensing", legal=20, promised=10, power_source=5,
        basis="《中华人民共和国城乡规划法》第三十七条、第三十八条；《广东省城乡规划条例》",
        conditions="以出让或划拨方式取得国有土地使用权的建设项目，符合控制性详细规划和规划条件",
        materials=[form("建设用地规划许可申请表"), business_licence(), _land(),
                   material("国有建设用地使用权出让合同（含规划条件）", criteria(("consistency", "用地范围、性质与规划条件一致")),
                            form="copy")],
        keywords="用地规划许可,规划许可证,用地许可,建设用地规划",
        themes=BUILD, events=PROJECT, levels=["district"], depth=4, result=("建设用地规划许可证", "证照"),
    )
    cat.item(
        "ZR", 2, "建设工程规划许可证核发", subject=E,
        item_type="licensing", legal=20, promised=10, power_source=5,
        basis="《中华人民共和国城乡规划法》第四十条；《广东省城乡规划条例》",
        conditions="已取得建设用地规划许可、建设工程设计方案符合规划条件的建设项目",
        materials=[form("建设工程规划许可申请表"), business_licence(), _land(),
                   _plan("建设工程设计方案总平面图及建筑单体方案", ("eligibility", "容积率、建筑密度、退线符合规划条件"))],
        keywords="工程规划许可,报建规划,建设工程规划许可证,报建,规划报建",
        themes=BUILD, events=PROJECT, levels=["district"], depth=4, result=("建设工程规划许可证", "证照"),
    )
    cat.item(
        "ZR", 3, "临时用地审批", subject=E,
        item_type="licensing", legal=20, promised=10, power_source=5,
        basis="《中华人民共和国土地管理法》第五十七条；《自然资源部关于规范临时用地管理的通知》",
        conditions="建设项目施工、地质勘查等需要临时使用土地，使用期限一般不超过2年，不得修建永久性建筑物",
        materials=[form("临时用地申请表"), business_licence(),
                   material("临时使用土地合同及土地复垦方案", criteria(
                       ("completeness", "载明用途、期限、补偿和复垦措施"), ("signature", "土地权属单位盖章")))],
        keywords="临时用地,临时占地,施工临时用地,工地临时用地",
        themes=BUILD, events=PROJECT, levels=["district"], result=("临时用地批复", "批文"),
    )
    cat.item(
        "ZJ", 4, "建筑工程施工许可证核发", subject=E,
        item_type="licensing", legal=7, promised=3, legal_note="法定7日（《建筑工程施工许可管理办法》第五条）",
        basis="《中华人民共和国建筑法》第七条、第八条；《建筑工程施工许可管理办法》（住房和城乡建设部令第18号）",
        conditions="已办理用地、规划许可，确定施工企业，有满足施工需要的施工图纸和技术资料，有保证工程质量和安全的具体措施",
        materials=[form("建筑工程施工许可证申请表"), business_licence(),
                   material("建设工程规划许可证（系统共享）", criteria(("consistency", "工程名称、规模与规划许可一致")),
                            form="electronic", source="department", source_department="自然资源部门"),
                   material("中标通知书或直接发包备案材料", criteria(("eligibility", "施工企业资质与工程规模相符")), form="copy"),
                   material("施工图设计文件审查合格书", criteria(("validity", "审查合格并已备案")), form="electronic",
                            necessity="later", notes="可容缺受理，领证前补交"),
                   material("建设资金落实承诺书", criteria(("signature", "建设单位法定代表人签署")))],
        keywords="施工许可,施工许可证,开工许可,动工手续,建房施工证,开工证,工地施工许可",
        themes=BUILD, events=PROJECT, levels=["district"], depth=4, accept_with_gaps=True,
        result=("建筑工程施工许可证", "证照"),
    )
    cat.item(
        "ZJ", 5, "建设工程消防设计审查", subject=E,
        item_type="licensing", legal=15, promised=10,
        basis="《中华人民共和国消防法》第十一条；《建设工程消防设计审查验收管理暂行规定》（住房和城乡建设部令第58号）",
        conditions="特殊建设工程（如大型人员密集场所）的建设单位在施工前申请消防设计审查",
        materials=[form("特殊建设工程消防设计审查申请表"),
                   _plan("消防设计文件", ("eligibility", "符合国家工程建设消防技术标准"))],
        keywords="消防审查,消防设计审核,消防报建,消防设计审查,消防图纸审查",
        themes=BUILD, events=PROJECT, levels=["district"], depth=4, result=("特殊建设工程消防设计审查意见书", "批文"),
    )
    cat.item(
        "ZJ", 6, "建设工程消防验收", subject=E,
        item_type="licensing", legal=15, promised=10,
        basis="《中华人民共和国消防法》第十三条；《建设工程消防设计审查验收管理暂行规定》第二十六条",
        conditions="特殊建设工程竣工后，建设单位组织竣工验收前申请消防验收",
        materials=[form("特殊建设工程消防验收申请表"),
                   material("工程竣工验收报告及消防设施检测报告", criteria(
                       ("eligibility", "消防设施检测合格"), ("signature", "参建单位签章齐全")))],
        keywords="消防验收,消防竣工验收,工程消防验收",
        themes=BUILD, events=PROJECT, levels=["district"], result=("特殊建设工程消防验收意见书", "批文"),
    )
    cat.item(
        "ZJ", 7, "房屋建筑和市政基础设施工程竣工验收备案", subject=E,
        item_type="other_power", legal=15, promised=0,
        basis="《建设工程质量管理条例》第四十九条；《房屋建筑和市政基础设施工程竣工验收备案管理办法》",
        conditions="建设单位自工程竣工验收合格之日起15日内备案",
        materials=[form("工程竣工验收备案表"), material("工程竣工验收报告", criteria(
            ("signature", "建设、勘察、设计、施工、监理单位签章"), ("eligibility", "验收结论为合格")))],
        keywords="竣工备案,竣工验收备案,工程竣工备案",
        themes=BUILD, events=PROJECT, levels=["district"], depth=4, result=("竣工验收备案证明", "证明"),
    )
    cat.item(
        "ZJ", 8, "城镇污水排入排水管网许可", subject=E,
        item_type="licensing", legal=15, promised=0,
        basis="《城镇排水与污水处理条例》第二十一条；《城镇污水排入排水管网许可管理办法》",
        conditions="从事工业、建筑、餐饮、医疗等活动的排水户向城镇排水设施排放污水的",
        materials=[form("城镇污水排入排水管网许可申请表"), business_licence(),
                   material("排水户内部排水管网、预处理设施图", criteria(("eligibility", "雨污分流，设置检测井和预处理设施")))],
        keywords="排水许可,排污水入管网,排水证,污水排放许可,餐饮排水许可",
        themes=PERMITS, levels=["district"], depth=4, trust_first=TRUST_FIRST, result=("城镇污水排入排水管网许可证", "证照"),
    )
    cat.item(
        "ZJ", 9, "商品房预售许可", subject=E,
        item_type="licensing", legal=10, promised=5,
        basis="《中华人民共和国城市房地产管理法》第四十五条；《城市商品房预售管理办法》第七条",
        conditions="已交付全部土地使用权出让金并取得土地使用权证书，持有规划和施工许可，投入开发建设的资金达到工程建设总投资的25%以上",
        materials=[form("商品房预售许可申请表"), business_licence(), _land(),
                   material("工程施工进度证明", criteria(("eligibility", "投资达到总投资25%以上并确定竣工交付日期"))),
                   material("预售方案", criteria(("completeness", "载明房屋位置、面积、预售价格和监管账户")))],
        keywords="预售证,楼盘预售许可,商品房预售,预售许可证,楼花",
        themes=["工程建设", "不动产"], levels=["district"], result=("商品房预售许可证", "证照"),
    )
    cat.item(
        "HB", 1, "建设项目环境影响报告表审批", subject=E,
        item_type="licensing", legal=30, promised=10, legal_note="法定30日（《环境影响评价法》第二十二条）",
        basis="《中华人民共和国环境影响评价法》第二十二条；《建设项目环境保护管理条例》第九条",
        conditions="编制环境影响报告表的建设项目，在开工建设前报批",
        materials=[form("建设项目环境影响评价审批申请表"), business_licence(),
                   material("环境影响报告表（全本及删除涉密内容的公开版）", criteria(
                       ("completeness", "由具备能力的编制单位编制，编制人员信息完整"),
                       ("eligibility", "符合生态环境分区管控和污染物排放标准")))],
        keywords="环评,环评审批,环评批复,环境影响评价,环评报告表,办环评",
        themes=["环境保护", *BUILD], events=PROJECT, levels=["district"], depth=4,
        result=("环境影响报告表审批意见", "批文"),
    )
    cat.item(
        "HB", 2, "固定污染源排污登记", subject=E,
        item_type="other_power", legal=0, promised=0,
        basis="《排污许可管理条例》第二十四条；《固定污染源排污许可分类管理名录》",
        conditions="污染物产生量、排放量很小的排污单位，在全国排污许可证管理信息平台填报排污登记表",
        materials=[form("固定污染源排污登记表", signer="排污单位"), business_licence()],
        keywords="排污登记,排污备案,排污登记表,小企业排污",
        themes=["环境保护"], levels=["district"], depth=4, result=("排污登记回执", "其他"),
    )


def _operations(cat: Catalog) -> None:
    cat.item(
        "YJ", 1, "危险化学品经营许可（不带储存设施）", subject=E,
        item_type="licensing", legal=30, promised=10, power_source=2,
        basis="《危险化学品安全管理条例》第三十三条至第三十五条；《危险化学品经营许可证管理办法》",
        conditions="有符合国家标准的经营场所，主要负责人和安全管理人员经考核合格，有健全的安全管理制度和事故应急预案",
        materials=[form("危险化学品经营许可证申请表"), business_licence(),
                   material("主要负责人、安全管理人员安全合格证", criteria(("validity", "证书在有效期内"))),
                   material("安全生产管理制度和岗位操作规程", criteria(("completeness", "覆盖采购、销售、应急全过程"))),
                   material("生产安全事故应急救援预案", criteria(("validity", "已完成备案")))],
        keywords="危化品经营许可,卖油漆许可,危险品经营证,化工原料经营,危化品许可证,卖化工产品",
        themes=["安全生产", *PERMITS], levels=["district"], result=("危险化学品经营许可证", "证照"),
    )
    cat.item(
        "YJ", 2, "生产经营单位生产安全事故应急预案备案", subject=E,
        item_type="other_power", legal=0, promised=0,
        basis="《生产安全事故应急条例》第七条；《生产安全事故应急预案管理办法》第二十六条",
        conditions="生产经营单位在应急预案公布之日起20个工作日内备案",
        materials=[form("生产经营单位生产安全事故应急预案备案申报表"),
                   material("应急预案及评审意见", criteria(("completeness", "含综合预案、专项预案和现场处置方案"),
                                                   ("signature", "主要负责人签署公布")))],
        keywords="应急预案备案,安全预案备案,事故应急预案",
        themes=["安全生产"], levels=["district"], depth=4, result=("应急预案备案登记表", "其他"),
    )
    cat.item(
        "WG", 1, "娱乐场所经营许可", subject=E,
        item_type="licensing", legal=20, promised=10,
        basis="《娱乐场所管理条例》第九条；《娱乐场所管理办法》（文化部令第55号）",
        conditions="歌舞、游艺娱乐场所，场所建筑和设施符合消防、治安要求，投资人和从业人员无法定禁止情形",
        materials=[form("娱乐场所经营许可申请表"), business_licence(), _venue("娱乐"),
                   material("法定代表人、主要负责人、投资人无犯罪记录承诺", criteria(("signature", "相关人员逐一签署")))],
        keywords="开KTV,歌舞厅许可,娱乐场所许可,酒吧,开歌厅,游艺厅许可",
        themes=["文化体育", *PERMITS], events=["开办企业"], levels=["district"], result=("娱乐经营许可证", "证照"),
    )
    cat.item(
        "WG", 2, "互联网上网服务营业场所经营许可", subject=E,
        item_type="licensing", legal=20, promised=10,
        basis="《互联网上网服务营业场所管理条例》第七条、第十条",
        conditions="有与经营活动相适应的独立经营场所和计算机等设备，符合消防安全条件，距中小学校200米以外",
        materials=[form("网络文化经营许可申请表"), business_licence(), _venue("上网服务"),
                   material("网络安全技术措施方案", criteria(("eligibility", "安装经认证的上网服务场所管理系统")))],
        keywords="开网吧,网吧许可,电竞馆,网咖许可,开网咖",
        themes=["文化体育", *PERMITS], events=["开办企业"], levels=["district"], result=("网络文化经营许可证", "证照"),
    )
    cat.item(
        "WG", 3, "营业性演出许可（文艺表演团体）", subject=E,
        item_type="licensing", legal=20, promised=10, power_source=2,
        basis="《营业性演出管理条例》第六条",
        conditions="有与其演出业务相适应的专职演员和器材设备的文艺表演团体",
        materials=[form("营业性演出许可申请表"), business_licence(),
                   material("专职演员名单及身份证明", criteria(("eligibility", "专职演员人数与业务相适应")), form="copy")],
        keywords="演出许可,办演出,文艺表演团体,演出证,商演许可",
        themes=["文化体育", *PERMITS], levels=["district"], depth=4, result=("营业性演出许可证", "证照"),
    )
    cat.item(
        "WG", 4, "高危险性体育项目经营许可（游泳）", subject=E,
        item_type="licensing", legal=30, promised=10,
        basis="《全民健身条例》第三十二条；《经营高危险性体育项目许可管理办法》",
        conditions="游泳场所水质、救生设施符合国家标准，有取得国家职业资格证书的社会体育指导人员和救生员",
        materials=[form("经营高危险性体育项目申请书"), business_licence(), _venue("游泳"),
                   material("救生员、社会体育指导员职业资格证书", criteria(("eligibility", "人数按水面面积配备")), form="copy")],
        keywords="游泳馆许可,开游泳池,攀岩经营许可,游泳池经营许可,高危体育许可",
        themes=["文化体育", *PERMITS], levels=["district"], result=("高危险性体育项目经营许可证", "证照"),
    )
    cat.item(
        "JT", 3, "道路普通货物运输经营许可", subject=E,
        item_type="licensing", legal=20, promised=0,
        basis="《中华人民共和国道路运输条例》第二十一条、第二十四条；《道路货物运输及站场管理规定》",
        conditions="使用总质量4.5吨以上普通货运车辆从事经营，有符合要求的车辆、取得从业资格的驾驶人员和安全生产管理制度",
        materials=[form("道路货物运输经营申请表"), business_licence(),
                   material("拟投入车辆承诺书或车辆行驶证", criteria(("eligibility", "车辆技术等级符合要求"))),
                   material("驾驶人员从业资格证", criteria(("validity", "从业资格证有效")), form="copy",
                            source="settled", record_type="professional_qualification")],
        keywords="货运许可,道路运输许可证,开物流公司,货车运输证,道路运输经营许可证,货运资质",
        themes=["交通出行", *PERMITS], events=["开办企业"], levels=["district"], depth=4,
        trust_first=TRUST_FIRST, result=("道路运输经营许可证", "证照"),
    )
    cat.item(
        "JT", 4, "网络预约出租汽车运输证核发", subject=E,
        item_type="licensing", legal=20, promised=5,
        basis="《网络预约出租汽车经营服务管理暂行办法》第十二条、第十三条",
        conditions="7座及以下乘用车，安装具有行驶记录功能的车辆卫星定位装置和应急报警装置，车辆技术性能符合运营安全标准",
        materials=[form("网络预约出租汽车运输证申请表"), business_licence(),
                   material("机动车行驶证", criteria(("eligibility", "车辆使用性质登记为预约出租客运")), form="copy")],
        keywords="网约车运输证,车辆营运证,网约车证,网约车车辆证,网约车双证",
        themes=["交通出行", *PERMITS], levels=["district"], depth=4, result=("网络预约出租汽车运输证", "证照"),
    )
    cat.item(
        "JT", 5, "机动车维修经营备案", subject=E,
        item_type="other_power", legal=0, promised=0,
        basis="《中华人民共和国道路运输条例》第三十九条；《机动车维修管理规定》第八条",
        conditions="从事机动车维修经营的，向所在地交通运输主管部门备案",
        materials=[form("机动车维修经营备案表"), business_licence(),
                   material("维修设备设施及技术人员清单", criteria(("eligibility", "符合机动车维修业开业条件国家标准")))],
        keywords="汽修厂备案,开修车店,汽车维修备案,开汽修店,修车铺",
        themes=["交通出行", *PERMITS], events=["开办企业"], levels=["district"], depth=4, result=("备案回执", "其他"),
    )
    cat.item(
        "CG", 2, "城市户外广告和招牌设施设置审批", subject=E,
        item_type="licensing", legal=20, promised=0,
        basis="《城市市容和环境卫生管理条例》第十一条；《广东省城市市容和环境卫生管理规定》",
        conditions="设置户外广告设施，符合户外广告设置规划和安全技术规范；一般店铺招牌实行告知承诺",
        materials=[form("户外广告设施设置申请表"), business_licence(),
                   _plan("设置效果图及结构安全说明", ("eligibility", "尺寸、位置符合设置规范"))],
        keywords="招牌审批,广告牌,门头招牌,户外广告,招牌报批,挂招牌,LED广告屏",
        themes=["城市管理", *PERMITS], events=["开办企业"], levels=["district"], depth=4, trust_first=TRUST_FIRST,
        result=("户外广告设施设置许可决定书", "批文"),
    )
    cat.item(
        "CG", 3, "临时占用城市道路审批", subject=E,
        item_type="licensing", legal=20, promised=3,
        basis="《城市道路管理条例》第三十一条",
        conditions="因建设、搬家、活动等需要临时占用城市道路的，占用期限一般不超过1年",
        materials=[form("临时占用城市道路申请表"), legal_rep_id(),
                   material("占道位置平面图及交通疏导方案", criteria(("completeness", "标明占用范围、期限和安全措施")))],
        keywords="占道,占用道路,临时占道,占道审批,占用人行道,搭建临时设施占道",
        themes=["城市管理"], levels=["district"], depth=4, result=("临时占用城市道路许可决定书", "批文"),
    )
    cat.item(
        "CG", 4, "燃气经营许可", subject=E,
        item_type="licensing", legal=20, promised=15,
        basis="《城镇燃气管理条例》第十五条；《燃气经营许可管理办法》",
        conditions="符合燃气发展规划，有符合标准的燃气气源和设施，有固定的经营场所、安全管理制度和健全的经营方案，人员经专业培训考核合格",
        materials=[form("燃气经营许可申请表"), business_licence(),
                   material("燃气设施竣工验收合格文件", criteria(("eligibility", "验收合格并备案"))),
                   material("主要负责人、安全管理人员及运行维护抢修人员培训考核合格证明",
                            criteria(("validity", "证明在有效期内")))],
        keywords="燃气经营许可,卖煤气,液化气站,燃气许可证,开煤气站",
        themes=["城市管理", *PERMITS], levels=["district"], result=("燃气经营许可证", "证照"),
    )
    cat.item(
        "CG", 5, "城市建筑垃圾处置核准", subject=E,
        item_type="licensing", legal=20, promised=0,
        basis="《国务院对确需保留的行政审批项目设定行政许可的决定》第101项；《城市建筑垃圾管理规定》第七条",
        conditions="施工单位处置建筑垃圾，委托核准的运输单位并运至指定消纳场所",
        materials=[form("城市建筑垃圾处置核准申请表"), business_licence(),
                   material("运输合同及消纳场所证明", criteria(("eligibility", "运输单位和消纳场所经核准")))],
        keywords="余泥渣土,泥头车,建筑垃圾排放,建筑垃圾处置证,渣土排放证",
        themes=["城市管理", "工程建设"], events=PROJECT, levels=["district"], depth=4,
        result=("城市建筑垃圾处置核准决定书", "批文"),
    )
    cat.item(
        "CG", 6, "城市树木迁移、砍伐审批", subject=E,
        item_type="licensing", legal=20, promised=10,
        basis="《城市绿化条例》第二十一条；《广东省城市绿化条例》",
        conditions="因城市建设、树木危及安全等确需迁移或砍伐城市树木的",
        materials=[form("城市树木迁移砍伐申请表"), enterprise_agent(),
                   material("树木位置图及迁移（补植）方案", criteria(("completeness", "标明树种、胸径、数量和补植地点")))],
        keywords="砍树,迁移树木,修剪树木,砍伐树木审批,移树",
        themes=["城市管理", "环境保护"], levels=["district"], result=("树木迁移砍伐许可决定书", "批文"),
    )
    cat.item(
        "NY", 2, "农药经营许可", subject=E,
        item_type="licensing", legal=20, promised=10,
        basis="《农药管理条例》第二十四条、第二十五条；《农药经营许可管理办法》",
        conditions="有具备农学、植保等专业学历或经培训合格的经营人员，有与经营规模相适应的营业场所和仓储场所",
        materials=[form("农药经营许可申请表"), business_licence(),
                   material("经营人员学历或培训证明", criteria(("eligibility", "专业或培训符合要求")), form="copy"),
                   material("营业场所和仓储场所地址、面积及设施清单", criteria(("eligibility", "与其他商品、生活区域分隔")))],
        keywords="卖农药,农药经营许可证,农资店,开农药店",
        themes=["农业农村", *PERMITS], levels=["district"], depth=4, result=("农药经营许可证", "证照"),
    )
    cat.item(
        "NY", 3, "兽药经营许可", subject=E,
        item_type="licensing", legal=20, promised=10,
        basis="《兽药管理条例》第二十二条、第二十三条",
        conditions="有与所经营的兽药相适应的兽药技术人员、营业场所、设备、仓库设施和质量管理制度",
        materials=[form("兽药经营许可证申请表"), business_licence(),
                   material("兽药技术人员学历或职称证明", criteria(("eligibility", "具备相应专业学历或职称")), form="copy")],
        keywords="卖兽药,兽药店,兽药经营许可证,开兽药店",
        themes=["农业农村", *PERMITS], levels=["district"], result=("兽药经营许可证", "证照"),
    )
    cat.item(
        "NY", 4, "动物诊疗许可", subject=E,
        item_type="licensing", legal=20, promised=10,
        basis="《中华人民共和国动物防疫法》第六十一条、第六十二条；《动物诊疗机构管理办法》（农业农村部令2022年第5号）",
        conditions="有与诊疗活动相适应的场所、设施设备和执业兽医，场所距离畜禽养殖场、屠宰加工场所200米以上",
        materials=[form("动物诊疗许可证申请表"), business_licence(), _venue("诊疗"),
                   material("执业兽医资格证书及聘用合同", criteria(("eligibility", "执业兽医不少于规定人数")), form="copy")],
        keywords="开宠物医院,宠物诊所,动物诊疗许可证,宠物医院许可,开动物医院",
        themes=["农业农村", *PERMITS], events=["开办企业"], levels=["district"], result=("动物诊疗许可证", "证照"),
    )
    cat.item(
        "SWU", 1, "单用途商业预付卡备案", subject=E,
        item_type="other_power", legal=0, promised=0,
        basis="《单用途商业预付卡管理办法（试行）》（商务部令2012年第9号）第七条、第八条",
        conditions="零售、住宿餐饮、居民服务业企业发行单用途预付卡的，在开展业务之日起30日内备案",
        materials=[form("单用途商业预付卡发卡企业备案表"), business_licence(),
                   material("预付卡章程或简章", criteria(("completeness", "载明购卡、用卡、退卡规定及资金管理措施")))],
        keywords="预付卡备案,办会员卡备案,充值卡备案,储值卡备案,健身房预付卡",
        themes=PERMITS, levels=["district"], depth=4, result=("备案回执", "其他"),
    )
    cat.item(
        "SWU", 2, "再生资源回收经营者备案", subject=E,
        item_type="other_power", legal=0, promised=0,
        basis="《再生资源回收管理办法》（商务部令2007年第8号）第七条",
        conditions="从事再生资源回收经营活动的经营者，在取得营业执照后30日内备案",
        materials=[form("再生资源回收经营者备案登记表"), business_licence()],
        keywords="废品回收备案,收废品,回收站备案,开废品站,再生资源回收",
        themes=PERMITS, levels=["district", "street"], depth=4, result=("备案回执", "其他"),
    )


def _everyday(cat: Catalog) -> None:
    cat.item(
        "HB", 3, "建设项目环境影响登记表备案", subject=E,
        item_type="other_power", legal=0, promised=0,
        basis="《中华人民共和国环境影响评价法》第二十二条；《建设项目环境影响登记表备案管理办法》（环境保护部令第41号）",
        conditions="环境影响很小、不需要进行环境影响评价的建设项目，在建成投产前通过网上备案系统填报",
        materials=[form("建设项目环境影响登记表", signer="建设单位")],
        keywords="环评登记表,环评备案,环境影响登记表,小项目环评备案",
        themes=["环境保护"], events=PROJECT, levels=["district"], depth=4, result=("备案回执", "其他"),
    )
    cat.item(
        "NY", 5, "农作物种子经营备案", subject=E,
        item_type="other_power", legal=0, promised=0,
        basis="《中华人民共和国种子法》第三十八条；《农作物种子生产经营许可管理办法》第二十六条",
        conditions="专门经营不再分装的包装种子，或受具有种子生产经营许可证的企业书面委托代销种子的",
        materials=[business_licence(), form("农作物种子经营备案表", signer="经营者"),
                   material("委托代销合同（代销的提供）", criteria(("eligibility", "委托方持有有效的种子生产经营许可证")),
                            form="copy", necessity="optional")],
        keywords="卖种子,种子店备案,种子经营备案,开种子店",
        themes=["农业农村", *PERMITS], levels=["district", "street"], depth=4, result=("备案回执", "其他"),
    )
