"""Materials many items ask for, each with its standardized review criteria (审查要点).

Materials whose content the district already holds as verified records (数据沉淀) have source "settled" and a
record type, so a later issue can waive them when the applicant's record is on file.
"""

from __future__ import annotations

from onedoor.demo.data._build import criteria, material


def id_card(who: str = "申请人", *, necessity: str = "required") -> dict:
    return material(
        f"{who}居民身份证",
        criteria(
            ("validity", "居民身份证在有效期内（临时居民身份证亦可）"),
            ("identity", f"证件照片与{who}本人相符，人证核验通过"),
        ),
        necessity=necessity,
        source="settled",
        record_type="id_card",
        source_department="公安机关",
        notes="现场出示原件，窗口读卡核验，无需复印",
    )


def hukou(who: str = "申请人", *, necessity: str = "required") -> dict:
    return material(
        f"{who}居民户口簿",
        criteria(
            ("consistency", f"户口簿首页与{who}本人页齐全，姓名、公民身份号码与身份证一致"),
            ("validity", "户口簿有户口登记机关印章，无涂改"),
        ),
        necessity=necessity,
        source="settled",
        record_type="household_register",
        source_department="公安机关",
    )


def marriage_cert(*, necessity: str = "required") -> dict:
    return material(
        "结婚证",
        criteria(
            ("consistency", "结婚证持证人姓名、身份证件号码与申请人身份证一致"),
            ("validity", "结婚证有婚姻登记机关钢印，登记日期清晰"),
        ),
        necessity=necessity,
        source="settled",
        record_type="marriage",
        source_department="婚姻登记机关",
    )


def photo(spec: str = "近期二寸正面免冠白底彩色照片", copies: int = 2) -> dict:
    return material(
        spec,
        criteria(
            ("format", "照片为近6个月内拍摄，正面免冠，背景颜色符合要求"),
            ("identity", "照片人像与申请人本人相符"),
        ),
        copies=copies,
        notes="可在大厅自助照相机现场拍摄",
    )


def form(title: str, *, signer: str = "申请人", necessity: str = "required") -> dict:
    return material(
        f"《{title}》",
        criteria(
            ("completeness", "表格各栏填写完整，无漏项"),
            ("signature", f"{signer}本人签名（或盖章）"),
            ("consistency", "填写内容与所附证件信息一致"),
        ),
        necessity=necessity,
        blank_form=f"{title}（空白表）",
        sample=f"{title}（填写样例）",
        notes="可在窗口或自助填表机填写，网上申请时由系统根据已沉淀信息自动生成",
    )


def commitment(title: str = "告知承诺书") -> dict:
    return material(
        f"《{title}》",
        criteria(
            ("signature", "申请人本人签署承诺书，签署日期清晰"),
            ("completeness", "承诺事项逐项勾选，未作修改或附加条件"),
        ),
        blank_form=f"{title}（空白表）",
        sample=f"{title}（填写样例）",
        notes="承诺内容不实的，依法撤销办理结果并记入信用记录",
    )


def agent(*, who: str = "申请人") -> dict:
    return material(
        "委托书及受托人居民身份证（委托他人代办的提供）",
        criteria(
            ("signature", f"委托书由{who}本人签名，写明委托事项和权限"),
            ("identity", "受托人身份证在有效期内，人证相符"),
        ),
        necessity="optional",
        blank_form="授权委托书（空白表）",
    )


def bank_account(who: str = "申请人") -> dict:
    return material(
        f"{who}本人社会保障卡或银行账户信息",
        criteria(
            ("consistency", f"账户户名与{who}姓名一致"),
            ("validity", "账户为正常状态，可接收转账"),
        ),
        form="copy",
        source="settled",
        record_type="social_security_card",
        source_department="人力资源和社会保障部门",
    )


def business_licence(*, necessity: str = "required") -> dict:
    return material(
        "营业执照",
        criteria(
            ("validity", "营业执照在有效期内，市场主体状态为存续"),
            ("consistency", "名称、统一社会信用代码与申请表一致"),
        ),
        form="copy",
        necessity=necessity,
        source="settled",
        record_type="business_licence",
        source_department="市场监督管理部门",
        notes="已在本区登记的市场主体由系统调取电子营业执照，无需提交",
    )


def legal_rep_id() -> dict:
    return material(
        "法定代表人（负责人）居民身份证",
        criteria(
            ("validity", "身份证在有效期内"),
            ("consistency", "姓名与营业执照登记的法定代表人（负责人）一致"),
        ),
        form="copy",
        source="settled",
        record_type="id_card",
        source_department="公安机关",
    )


def enterprise_agent() -> dict:
    return material(
        "授权委托书及经办人居民身份证（非法定代表人办理的提供）",
        criteria(
            ("signature", "委托书加盖单位公章，写明委托事项、权限和期限"),
            ("identity", "经办人身份证在有效期内，人证相符"),
        ),
        necessity="optional",
        blank_form="单位授权委托书（空白表）",
    )


def property_cert(*, necessity: str = "required") -> dict:
    return material(
        "不动产权证书（或房屋所有权证、国有土地使用证）",
        criteria(
            ("consistency", "权利人、坐落、不动产单元号与登记簿记载一致"),
            ("validity", "证书无注销、查封、异议记载，或已如实告知"),
        ),
        necessity=necessity,
        source="settled",
        record_type="property_certificate",
        source_department="不动产登记机构",
    )


def birth_medical_cert() -> dict:
    return material(
        "《出生医学证明》",
        criteria(
            ("authenticity", "出生医学证明编号经全国出生医学证明信息系统核验真实有效"),
            ("consistency", "新生儿姓名、性别、出生日期与申请表一致，父母信息与身份证一致"),
        ),
        source="settled",
        record_type="birth_certificate",
        source_department="助产医疗机构（卫生健康部门）",
    )


def disability_cert(*, necessity: str = "required") -> dict:
    return material(
        "《中华人民共和国残疾人证》",
        criteria(
            ("validity", "残疾人证在有效期内，已完成年度核查"),
            ("eligibility", "残疾类别和等级符合本事项条件"),
        ),
        necessity=necessity,
        source="settled",
        record_type="disability_certificate",
        source_department="残疾人联合会",
    )


def lease_or_deed(*, necessity: str = "required") -> dict:
    return material(
        "住所证明：不动产权证书或经登记备案的房屋租赁合同",
        criteria(
            ("consistency", "房屋坐落与申请登记的住所（经营场所）地址一致"),
            ("validity", "租赁合同在有效期内，出租人为产权人或有权转租人"),
        ),
        form="copy",
        necessity=necessity,
        notes="本区已登记的房屋由系统核验产权信息，只需提交租赁合同",
    )
