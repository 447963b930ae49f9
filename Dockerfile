# dfopt's own image: lints (or fixes) the Dockerfiles of the directory mounted at /work.
#   docker build -t dfopt .
#   docker run --rm -v "$PWD:/work" dfopt lint
# Node.js 20 (package.json engines) on distroless, as the non-root user. The image names are build arguments so the
# offline image lab (../shared/lab) can build this file from its local stand-ins; see README, "Docker image".

ARG BUILDER_IMAGE=node:20-bookworm-slim
ARG RUNTIME_IMAGE=gcr.io/distroless/nodejs20-debian12:nonroot

# The npm package exactly as a user installs it: npm pack (its `prepare` script builds the bundle), then the tarball
# installed with its runtime dependencies only.

FROM ${BUILDER_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN --mount=type=cache,target=/root/.npm npm pack --pack-destination /tmp \
 && npm install --prefix /app --omit=dev --no-audit --no-fund /tmp/dfopt-*.tgz

# V8's code cache fits only the Node that writes it, so the runtime image's own node writes it: one lint of this
# Dockerfile (bind-mounted, so nothing of it stays), as the user the image runs as.

FROM ${RUNTIME_IMAGE} AS warm
COPY --from=build --chown=65532:65532 /app /app
RUN --mount=type=bind,source=Dockerfile,target=/tmp/Dockerfile ["/nodejs/bin/node", "/app/node_modules/dfopt/bin/dfopt.js", "lint", "/tmp/Dockerfile"]

FROM ${RUNTIME_IMAGE}
COPY --from=warm /app /app
USER 65532:65532
WORKDIR /work
# A command-line tool that exits when done: nothing to check.
HEALTHCHECK NONE
ENTRYPOINT ["/nodejs/bin/node", "/app/node_modules/dfopt/bin/dfopt.js"]
CMD ["lint", "."]
