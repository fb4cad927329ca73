"""Every URL of the project, enumerated from the resolver, sends an anonymous user to the login page.

A new view cannot escape this test: it is found by walking the URL patterns, not listed by hand.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# reachable without logging in, on purpose
PUBLIC = {"accounts:login", "set_language"}
# Django admin has its own login page and is covered by Django's own tests
SKIP_NAMESPACES = {"admin"}

SAMPLE_VALUES = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "path": "x",
    "uuid": "00000000-0000-0000-0000-000000000001",
}


def iter_patterns(patterns=None, prefix="", namespace=None):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            if ns in SKIP_NAMESPACES:
                continue
            yield from iter_patterns(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield name, prefix + str(p.pattern)


def sample_path(route: str) -> str:
    """Turn a route like 'visits/clients/<int:pk>/' into a concrete path with sample values."""

    def fill(match):
        converter = match.group(1) or "str"
        name = match.group(2)
        if "period" in name:
            return "2026-W47" if "week" in route else "2026-11"
        if name == "code":
            return "weekly-plan"
        return SAMPLE_VALUES.get(converter, "1")

    path = re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)
    path = path.lstrip("^").rstrip("$").replace("\\Z", "")
    return "/" + path


ALL = sorted(set(iter_patterns()), key=lambda item: item[1])


def test_the_project_has_urls_to_check():
    assert len(ALL) >= 5


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "route"), ALL, ids=[f"{n}" for n, _ in ALL])
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_login(client, name, route, method):
    if name in PUBLIC or route.startswith("static/") or route.startswith("media/"):
        pytest.skip("public on purpose")
    response = getattr(client, method)(sample_path(route))
    if response.status_code == 405:
        return  # the method itself is refused before anything else: nothing is disclosed
    assert response.status_code == 302, (
        f"{name} {sample_path(route)} answered {response.status_code}"
    )
    assert response["Location"].startswith("/accounts/login/")
