# Assure developer commands. `make run` and `make test` are the two that matter.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := /usr/local/go/bin:$(PATH)

GO        ?= go
BIN       := bin/assure
VERSION   ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -X main.version=$(VERSION)
WEB_SRC   := $(shell find web/src web/public web/index.html web/vite.config.ts web/package.json web/tsconfig.json -type f 2>/dev/null)
GO_SRC    := $(shell find . -name '*.go' -not -path './web/node_modules/*' -not -path './.data/*') go.mod go.sum $(wildcard api/openapi.yaml migrations/*.sql)
ADDR      ?= 127.0.0.1:8080
# Our packages: some npm packages ship Go code under web/node_modules.
GO_PKGS    = $(shell $(GO) list ./... | grep -v '/web/node_modules/')

.PHONY: run test build bench lint vet gotest webtest e2e web clean help screenshots

help:
	@echo "make run    - build what changed, start Assure in dev mode with the demo trust loaded"
	@echo "make test   - everything CI checks: gofmt, go vet, go test -race, web typecheck/lint/unit, browser tests"
	@echo "make build  - the single binary, bin/assure (with the web app embedded)"
	@echo "make bench  - the benchmarks"

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund

# The web bundle is rebuilt only when its sources changed.
web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SRC) api/openapi.yaml
	cd web && npm run build

web: web/dist/index.html

$(BIN): $(GO_SRC) web/dist/index.html
	@mkdir -p bin
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/assure

build: $(BIN)

run: $(BIN)
	@url=$$(scripts/dev-postgres.sh); \
	export DATABASE_URL="$$url" ASSURE_DEV=true ASSURE_ADDR="$(ADDR)" ASSURE_LOG_FORMAT=text; \
	$(BIN) migrate up >/dev/null; \
	$(BIN) seed --demo; \
	echo ""; \
	echo "Assure is starting at http://$(ADDR)/  (Ctrl-C stops it)"; \
	echo "Demo logins (password assure-demo-2026):"; \
	for r in clinician improver board executive admin; do echo "  $$r@demo.assure.test"; done; \
	echo ""; \
	exec $(BIN) serve

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' | grep -v '^web/node_modules/')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet $(GO_PKGS)
	$(GO) tool staticcheck $(GO_PKGS)

gotest:
	$(GO) test -race -count=1 $(GO_PKGS)

webtest: web/node_modules/.package-lock.json
	cd web && npm run typecheck && npm run lint && npm test

e2e: $(BIN)
	cd web && ASSURE_BIN=../$(BIN) npm run e2e

# The tour of every page and the role journeys write full-page screenshots at
# desktop and phone widths to web/e2e-screenshots/; the README's are copied
# from there into docs/screenshots/. The tour runs first, on its own fresh demo
# trust, so that the README shows none of what the journeys add.
screenshots: $(BIN)
	rm -rf web/e2e-screenshots
	cd web && ASSURE_BIN=../$(BIN) npx playwright test e2e/pages.spec.ts
	@mkdir -p docs/screenshots
	cp web/e2e-screenshots/executive-dashboard-desktop.png docs/screenshots/dashboard.png
	cp web/e2e-screenshots/clinician-report-phone.png docs/screenshots/report-phone.png
	cd web && ASSURE_BIN=../$(BIN) npx playwright test e2e/journeys.spec.ts
	@echo "screenshots: $$(ls web/e2e-screenshots/*.png | wc -l) in web/e2e-screenshots/, README's in docs/screenshots/"

lint: vet webtest

test: vet gotest webtest e2e
	@echo "make test: all checks passed"

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./services/...
	$(GO) run ./bench/ingest
	$(GO) run ./bench/spc
	$(GO) run ./bench/dashboard
	$(GO) run ./bench/dashboard -scale

clean:
	rm -rf bin web/dist/assets web/dist/index.html
