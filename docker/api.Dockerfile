# Reference Dockerfile for the application's api image (FastAPI on uvicorn, port 8000, uid 10001), following
# ../shared/docs/app-contract.md. A starting point to copy into the application repository as
# apps/api-service/Dockerfile; build it with the repository root as context:
#   docker build -f apps/api-service/Dockerfile --build-arg REVISION="$(git rev-parse HEAD)" -t api .
# The same image runs the billing worker and the one-off migration (`alembic -c alembic.ini upgrade heads` in /app).

# Python 3.11 on Debian bookworm, pinned by tag (for people) and digest (for the builder).
# Refresh the digest: docker buildx imagetools inspect python:3.11.13-slim-bookworm   (the "Digest:" line of the index)
ARG PYTHON_IMAGE=python:3.11.13-slim-bookworm@sha256:86adf8dbadc3d6e82ee5dd2c74bec2e1c2467cdad47886280501df722372d2e1

# --- build: a virtualenv with the api and its workspace packages ----------------------------------------------------
FROM ${PYTHON_IMAGE} AS build
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /repo
COPY packages/starter_contracts packages/starter_contracts
COPY packages/starter_providers packages/starter_providers
COPY apps/api-service apps/api-service
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
RUN pip install /repo/packages/starter_contracts /repo/packages/starter_providers \
 && pip install /repo/apps/api-service

# --- runtime --------------------------------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime
# Which commit runs: CI passes these (build-images.yml); asc reports read org.opencontainers.image.revision.
ARG REVISION=unknown
ARG SOURCE=unknown
ARG VERSION=0.0.0-local
ARG CREATED=1970-01-01T00:00:00Z
LABEL org.opencontainers.image.title="api" \
      org.opencontainers.image.description="SaaS starter API (FastAPI on uvicorn, port 8000)" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.created="${CREATED}"

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH
RUN groupadd --gid 10001 app \
 && useradd --uid 10001 --gid 10001 --home-dir /home/app --create-home --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY --from=build /repo/apps/api-service/src /app/src
COPY --from=build /repo/apps/api-service/alembic /app/alembic
COPY --from=build /repo/apps/api-service/alembic.ini /app/alembic.ini
RUN mkdir -p /app/var/keys && chown -R 10001:10001 /app/var
# Writable paths (asc's contract, src/contract/writable-paths.ts): the platforms run the root filesystem read-only and
# mount an empty volume at each path the image declares as a VOLUME. On Fargate the mount takes the declared
# directory's ownership (else root, 0755), so each is created and owned by uid 10001 before its VOLUME line.
RUN chown 10001:10001 /tmp && chmod 1777 /tmp
VOLUME ["/tmp"]

EXPOSE 8000
# Liveness only (/health checks no dependency). In strict mode the api answers 400 to an unknown Host, so the probe
# sends Host: localhost, which asc always puts in ALLOWED_HOSTS. ECS and Container Apps ignore this instruction and use
# the probes asc configures; it serves docker run, compose and local checks.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request; r = urllib.request.urlopen(urllib.request.Request('http://127.0.0.1:8000/health', headers={'Host': 'localhost'}), timeout=4); sys.exit(0 if r.status == 200 else 1)"]

USER 10001:10001
# Port 8000 is fixed here: PORT does not move it (app contract).
CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000", "--app-dir", "/app/src"]
