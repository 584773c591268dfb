"""Alembic environment of the volunteers service: the shared runner with volunteers' tables."""

from alembic import context

from gridkit.migrations import run_env
from volunteers.config import VolunteersSettings
from volunteers.repository.tables import metadata

if context.config.config_file_name is not None:
    from logging.config import fileConfig

    fileConfig(context.config.config_file_name, disable_existing_loggers=False)

run_env(metadata, VolunteersSettings().database_url)
