from django.core.management.base import BaseCommand
from django.db import transaction

from accounts import demo as accounts_demo


def demo_builders():
    """Each app's demo builder, in dependency order (the site knows every app)."""
    from clientpool import demo as clientpool_demo
    from fieldwork import demo as fieldwork_demo
    from meetings import demo as meetings_demo
    from notifications import demo as notifications_demo
    from ownership import demo as ownership_demo
    from performance import demo as performance_demo
    from plans import demo as plans_demo
    from problems import demo as problems_demo
    from proposals import demo as proposals_demo
    from reports import demo as reports_demo
    from suitability import demo as suitability_demo
    from training import demo as training_demo
    from visits import demo as visits_demo

    return [
        visits_demo.build,
        plans_demo.build,
        reports_demo.build,
        training_demo.build,
        meetings_demo.build,
        performance_demo.build,
        problems_demo.build,
        proposals_demo.build,
        suitability_demo.build,
        ownership_demo.build,
        clientpool_demo.build,
        notifications_demo.build,
        fieldwork_demo.build,
    ]


class Command(BaseCommand):
    help = "Build the demo department (idempotent) and print every login."

    def handle(self, *args, **options):
        with transaction.atomic():
            users = accounts_demo.build()
            for build in demo_builders():
                build(users)
        self.stdout.write(self.style.SUCCESS("演示数据已就绪 / demo data ready."))
        self.stdout.write(
            f"所有演示账号的密码 / password for every demo login: {accounts_demo.DEMO_PASSWORD}"
        )
        self.stdout.write(f"{'用户名 login':<14}{'姓名':<8}{'角色':<10}团队")
        for username, name, role, team in accounts_demo.logins():
            self.stdout.write(f"{username:<14}{name:<8}{role:<10}{team}")
