"""The default risk assessment questionnaire (风险承受能力评估问卷), editable in the admin.

Eight questions, choices scored 1–5 (8–40 points): C1 below 16, C2 16–21, C3 22–27, C4 28–33,
C5 from 34. Existing clients keep their 风险偏好 text (visits.Client.risk_preference, shown as
原风险偏好); their first assessment records it beside the new level.
"""

from django.db import migrations

QUESTIONS = [
    ("您的年龄段是？", ["60岁以上", "50–59岁", "40–49岁", "30–39岁", "18–29岁"]),
    (
        "您家庭的年收入约为？",
        ["10万元以下", "10万–30万元", "30万–50万元", "50万–100万元", "100万元以上"],
    ),
    (
        "您的投资经验有多长时间？",
        ["没有投资经验", "2年以内", "2–5年", "5–10年", "10年以上"],
    ),
    (
        "您投资过下列哪类产品中风险最高的一类？",
        [
            "银行存款、国债",
            "货币基金、债券基金",
            "股票、混合型基金",
            "私募基金、信托",
            "期货、期权等衍生品",
        ],
    ),
    ("您计划的投资期限是？", ["1年以内", "1–2年", "2–3年", "3–5年", "5年以上"]),
    (
        "您的投资目标是？",
        ["保本，不接受亏损", "稳定收益", "收益与风险平衡", "较高收益", "追求收益最大化"],
    ),
    (
        "您能承受的最大本金亏损是？",
        ["不能亏损", "5%以内", "5%–15%", "15%–30%", "30%以上"],
    ),
    (
        "用于投资的资金占您家庭金融资产的比例是？",
        ["70%以上", "50%–70%", "30%–50%", "10%–30%", "10%以下"],
    ),
]


def create(apps, schema_editor):
    Questionnaire = apps.get_model("suitability", "Questionnaire")
    Question = apps.get_model("suitability", "Question")
    Choice = apps.get_model("suitability", "Choice")
    if Questionnaire.objects.exists():
        return
    questionnaire = Questionnaire.objects.create(
        name="风险承受能力评估问卷（默认）",
        is_active=True,
        c2_min=16,
        c3_min=22,
        c4_min=28,
        c5_min=34,
    )
    for order, (text, choices) in enumerate(QUESTIONS, start=1):
        question = Question.objects.create(questionnaire=questionnaire, order=order, text=text)
        for score, choice in enumerate(choices, start=1):
            Choice.objects.create(question=question, order=score, text=choice, score=score)


class Migration(migrations.Migration):
    dependencies = [("suitability", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
