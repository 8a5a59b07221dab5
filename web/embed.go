// Package web holds the Assure single-page application. The React source
// lives beside this file; `npm run build` writes the bundle to dist/, which
// is embedded into the assure binary.
package web

import (
	"embed"
	"io/fs"
)

// dist is the Vite build output. A fresh clone holds only dist/README, a
// placeholder that keeps this directive compiling without a front-end build.
//
//go:embed all:dist
var dist embed.FS

// Dist returns the built single-page application rooted at its index.html,
// and false when the bundle has not been built (only the placeholder exists).
func Dist() (fs.FS, bool) {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		// fs.Sub fails only for an invalid path; "dist" is a constant.
		return nil, false
	}
	if _, err := fs.Stat(sub, "index.html"); err != nil {
		return sub, false
	}
	return sub, true
}
