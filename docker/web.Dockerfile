# Reference Dockerfile for the application's web image (Next.js standalone on Node 22, port 3000, uid 10001),
# following ../shared/docs/app-contract.md. A starting point to copy into the application repository as
# apps/web-app/Dockerfile; build it with the repository root as context:
#   docker build -f apps/web-app/Dockerfile --build-arg REVISION="$(git rev-parse HEAD)" -t web .
# NEXT_PUBLIC_* values are compiled into the browser bundle at build time: pass them as build args (they are public by
# definition). Never pass a secret as a build arg: provenance (mode=max) records build args in the attestation.

# Node 22 on Debian bookworm, pinned by tag (for people) and digest (for the builder).
# Refresh the digest: docker buildx imagetools inspect node:22.20.0-bookworm-slim   (the "Digest:" line of the index)
ARG NODE_IMAGE=node:22.20.0-bookworm-slim@sha256:b21fe589dfbe5cc39365d0544b9be3f1f33f55f3c86c87a76ff65a02f8f5848e

# --- dependencies (pnpm workspace; corepack takes pnpm's version from package.json "packageManager") ----------------
FROM ${NODE_IMAGE} AS deps
ENV NEXT_TELEMETRY_DISABLED=1
WORKDIR /repo
RUN corepack enable
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY apps/web-app/package.json apps/web-app/package.json
RUN --mount=type=cache,target=/root/.local/share/pnpm/store pnpm install --filter web-app... --frozen-lockfile

# --- build: next build with output "standalone" -------------------------------------------------------------------
FROM deps AS build
ARG NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=""
ENV NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=${NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY}
COPY apps/web-app apps/web-app
RUN pnpm --filter web-app build

# --- runtime --------------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# Which commit runs: CI passes these (build-images.yml); asc reports read org.opencontainers.image.revision.
ARG REVISION=unknown
ARG SOURCE=unknown
ARG VERSION=0.0.0-local
ARG CREATED=1970-01-01T00:00:00Z
LABEL org.opencontainers.image.title="web" \
      org.opencontainers.image.description="SaaS starter web app (Next.js standalone, port 3000)" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.created="${CREATED}"

# HOSTNAME=0.0.0.0: without it the Next.js server binds to the container's hostname and checks on 127.0.0.1 fail.
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0
RUN groupadd --gid 10001 app \
 && useradd --uid 10001 --gid 10001 --home-dir /home/app --create-home --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /repo/apps/web-app/public /app/public
COPY --from=build /repo/apps/web-app/.next/standalone /app/
COPY --from=build /repo/apps/web-app/.next/static /app/.next/static
# Writable paths (asc's contract, src/contract/writable-paths.ts): the platforms run the root filesystem read-only and
# mount an empty volume at each path the image declares as a VOLUME. On Fargate the mount takes the declared
# directory's ownership (else root, 0755), so each is created and owned by uid 10001 before its VOLUME line.
RUN mkdir -p /app/.next/cache && chown -R 10001:10001 /app/.next/cache /tmp && chmod 1777 /tmp
VOLUME ["/tmp", "/app/.next/cache"]

EXPOSE 3000
# Liveness of the web server itself: any HTTP answer from /api/health counts. That route proxies the api's /health, so
# a down api gives a 5xx, and a web container must not be restarted for that. The deploy's verify phase checks
# /api/health/ready through the real host name. ECS and Container Apps ignore this instruction.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/health', { signal: AbortSignal.timeout(4000) }).then(() => process.exit(0), () => process.exit(1))"]

USER 10001:10001
CMD ["node", "server.js"]
