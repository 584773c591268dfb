"""Alembic environment of the personnel service: the shared runner with personnel's tables."""

from alembic import context

from gridkit.audit import audit_metadata
from gridkit.migrations import run_env
from personnel.config import PersonnelSettings
from personnel.repository.tables import metadata

if context.config.config_file_name is not None:
    from logging.config import fileConfig

    fileConfig(context.config.config_file_name, disable_existing_loggers=False)

# Personal data is read here: the PII read audit log lives in this database too.
run_env(metadata, PersonnelSettings().database_url, extra=[audit_metadata])
