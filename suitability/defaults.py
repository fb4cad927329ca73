"""The default risk assessment questionnaire (风险承受能力评估问卷), shipped by the data migration
suitability/0002 and put back by ``create_default`` wherever it is missing (the demo, the tests:
a flushed database). Plain data only, so that the migration can use it with its historical models.

Eight questions, choices scored 1–5 (8–40 points): C1 below 16, C2 16–21, C3 22–27, C4 28–33,
C5 from 34.
"""

NAME = "风险承受能力评估问卷（默认）"
THRESHOLDS = {"c2_min": 16, "c3_min": 22, "c4_min": 28, "c5_min": 34}

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


def create_default(Questionnaire, Question, Choice):
    """The default questionnaire, in use, unless a questionnaire exists already."""
    if Questionnaire.objects.exists():
        return Questionnaire.objects.filter(is_active=True).first()
    questionnaire = Questionnaire.objects.create(name=NAME, is_active=True, **THRESHOLDS)
    for order, (text, choices) in enumerate(QUESTIONS, start=1):
        question = Question.objects.create(questionnaire=questionnaire, order=order, text=text)
        for score, choice in enumerate(choices, start=1):
            Choice.objects.create(question=question, order=score, text=choice, score=score)
    return questionnaire
