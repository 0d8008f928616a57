from django.apps import AppConfig


class FrontConfig(AppConfig):
    """The top layer: pages that combine the apps below (homes, the dashboard, navigation) and the demo."""

    name = "front"
    verbose_name = "Homes, dashboard and navigation"
