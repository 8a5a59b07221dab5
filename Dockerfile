# syntax=docker/dockerfile:1
#
# Assure: one static binary with the web app embedded, on distroless.
#
#   docker build --build-arg VERSION=$(git describe --tags --always) -t assure .
#   docker run --rm -p 8080:8080 -e DATABASE_URL=... -e ASSURE_JWT_SECRET=... assure
#
# The runtime image has no shell, so there is no HEALTHCHECK here: docker
# compose waits on the database's healthcheck, and the orchestrator or load
# balancer probes GET /healthz (alive) and GET /readyz (database reachable,
# schema current) on port 8080.

# ---- web: build the React app into web/dist --------------------------------
FROM --platform=$BUILDPLATFORM node:20-bookworm-slim AS web
WORKDIR /src/web
# Dependencies first, so editing the app does not reinstall them.
COPY web/package.json web/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

# ---- build: compile the Go binary with web/dist embedded -------------------
FROM --platform=$BUILDPLATFORM golang:1.26-bookworm AS build
ARG TARGETOS
ARG TARGETARCH
ARG VERSION=dev
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download
COPY . .
# web/embed.go embeds web/dist, which must exist before go build.
COPY --from=web /src/web/dist ./web/dist
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOOS=${TARGETOS:-linux} GOARCH=${TARGETARCH:-amd64} \
    go build -trimpath -ldflags "-s -w -X main.version=$VERSION" -o /out/assure ./cmd/assure

# ---- runtime: static binary, CA certificates, tzdata, no shell -------------
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/assure /assure
USER nonroot:nonroot
EXPOSE 8080
ENTRYPOINT ["/assure"]
CMD ["serve"]
