# Any Pioneer Grid subgraph service, chosen when the image is built. From the repository root:
#   docker build -f infra/docker/service.Dockerfile --build-arg SERVICE=org --build-arg PORT=4001 \
#     -t pioneer-grid/org .
# SERVICE is the folder under services/, laid out as every service is: pyproject.toml naming the
# package pioneer-<SERVICE>, alembic.ini and migrations/, and the package <SERVICE>/ with app.py
# (tests/architecture checks this for every folder). PORT is the service's port (4001-4004).
FROM python:3.11-slim

ARG SERVICE
ARG PORT
RUN test -n "${SERVICE}" && test -n "${PORT}" \
    || { echo "build with --build-arg SERVICE=<name> --build-arg PORT=<port>" >&2; exit 1; }

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    PATH="/app/.venv/bin:${PATH}"

RUN pip install --no-cache-dir uv==0.13.8 \
    && useradd --system --uid 10001 --user-group --no-create-home --shell /usr/sbin/nologin pioneer

WORKDIR /app

# Third-party dependencies first, in a layer of their own: only a changed lock or pyproject
# rebuilds it, not a code change. Only this service's and gridkit's, pinned by the lock.
COPY pyproject.toml uv.lock ./
COPY shared/pyproject.toml shared/
COPY services/${SERVICE}/pyproject.toml services/${SERVICE}/
RUN uv sync --frozen --no-dev --package "pioneer-${SERVICE}" --no-install-workspace

COPY shared/ shared/
COPY services/${SERVICE}/ services/${SERVICE}/
RUN uv sync --frozen --no-dev --package "pioneer-${SERVICE}" \
    && python -m gridkit.logs "${SERVICE}" > /app/log-config.json

# SERVICE and PORT stay set for the command below; the service's own settings read only
# their prefixed variables (ORG_...), never these.
ENV ENV=production \
    SERVICE=${SERVICE} \
    PORT=${PORT}

USER 10001:10001
EXPOSE ${PORT}

# Shell form: the shell fills in PORT when the check runs.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:${PORT}/healthz', timeout=2)"

# Migrate, then serve. Every line is a JSON line (log-config.json, from gridkit.logs); the app
# applies the service's LOG_LEVEL when it starts. Kubernetes runs the migration in an init
# container instead (infra/k8s/org.yaml) and overrides this command.
CMD ["sh", "-c", "alembic -c \"services/${SERVICE}/alembic.ini\" upgrade head && exec uvicorn \"${SERVICE}.app:app\" --host 0.0.0.0 --port \"${PORT}\" --log-config /app/log-config.json"]
