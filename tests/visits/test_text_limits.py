"""Text over a field's limit is never cut in the browser (no maxlength on a limited textarea, a
counter instead: static/js/app.js) and the refusal names the field in Chinese."""

import re

import pytest
from django.urls import reverse

from accounts.models import User
from visits.forms import VisitForm
from visits.models import Client, Visit

pytestmark = pytest.mark.django_db


def test_a_limited_textarea_has_a_counter_not_a_cut():
    form = VisitForm(clients=Client.objects.none(), shortlist=[], analysts=User.objects.none())
    html = str(form["summary"])
    assert 'data-maxlength="2000"' in html and "maxlength=" not in html.replace(
        "data-maxlength", ""
    )
    assert "请删去 {n} 字" in html


def test_over_the_limit_the_field_is_named_and_the_text_kept(
    client_as, salesperson, prospect, today
):
    typed = "访" * 2345
    response = client_as(salesperson).post(
        reverse("visits:visit_log"),
        {
            "client": prospect.pk,
            "date": today.isoformat(),
            "kind": "phone",
            "purpose": "first",
            "summary": typed,
            "client_feedback": "好" * 2001,
        },
    )
    text = response.content.decode()
    assert "拜访情况最多 2000 字（现在 2345 字）" in text
    assert "客户反馈最多 2000 字（现在 2001 字）" in text
    assert "this variable" not in text and "该变量" not in text
    assert re.search(r"<textarea[^>]*>\s*" + typed + r"</textarea>", text)  # nothing dropped
    assert not Visit.objects.exists()


def test_the_counter_script_is_in_the_shared_script():
    from pathlib import Path

    from django.conf import settings

    script = (Path(settings.BASE_DIR) / "static/js/app.js").read_text()
    assert "textarea[data-maxlength]" in script and "text-danger" in script
