"""Civil affairs (区民政局) and the district archives (区档案馆): marriage registration, elderly care
allowances, social assistance, adoption, funeral subsidies and records from the archives."""

from __future__ import annotations

from onedoor.demo.data._build import Catalog, criteria, material, stages_custom
from onedoor.demo.data._materials import agent, bank_account, form, hukou, id_card, marriage_cert, photo
from onedoor.demo.data._text import GAPS_NOTE, TRUST_FIRST_PERSON

# One compact description per row, as in a catalog table: the formatter would put every field on its own
# line and double the length of the module without making it clearer.
# fmt: off

MARRIAGE_LAW = "《中华人民共和国民法典》第一千零四十九条；《婚姻登记条例》"
MARRIAGE = ["婚姻登记"]
ALL = ["district", "street", "community"]
ASSISTANCE = "《社会救助暂行办法》（国务院令第649号）"


def _declaration(title: str) -> dict:
    return material(
        f"《{title}》",
        criteria(
            ("signature", "当事人在婚姻登记员面前亲笔签署"),
            ("completeness", "声明事项完整，未作修改"),
        ),
        blank_form=f"{title}（空白表）",
        notes="在婚姻登记处当场填写签署",
    )


def _survey_stages(result: str) -> list[dict]:
    return stages_custom(
        ("accept", "申请和受理", "window_generalist", 10, "镇街或村居综合窗口受理申请，核验身份，告知家庭经济状况核查授权事项"),
        ("undertake", "入户调查", "undertaker", 35, "承办人会同村（居）委会入户调查，开展家庭经济状况信息核对，形成调查报告"),
        ("other", "民主评议与公示", "undertaker", 15, "在申请人所在村（居）公示调查结果7天，公示期内无异议"),
        ("review", "审核", "reviewer", 15, "审核人复核调查报告、核对结果与公示情况，提出审核意见"),
        ("approve", "审批", "approver", 15, "作出批准或不予批准的决定，不予批准的书面说明理由"),
        ("complete", "办结", "undertaker", 10, f"发放{result}，次月起按月发放救助金"),
    )


def add(cat: Catalog) -> None:
    cat.item(
        "MZ", 1, "内地居民结婚登记",
        item_type="confirmation", legal=0, promised=0, legal_note="符合条件的当场予以登记",
        basis=f"{MARRIAGE_LAW}第四条至第七条",
        conditions="男女双方完全自愿，男年满22周岁、女年满20周岁，双方均无配偶，且无直系血亲和三代以内旁系血亲关系，双方亲自到场",
        materials=[id_card("男女双方"), photo("近期半身免冠2寸双人合影彩色照片", copies=3),
                   _declaration("申请结婚登记声明书")],
        keywords="领证,领结婚证,结婚登记,扯证,登记结婚,办结婚证,结婚,打结婚证,去民政局领证,结婚手续",
        themes=MARRIAGE, events=["结婚"], levels=["district"], appointment=True,
        visits_reason="法律规定男女双方须亲自到婚姻登记处办理",
        result=("结婚证", "证照"), hours="周一至周六 9:00-12:00、13:30-17:00（2月14日、5月20日等特殊日期另行公告）",
    )
    cat.item(
        "MZ", 2, "内地居民离婚登记",
        item_type="confirmation", legal=0, promised=0,
        legal_note="离婚冷静期30日（自然日）届满后30日内双方共同申请发证，符合条件的当场发给离婚证",
        basis="《中华人民共和国民法典》第一千零七十六条、第一千零七十七条；《婚姻登记条例》第十条至第十三条",
        conditions="双方自愿离婚并对子女抚养、财产及债务处理等事项协商一致，双方亲自到场",
        materials=[id_card("男女双方"), marriage_cert(), photo("近期2寸单人免冠彩色照片", copies=2),
                   material("双方签署的离婚协议书",
                            criteria(("completeness", "协议载明自愿离婚、子女抚养、财产及债务处理事项"),
                                     ("signature", "双方在婚姻登记员面前签名")),
                            copies=3)],
        keywords="离婚,办离婚,协议离婚,离婚证,离婚登记,离婚手续,离婚冷静期",
        themes=MARRIAGE, events=["离婚"], levels=["district"], visits=2,
        visits_reason="离婚冷静期制度要求双方两次亲自到场：申请一次，冷静期满后申请发证一次",
        result=("离婚证", "证照"),
    )
    cat.item(
        "MZ", 3, "补领结婚证、离婚证",
        item_type="confirmation", legal=0, promised=0,
        basis="《婚姻登记条例》第十七条",
        conditions="结婚证、离婚证遗失或损毁，婚姻登记档案可查的，当事人可申请补领",
        materials=[id_card(), photo("近期2寸免冠彩色照片（结婚证为双人合影）", copies=2),
                   form("申请补领婚姻登记证声明书", signer="当事人")],
        keywords="结婚证丢了,补结婚证,结婚证遗失,离婚证丢了,补领离婚证,结婚证补办,结婚证坏了",
        themes=MARRIAGE, levels=["district"], result=("结婚证（补）或离婚证（补）", "证照"),
    )
    cat.item(
        "MZ", 4, "婚姻登记记录证明出具",
        item_type="public_service", legal=0, promised=0,
        basis="《婚姻登记档案管理办法》（民政部 国家档案局令第32号）第十四条、第十五条",
        conditions="当事人本人（或持委托书的代理人）需要证明在本区的婚姻登记记录的；无记录的出具无婚姻登记记录证明",
        materials=[id_card(), agent()],
        keywords="开单身证明,婚姻状况证明,未婚证明,婚姻证明,查婚姻记录,结婚记录证明,单身证明,无婚姻登记记录证明,查结过几次婚",
        themes=MARRIAGE, levels=["district"], depth=4, visits=0, kiosk=True,
        result=("婚姻登记记录证明", "证明"),
    )
    cat.item(
        "MZ", 5, "高龄老人津贴申领",
        item_type="payment", legal=20, promised=0, legal_note="先信任、再审核：签署诚信确认书后当场核定，次月起发放，事后核查",
        basis="《中华人民共和国老年人权益保障法》第三十三条；《广东省老年人权益保障条例》",
        conditions="本区户籍、年满80周岁的老年人，按年龄段按月发放高龄津贴",
        materials=[id_card("老年人"), hukou("老年人"), bank_account("老年人"), agent(who="老年人"),
                   form("高龄老人津贴申请表", signer="老年人或代理人")],
        keywords="高龄津贴,老人补贴,80岁补贴,长寿金,老年人津贴,高龄补助,老人领钱,八十岁老人补贴,长寿保健金",
        themes=["老年人", "社会保障"], events=["养老"], levels=ALL, depth=4, trust_first=TRUST_FIRST_PERSON,
        result=("高龄津贴发放通知", "其他"),
    )
    cat.item(
        "MZ", 6, "最低生活保障申请",
        item_type="payment", legal=30, promised=20, exercise_level="street", power_source=2,
        basis=f"{ASSISTANCE}第九条至第十一条；《广东省最低生活保障制度实施办法》",
        conditions="共同生活的家庭成员人均收入低于本市最低生活保障标准，且家庭财产状况符合规定的本区户籍家庭",
        materials=[id_card("家庭成员"), hukou("家庭成员"), form("最低生活保障申请书", signer="申请人"),
                   material("家庭经济状况核对授权书",
                            criteria(("signature", "共同生活家庭成员均签名授权"), ("completeness", "家庭成员无遗漏")),
                            blank_form="家庭经济状况核对授权书（空白表）"),
                   material("家庭成员收入情况说明（可由村居协助填写）",
                            criteria(("completeness", "逐人列明工资、经营、财产性及转移性收入")),
                            necessity="later", notes=GAPS_NOTE)],
        keywords="低保,吃低保,生活困难补助,申请低保,最低生活保障,家里困难补助,困难家庭救助,穷困补助",
        themes=["社会救助", "社会保障"], events=["困难救助"], levels=["street", "community"],
        accept_with_gaps=True, stages=_survey_stages("最低生活保障证"), result=("最低生活保障证", "证照"),
    )
    cat.item(
        "MZ", 7, "特困人员救助供养申请",
        item_type="payment", legal=30, promised=20, exercise_level="street", power_source=2,
        basis=f"{ASSISTANCE}第十四条至第十八条；《广东省特困人员救助供养实施办法》",
        conditions="无劳动能力、无生活来源、无法定赡养抚养扶养义务人或其义务人无履行能力的老年人、残疾人和未成年人",
        materials=[id_card(), hukou(), form("特困人员救助供养申请书"),
                   material("劳动能力证明：残疾人证或医疗机构诊断证明（年满60周岁的免交）",
                            criteria(("eligibility", "能证明申请人丧失劳动能力")), form="copy")],
        keywords="五保户,特困供养,无依无靠老人,孤寡老人救助,特困人员,五保",
        themes=["社会救助", "老年人"], events=["困难救助"], levels=["street", "community"],
        stages=_survey_stages("特困人员救助供养证"), result=("特困人员救助供养证", "证照"),
    )
    cat.item(
        "MZ", 8, "临时救助申请",
        item_type="payment", legal=15, promised=5, exercise_level="street", power_source=2,
        basis=f"{ASSISTANCE}第四十七条至第五十条；《广东省临时救助办法》",
        conditions="因火灾、交通事故、突发重大疾病等导致基本生活暂时出现严重困难的家庭或个人；情况紧急的先行救助",
        materials=[id_card(), form("临时救助申请书"),
                   material("困难情况证明：医疗费用票据、事故证明等",
                            criteria(("eligibility", "能证明突发性、临时性困难")), form="copy",
                            necessity="later", notes=GAPS_NOTE)],
        keywords="临时困难,急难救助,突发困难,临时救助,家里出事没钱,大病救助,火灾救助",
        themes=["社会救助"], events=["困难救助"], levels=ALL, accept_with_gaps=True,
        result=("临时救助决定书", "批文"),
    )
    cat.item(
        "MZ", 9, "广东省老年人优待证办理",
        item_type="public_service", legal=0, promised=0,
        basis="《中华人民共和国老年人权益保障法》第五十七条；《广东省老年人权益保障条例》",
        conditions="年满60周岁的本省户籍老年人及在本区居住的外省籍老年人",
        materials=[id_card("老年人"), photo("近期1寸免冠彩色照片（可现场拍摄）", copies=1)],
        keywords="老人证,老年证,敬老卡,优待证,老人坐车免费,老年人优待证,长者证,60岁老人证",
        themes=["老年人"], events=["养老"], levels=ALL, kiosk=True, result=("广东省老年人优待证", "证照"),
    )
    cat.item(
        "MZ", 10, "基本殡葬服务费用减免",
        item_type="payment", legal=0, promised=0,
        basis="《殡葬管理条例》；《广东省殡葬管理规定》；《佛山市惠民殡葬实施办法》",
        conditions="本区户籍居民去世后在本市殡仪馆火化的，免除遗体接运、暂存、火化和骨灰寄存等基本殡葬服务费",
        materials=[id_card("经办人"), material("《居民死亡医学证明（推断）书》",
                                               criteria(("authenticity", "证明由医疗机构或公安机关出具并盖章"))),
                   hukou("逝者")],
        keywords="丧葬费减免,火化费减免,殡葬补贴,老人去世火化,殡葬费用,丧事补贴,办丧事,火化免费",
        themes=["殡葬"], events=["身故"], levels=ALL, trust_first=TRUST_FIRST_PERSON,
        result=("殡葬服务费减免凭证", "其他"),
    )
    cat.item(
        "MZ", 11, "孤儿、事实无人抚养儿童基本生活费申领",
        item_type="payment", legal=30, promised=15, exercise_level="street",
        basis="《国务院办公厅关于加强孤儿保障工作的意见》；《民政部等12部门关于进一步加强事实无人抚养儿童保障工作的意见》",
        conditions="本区户籍、父母双方死亡或失踪，或父母均无力履行抚养义务的未满18周岁儿童",
        materials=[hukou("儿童"), id_card("监护人"), bank_account("监护人"),
                   material("父母死亡证明、失踪宣告或服刑、重残等证明",
                            criteria(("eligibility", "证明能够认定父母均无力履行抚养义务"),
                                     ("authenticity", "证明加盖出具机关印章"))),
                   form("孤儿及事实无人抚养儿童基本生活保障申请表", signer="监护人")],
        keywords="孤儿补贴,事实无人抚养儿童,孤儿生活费,没人养的孩子,困境儿童补助",
        themes=["社会救助", "未成年人"], levels=["street", "community"], result=("基本生活费发放通知", "其他"),
    )
    cat.item(
        "MZ", 12, "收养登记",
        item_type="confirmation", legal=30, promised=20,
        basis="《中华人民共和国民法典》第一千零九十三条至第一千一百零五条；《中国公民收养子女登记办法》",
        conditions="收养人无子女或只有一名子女，有抚养、教育和保护被收养人的能力，年满30周岁，无不利于被收养人健康成长的违法犯罪记录",
        materials=[id_card("收养人"), hukou("收养人"), photo("收养人与被收养人2寸合影", copies=3),
                   material("收养人所在单位或村（居）委会出具的婚姻、子女及抚养能力证明",
                            criteria(("completeness", "载明婚姻状况、有无子女、抚养教育能力"),
                                     ("authenticity", "出具单位盖章"))),
                   material("县级以上医疗机构出具的收养人健康检查证明",
                            criteria(("eligibility", "未患有医学上认为不应当收养子女的疾病"))),
                   form("收养登记申请书", signer="收养人")],
        keywords="领养孩子,收养小孩,抱养登记,收养登记,领养登记,收养子女",
        themes=["生育收养"], events=["生育"], levels=["district"], visits=2,
        visits_reason="收养关系当事人须亲自到场，调查评估后再到场领证", result=("收养登记证", "证照"),
    )
    cat.item(
        "MZ", 13, "经济困难失能老年人养老服务补贴申领",
        item_type="payment", legal=20, promised=10, exercise_level="street",
        basis="《中华人民共和国老年人权益保障法》第三十七条；《广东省养老服务条例》",
        conditions="本区户籍、年满60周岁，属低保、低收入或特困家庭，经能力评估为失能或半失能的老年人",
        materials=[id_card("老年人"), bank_account("老年人"),
                   material("老年人能力评估报告", criteria(("eligibility", "评估结论为失能或半失能"),
                                                          ("validity", "评估在一年有效期内")),
                            source="department", source_department="第三方评估机构"),
                   form("养老服务补贴申请表", signer="老年人或代理人")],
        keywords="失能老人补贴,护理补贴老人,养老服务补贴,卧床老人补贴,居家养老补贴",
        themes=["老年人", "社会保障"], events=["养老"], levels=["street", "community"],
        result=("养老服务补贴核定通知", "其他"),
    )
    cat.item(
        "MZ", 14, "长者饭堂助餐补贴申请",
        item_type="public_service", legal=0, promised=0, exercise_level="community",
        basis="《广东省养老服务条例》第二十一条；《佛山市禅城区长者饭堂建设运营管理办法》",
        conditions="本区户籍年满60周岁的老年人，在区内长者饭堂就餐可按类别享受助餐补贴",
        materials=[id_card("老年人")],
        keywords="长者饭堂,老人吃饭补贴,老人饭堂,老年食堂,助餐补贴,老人饭卡",
        themes=["老年人"], events=["养老"], levels=ALL, kiosk=True, result=("助餐补贴资格（饭卡）", "其他"),
    )
    # the district archives (区档案馆)
    cat.item(
        "DA", 1, "民生档案查询（知青、招工、退伍档案）",
        item_type="public_service", legal=0, promised=0,
        basis="《中华人民共和国档案法》第二十八条；《各级国家档案馆开放档案办法》",
        conditions="本人或持委托书的亲属查询本人知青上山下乡、招工、退伍安置等民生档案，用于退休工龄认定等",
        materials=[id_card(), agent()],
        keywords="查档案,档案查询,知青档案,查工龄档案,退休查档案,招工档案,下乡档案,查我的档案",
        themes=["档案文物"], events=["退休"], levels=["district", "street"], depth=4, visits=0,
        result=("档案查询证明（加盖档案馆印章）", "证明"),
    )
    cat.item(
        "DA", 2, "馆藏档案查阅复制",
        item_type="public_service", legal=0, promised=0,
        basis="《中华人民共和国档案法》第二十八条；《中华人民共和国档案法实施条例》",
        conditions="单位或个人持合法证明查阅、复制区档案馆已开放的馆藏档案",
        materials=[id_card(), form("档案查阅利用登记表", signer="查阅人")],
        keywords="复印档案,查阅档案,调档,档案复制,查历史档案,档案馆查资料",
        themes=["档案文物"], levels=["district"], result=("档案复制件（加盖档案馆证明章）", "证明"),
    )
    cat.item(
        "MZ", 17, "最低生活保障证明开具",
        item_type="public_service", legal=0, promised=0,
        basis="《社会救助暂行办法》（国务院令第649号）第十二条；《广东省最低生活保障制度实施办法》",
        conditions="本区在册最低生活保障对象，因就医、就学、减免费用等需要证明低保身份的",
        materials=[id_card()],
        keywords="低保证明,开低保证明,困难证明,低保户证明,困难户证明",
        themes=["社会救助"], levels=ALL, depth=4, kiosk=True, result=("最低生活保障对象证明", "证明"),
    )
