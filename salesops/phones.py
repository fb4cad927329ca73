"""Phone numbers of mainland China, validated and normalised with Google's libphonenumber
(``phonenumbers``): a mobile is stored as its 11 digits (13812345678), a landline as area code and
number (010-12345678, 0755-88889999), a number abroad as +<country><number>."""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

# what a person types around the digits: spaces, hyphens, dots, brackets and a leading +
ALLOWED = re.compile(r"^\+?[\d\s\-().]+$")


def normalize_phone(text: str) -> str | None:
    """The number in its stored form, '' for nothing typed, or None when it is not a valid number.

    Letters are refused before parsing: libphonenumber reads them as keypad digits (vanity numbers),
    so "138abcd5678" would otherwise pass as 138 2223 5678."""
    text = (text or "").strip()
    if not text:
        return ""
    if not ALLOWED.match(text):
        return None
    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    if number.country_code != 86:
        return phonenumbers.format_number(number, PhoneNumberFormat.E164)
    national = str(number.national_number)
    if phonenumbers.number_type(number) == PhoneNumberType.MOBILE:
        return national
    area = phonenumbers.length_of_geographical_area_code(number)
    if area:
        return f"0{national[:area]}-{national[area:]}"
    return f"0{national}" if not national.startswith(("400", "800")) else national


def phone_e164(text: str | None) -> str:
    """The number's key for "is this the same number": E.164 (+8613812345678), whatever way it was
    typed or stored (13812345678, 138 1234 5678, +86 138-1234-5678, 010-12345678); '' when nothing
    or no valid number is there (such a phone is not checked for duplicates).

    ``visits.Client.phone_normalized`` holds it; the database keeps it unique among live clients."""
    text = (text or "").strip()
    if not text or not ALLOWED.match(text):
        return ""
    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(number):
        return ""
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)
