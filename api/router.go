// Package api is Assure's HTTP layer: the gin router, middleware, one file per
// resource (decode, call one service method, encode), problem details, and the
// API contract openapi.yaml. It never opens a transaction or writes SQL.
package api

import (
	"io/fs"
	"net/http"
	"sort"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"

	"assure/internal/app"
	"assure/services/access"
)

// Route is one registered API route and the permission it requires.
type Route struct {
	Method     string
	Path       string // gin syntax: /api/v1/standards/:id
	Permission access.Permission
}

// Server is the HTTP server's handler and its route table.
type Server struct {
	app     *app.App
	engine  *gin.Engine
	api     *gin.RouterGroup
	routes  []Route
	limits  map[string]int64
	metrics *metrics
	web     fs.FS
}

// Options are the parts of the server that are not services.
type Options struct {
	// Web is the built single-page app (nil: / explains how to build it).
	Web fs.FS
	// Version is reported by /healthz.
	Version string
	// Registry receives the server's metrics (nil: a new one).
	Registry *prometheus.Registry
}

func init() { gin.SetMode(gin.ReleaseMode) }

// New builds the router with every route.
func New(a *app.App, opt Options) (*Server, error) {
	reg := opt.Registry
	if reg == nil {
		reg = prometheus.NewRegistry()
	}
	m, err := newMetrics(reg, a.DB)
	if err != nil {
		return nil, err
	}
	e := gin.New()
	e.HandleMethodNotAllowed = true
	e.RedirectTrailingSlash = false
	e.RedirectFixedPath = false
	e.ContextWithFallback = true
	if err := e.SetTrustedProxies(a.Config.TrustedProxies); err != nil {
		return nil, err
	}
	s := &Server{app: a, engine: e, limits: map[string]int64{}, metrics: m, web: opt.Web}
	e.Use(withRequestID(), withAccessLog(a.Log), withRecovery(a.Log), withSecurityHeaders(), m.middleware(), withBodyLimit(s.limits))

	e.GET("/healthz", s.healthz(opt.Version))
	e.GET("/readyz", s.readyz)
	e.GET("/metrics", gin.WrapH(m.handler(reg)))

	s.api = e.Group("/api/v1")
	s.registerRoutes()

	e.NoRoute(s.noRoute)
	e.NoMethod(s.noMethod)
	return s, nil
}

// registerRoutes lists every area's routes. Each area's handlers live in
// their own file and register through s.handle.
func (s *Server) registerRoutes() {
	s.openAPIRoutes()
	s.authRoutes()
	s.userRoutes()
	s.tokenRoutes()
	s.auditRoutes()
	s.catalogueRoutes()
	s.standardsRoutes()
	s.spcRoutes()
	s.measurementRoutes()
	s.issueRoutes()
	s.problemRoutes()
	s.cycleRoutes()
	s.actionRoutes()
	s.reviewRoutes()
	s.notificationRoutes()
	s.dashboardRoutes()
}

// Handler returns the http.Handler to serve.
func (s *Server) Handler() http.Handler { return s.engine }

// Routes returns every /api route with its permission, sorted.
func (s *Server) Routes() []Route {
	out := append([]Route(nil), s.routes...)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Method < out[j].Method
	})
	return out
}

// EngineRoutes returns every route gin knows (method and path), including any
// registered around s.handle — a test checks there are none under /api.
func (s *Server) EngineRoutes() []Route {
	var out []Route
	for _, r := range s.engine.Routes() {
		out = append(out, Route{Method: r.Method, Path: r.Path})
	}
	return out
}

// routeOption adjusts one route.
type routeOption func(method, fullPath string, s *Server)

// bodyLimit raises (or lowers) a route's request body limit.
func bodyLimit(n int64) routeOption {
	return func(method, fullPath string, s *Server) { s.limits[method+" "+fullPath] = n }
}

// handle registers an /api/v1 route that requires perm. Every API route is
// registered here, so none exists without a declared permission.
func (s *Server) handle(method, path string, perm access.Permission, h gin.HandlerFunc, opts ...routeOption) {
	if perm == "" {
		panic("api: route " + method + " " + path + " registered without a permission")
	}
	full := s.api.BasePath() + path
	s.routes = append(s.routes, Route{Method: method, Path: full, Permission: perm})
	for _, o := range opts {
		o(method, full, s)
	}
	chain := []gin.HandlerFunc{}
	if perm != access.Public {
		chain = append(chain, s.authenticate)
	}
	chain = append(chain, require(perm), h)
	s.api.Handle(method, path, chain...)
}

func (s *Server) noRoute(c *gin.Context) {
	if isAPI(c.Request.URL.Path) {
		writeProblem(c, http.StatusNotFound, "There is no such API endpoint.")
		return
	}
	s.serveWeb(c)
}

func (s *Server) noMethod(c *gin.Context) {
	if isAPI(c.Request.URL.Path) {
		writeProblem(c, http.StatusMethodNotAllowed, "This endpoint does not accept "+c.Request.Method+".")
		return
	}
	s.serveWeb(c)
}

func isAPI(path string) bool {
	return path == "/api" || len(path) >= 5 && path[:5] == "/api/"
}
