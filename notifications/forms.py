from django import forms
from django.utils.translation import gettext_lazy as _

from salesops.forms import BaseForm


class PreferenceForm(BaseForm):
    email = forms.BooleanField(label=_("电子邮件"), required=False)
    team_robot = forms.BooleanField(label=_("团队群机器人（企业微信 / 钉钉）"), required=False)
