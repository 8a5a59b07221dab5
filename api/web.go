package api

import (
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/gin-gonic/gin"
)

const notBuiltPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Assure</title></head>
<body><main><h1>Assure is running, but its web app was not built</h1>
<p>Build it with <code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>, then rebuild the server
(<code>make build</code>) — or simply use <code>make run</code>, which does both.</p>
<p>The API is available under <code>/api/v1</code>; its contract is at <a href="/api/v1/openapi.yaml">/api/v1/openapi.yaml</a>.</p>
</main></body></html>`

// serveWeb serves the single-page app: a file if one exists at the path,
// otherwise index.html (SPA fallback). Hashed assets are cached for a year;
// index.html never, so a deploy is picked up at once.
func (s *Server) serveWeb(c *gin.Context) {
	if c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead {
		writeProblem(c, http.StatusMethodNotAllowed, "Only GET is allowed here.")
		return
	}
	if s.web == nil {
		c.Header("Cache-Control", "no-store")
		c.Data(http.StatusOK, "text/html; charset=utf-8", []byte(notBuiltPage))
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+c.Request.URL.Path), "/")
	if name != "" && name != "index.html" {
		if st, err := fs.Stat(s.web, name); err == nil && !st.IsDir() {
			if strings.HasPrefix(name, "assets/") {
				c.Header("Cache-Control", "public, max-age=31536000, immutable")
			} else {
				c.Header("Cache-Control", "public, max-age=3600")
			}
			c.FileFromFS(name, http.FS(s.web))
			return
		}
		if strings.HasPrefix(name, "assets/") {
			// A missing hashed asset is a real 404, not the app shell.
			c.Status(http.StatusNotFound)
			return
		}
	}
	index, err := fs.ReadFile(s.web, "index.html")
	if err != nil {
		c.Header("Cache-Control", "no-store")
		c.Data(http.StatusOK, "text/html; charset=utf-8", []byte(notBuiltPage))
		return
	}
	c.Header("Cache-Control", "no-cache, no-store, must-revalidate")
	c.Data(http.StatusOK, "text/html; charset=utf-8", index)
}
