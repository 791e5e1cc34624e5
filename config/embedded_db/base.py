"""Django's PostgreSQL backend, starting the embedded server before it connects.

Settings give the data folder as ``DATABASES["default"]["PGDATA"]``.
"""

from __future__ import annotations

from pathlib import Path

import psycopg
from django.db.backends.postgresql import base

from config.embedded_db import create_database, ensure_server

_started: set[Path] = set()


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        pgdata = Path(self.settings_dict["PGDATA"])
        if pgdata not in _started:
            ensure_server(pgdata)
            _started.add(pgdata)
        try:
            return super().get_new_connection(conn_params)
        except psycopg.OperationalError as error:
            if "does not exist" in str(error) and conn_params.get("dbname"):
                # A fresh data folder: make the project's database on first use.
                create_database(ensure_server(pgdata), conn_params["dbname"])
            else:
                # The server may have been stopped or killed since we last looked.
                ensure_server(pgdata)
            return super().get_new_connection(conn_params)
