"""The maximum length of every free-text field, one place for the models and the forms.

Text past these lengths has no business in a sales record and would make pages and PDFs slow (see
salesops/pdf.py). Rows written before the limits existed kept their full text in ``OverflowText``
(the migrations' ``keep_overflow``).
"""

NAME = 50  # a person's or a prospect's name
SHORT = 500  # a one-line instruction, a product list
REASON = 1000  # why a plan was sent back, why a letter was rejected
TEXT = 2000  # remarks, summaries, feedback, needs, the letter
LONG = 10000  # documents: an investment plan, the month's sales plan, a work log, minutes

# model label → field → maximum length, for the data migration that bounds existing rows
BOUNDED_FIELDS: dict[str, dict[str, int]] = {
    "visits.Client": {"investment_experience": TEXT, "investment_needs": TEXT, "remarks": TEXT},
    "visits.Visit": {"summary": TEXT, "client_feedback": TEXT, "next_step": TEXT},
    "visits.InvestmentPlan": {"content": LONG, "products": SHORT},
    "visits.FailureAnalysis": {"notes": TEXT},
    "plans.VisitPlan": {"summary": TEXT, "return_reason": REASON},
    "plans.WorkLog": {"content": LONG, "tomorrow": TEXT},
    "plans.WorkLogComment": {"text": TEXT},
    "plans.MonthlySalesPlan": {"sales_plan": LONG, "reward_plan": LONG},
    "plans.CommitmentLetter": {"text": TEXT, "reject_reason": REASON},
    "plans.DailyFocus": {"instruction": SHORT},
    "plans.ManagerWeeklyPlan": {"own_items": LONG},
}
