"""Validation and layout only; the services decide and act."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from salesops import limits
from salesops.forms import BaseForm, OnceMixin, VersionField

from .models import InvestorClass, Questionnaire


class AssessmentForm(OnceMixin, BaseForm):
    """One radio group per question of the questionnaire (``q<id>``). Unanswered questions are left
    to the service, which names them all at once."""

    investor_class = forms.ChoiceField(
        label=_("投资者类别"), choices=InvestorClass.choices, initial=InvestorClass.ORDINARY
    )

    def __init__(self, *args, questionnaire: Questionnaire | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = []
        if questionnaire is None:
            return
        for n, question in enumerate(questionnaire.questions.order_by("order", "pk"), start=1):
            name = f"q{question.pk}"
            self.fields[name] = forms.TypedChoiceField(
                label=f"{n}. {question.text}",
                choices=[(c.pk, c.text) for c in question.choices.order_by("order", "pk")],
                coerce=int,
                widget=forms.RadioSelect,
                required=False,
            )
            self.questions.append((question, name))
        # the investor class after the questions
        self.order_fields([name for _q, name in self.questions] + ["investor_class"])

    def answers(self) -> dict[int, int | None]:
        return {
            question.pk: self.cleaned_data.get(name) or None for question, name in self.questions
        }


class DecisionForm(BaseForm):
    version = VersionField()
    comment = forms.CharField(
        label=_("审批意见"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=limits.REASON,
        required=False,
    )
