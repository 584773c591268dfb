"""Alembic environment of the cases service: the shared runner with cases' tables."""

from alembic import context

from cases.config import CasesSettings
from cases.repository.tables import metadata
from gridkit.audit import audit_metadata
from gridkit.migrations import run_env

if context.config.config_file_name is not None:
    from logging.config import fileConfig

    fileConfig(context.config.config_file_name, disable_existing_loggers=False)

# An anonymous reporter's phone is personal data: the PII read audit log lives here too.
run_env(metadata, CasesSettings().database_url, extra=[audit_metadata])
