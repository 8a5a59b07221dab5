package catalogue

import (
	"fmt"
	"strings"

	"gorm.io/gorm"

	"assure/models"
	"assure/services"
)

// dependencyLock serialises changes to system dependencies: two concurrent
// changes (A→B and B→A) each see no cycle on their own, so they must not
// both be checked before either commits.
const dependencyLock int64 = 0x73797364657073 // "sysdeps"

func lockDependencies(tx *gorm.DB) error {
	if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", dependencyLock).Error; err != nil {
		return fmt.Errorf("lock system dependencies: %w", err)
	}
	return nil
}

// checkNoCycle refuses dependencies for system id that would let id reach
// itself by following "depends on". The graph is the whole catalogue's (a
// trust has tens or hundreds of systems), so it is read once and walked here,
// which lets the error name the cycle.
func checkNoCycle(tx *gorm.DB, id string, dependsOn []string) error {
	var edges []models.SystemDependency
	if err := tx.Find(&edges).Error; err != nil {
		return fmt.Errorf("load system dependencies: %w", err)
	}
	graph := map[string][]string{}
	for _, e := range edges {
		if e.SystemID != id { // id's own edges are being replaced
			graph[e.SystemID] = append(graph[e.SystemID], e.DependsOnID)
		}
	}
	graph[id] = dependsOn
	path := findPath(graph, dependsOn, id)
	if path == nil {
		return nil
	}
	names, err := systemNames(tx, append(path, id))
	if err != nil {
		return err
	}
	chain := []string{names[id]}
	for _, p := range path {
		chain = append(chain, names[p])
	}
	chain = append(chain, names[id])
	return services.Invalid("depends_on_ids", "would make a dependency cycle: %s", strings.Join(chain, " → "))
}

// findPath returns a path of systems from one of starts to target following
// the graph's edges (starts first, target excluded), or nil if none exists.
func findPath(graph map[string][]string, starts []string, target string) []string {
	prev := map[string]string{}
	seen := map[string]bool{}
	queue := []string{}
	for _, s := range starts {
		if !seen[s] {
			seen[s] = true
			queue = append(queue, s)
		}
	}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if n == target {
			path := []string{}
			for at := prev[n]; at != ""; at = prev[at] {
				path = append([]string{at}, path...)
			}
			return path
		}
		for _, next := range graph[n] {
			if !seen[next] {
				seen[next] = true
				prev[next] = n
				queue = append(queue, next)
			}
		}
	}
	return nil
}

func systemNames(tx *gorm.DB, ids []string) (map[string]string, error) {
	var rows []models.System
	if err := tx.Select("id", "name").Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("load system names: %w", err)
	}
	out := map[string]string{}
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}
