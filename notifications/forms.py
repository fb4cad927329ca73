from django import forms
from django.utils.translation import gettext_lazy as _

from salesops.forms import BaseForm

from .models import Channel


class PreferenceForm(BaseForm):
    email = forms.BooleanField(label=_("电子邮件"), required=False)
    team_robot = forms.BooleanField(label=_("团队群机器人（企业微信 / 钉钉）"), required=False)

    def __init__(self, *args, offered: tuple[str, ...] = ("email", "team_robot"), **kwargs):
        """Only the channels configured for this person are offered (an e-mail address on the
        account; an active group robot of the team)."""
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in offered:
                del self.fields[name]


class TeamRobotForm(BaseForm):
    kind = forms.ChoiceField(
        label=_("类型"),
        choices=[(Channel.WECOM, Channel.WECOM.label), (Channel.DINGTALK, Channel.DINGTALK.label)],
    )
    webhook_url = forms.CharField(label=_("Webhook 地址"), max_length=500)
    secret = forms.CharField(
        label=_("加签密钥（钉钉）"),
        max_length=200,
        required=False,
        help_text=_("钉钉机器人开启“加签”时填写；企业微信不需要。"),
    )
    active = forms.BooleanField(label=_("启用"), required=False, initial=True)
