"""The automatic reply checks without a database: each check failing and passing."""

from __future__ import annotations

from datetime import datetime

from onedoor.complaints import quality
from onedoor.core.calendar import SHANGHAI

QUESTION = "营业执照变更登记需要提交哪些材料？经营范围变更是否需要先办理许可证？"
GOOD = (
    "您好：营业执照变更登记需提交变更登记申请书、股东会决议和修改后的章程；经营范围变更涉及许可项目的，"
    "应先取得相关许可证再办理变更登记。如有疑问可拨打窗口电话。"
)
TEMPLATE = (
    "您好，您反映的问题已收悉，我单位高度重视，已责成相关科室认真研究处理，感谢您对我们工作的监督与支持。"
)


def result(results, code):
    return next(r for r in results if r.code == code)


def checks(reply, **kw):
    return quality.check_reply(
        kind=kw.pop("kind", "complaint"), question=kw.pop("question", QUESTION), reply=reply, **kw
    )


def test_an_empty_reply_fails_hard_and_punctuation_is_empty_too():
    for reply in ("", "   ", "。。！？ …"):
        assert result(checks(reply), "empty").hard_failure
    assert result(checks(GOOD), "empty").passed


def test_a_reply_shorter_than_the_kinds_minimum_fails():
    short = "已处理，谢谢。"
    assert not result(checks(short), "too_short").passed
    assert result(checks(short), "too_short").detail == {"length": 5, "minimum": 40}
    assert result(checks("需要带身份证原件和户口簿原件到窗口办理", kind="consultation"), "too_short").passed
    assert result(checks(GOOD), "too_short").passed


def test_a_copy_of_a_template_fails_and_a_filled_in_template_passes():
    copied = checks(TEMPLATE.replace("，", " "), templates=[TEMPLATE])
    assert result(copied, "template_copy").hard_failure
    assert result(copied, "template_copy").detail["source"] == "template"
    filled = TEMPLATE[:12] + GOOD
    assert result(checks(filled, templates=[TEMPLATE]), "template_copy").passed


def test_a_copy_of_an_earlier_reply_fails():
    again = checks(GOOD + "。", previous=["其他答复", GOOD])
    assert not result(again, "template_copy").passed
    assert result(again, "template_copy").detail["source"] == "previous_reply"


def test_a_reply_without_the_questions_key_terms_warns_but_is_not_a_hard_failure():
    evasive = "您好，您的来电已收到，我们将按规定认真研究，请耐心等候后续通知，感谢您的理解与支持。"
    found = result(checks(evasive), "no_answer")
    assert not found.passed and not found.hard_failure and found.detail["applied"]
    assert result(checks(GOOD), "no_answer").passed


def test_the_answer_check_is_not_applied_to_a_question_with_too_few_terms():
    found = result(checks(GOOD, question="请问？"), "no_answer")
    assert found.passed and found.detail["applied"] is False


def test_a_reply_after_the_deadline_is_late_but_not_sent_back():
    deadline = datetime(2025, 10, 14, 23, 59, 59, 999999, tzinfo=SHANGHAI)
    late = result(checks(GOOD, deadline=deadline, at=datetime(2025, 10, 15, 9, tzinfo=SHANGHAI)), "late")
    assert not late.passed and not late.hard_failure
    on_time = result(checks(GOOD, deadline=deadline, at=datetime(2025, 10, 14, 18, tzinfo=SHANGHAI)), "late")
    assert on_time.passed


def test_a_good_reply_passes_every_check():
    results = checks(GOOD, templates=[TEMPLATE])
    assert [r.code for r in results] == list(quality.CHECKS)
    assert all(r.passed for r in results)
    assert quality.hard_failures(results) == [] and quality.warnings(results) == []
