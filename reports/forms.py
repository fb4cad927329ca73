"""Validation only; reports.services decides and acts."""

from salesops.forms import BaseForm, OnceMixin


class WeekSubmitForm(OnceMixin, BaseForm):
    """一键上报 on the office's board: only the one-time key, so that a double click (or the back
    button and a resend) freezes the week once."""
