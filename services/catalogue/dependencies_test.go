package catalogue

import (
	"strings"
	"testing"
)

func TestFindPath(t *testing.T) {
	graph := map[string][]string{
		"epr":     {"network", "wifi", "sso"},
		"wifi":    {"network"},
		"sso":     {"network"},
		"eprx":    {"epr"},
		"network": nil,
	}
	for _, c := range []struct {
		name   string
		starts []string
		target string
		want   string // "" for no path
	}{
		{"no path back to the root", []string{"network"}, "epr", ""},
		{"a direct dependency", []string{"epr"}, "epr", "<empty>"},
		{"through one system", []string{"eprx"}, "epr", "eprx"},
		{"the shortest of several", []string{"wifi", "eprx"}, "epr", "eprx"},
		{"through two systems", []string{"eprx"}, "network", "eprx epr"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := findPath(graph, c.starts, c.target)
			got := strings.Join(path, " ")
			if path != nil && len(path) == 0 {
				got = "<empty>"
			}
			if got != c.want {
				t.Errorf("findPath = %q, want %q", got, c.want)
			}
		})
	}
}
