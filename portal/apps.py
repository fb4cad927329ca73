from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The site itself: the home page per role, the menu, the root URLs and ``seed_demo``. The top
    floor: it may import every app; no app imports it (README "Layout")."""

    name = "portal"
