"""Alembic environment of the org service: the shared runner with org's tables."""

from alembic import context

from gridkit.migrations import run_env
from org.config import OrgSettings
from org.repository.tables import metadata

if context.config.config_file_name is not None:
    from logging.config import fileConfig

    fileConfig(context.config.config_file_name, disable_existing_loggers=False)

run_env(metadata, OrgSettings().database_url)
