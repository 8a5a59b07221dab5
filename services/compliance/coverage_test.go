package compliance

import "testing"

func str(s string) *string { return &s }

func TestExceptionCoverage(t *testing.T) {
	org := exceptionSpan{startsOn: day("2025-12-10"), expiresOn: day("2025-12-20")}
	sysA := exceptionSpan{systemID: str("A"), startsOn: day("2026-01-01"), expiresOn: day("2026-01-31")}
	siteS1 := exceptionSpan{siteID: str("S1"), startsOn: day("2026-02-01"), expiresOn: day("2026-02-01")}
	sysB := exceptionSpan{systemID: str("B"), startsOn: day("2026-02-01"), expiresOn: day("2026-02-28")}
	scope := map[string]map[string]bool{"A": {"S1": true}, "B": {"S2": true}}
	for _, c := range []struct {
		name   string
		cover  coverage
		period string
		want   bool
	}{
		{"no exceptions", coverage{scope: scope}, "2026-01-01", false},
		{"an organisation-wide exception of a few days excuses the month", coverage{spans: []exceptionSpan{org}, scope: scope}, "2025-12-01", true},
		{"it does not reach the next month", coverage{spans: []exceptionSpan{org}, scope: scope}, "2026-01-01", false},
		{"it excuses a system's series too", coverage{spans: []exceptionSpan{org}, systemID: str("B"), systemSites: map[string]bool{"S2": true}}, "2025-12-01", true},
		{"a system's exception excuses its series", coverage{spans: []exceptionSpan{sysA}, systemID: str("A")}, "2026-01-01", true},
		{"but not another system's", coverage{spans: []exceptionSpan{sysA}, systemID: str("B")}, "2026-01-01", false},
		{"a site's exception excuses a system used there", coverage{spans: []exceptionSpan{siteS1}, systemID: str("A"), systemSites: map[string]bool{"S1": true}}, "2026-02-01", true},
		{"but not one used elsewhere", coverage{spans: []exceptionSpan{siteS1}, systemID: str("B"), systemSites: map[string]bool{"S2": true}}, "2026-02-01", false},
		{"one system excused does not excuse the roll-up", coverage{spans: []exceptionSpan{sysA}, scope: scope}, "2026-01-01", false},
		{"every system excused excuses the roll-up", coverage{spans: []exceptionSpan{siteS1, sysB}, scope: scope}, "2026-02-01", true},
		{"an organisation-wide standard's roll-up needs an organisation-wide exception", coverage{spans: []exceptionSpan{sysA}, scope: map[string]map[string]bool{}}, "2026-01-01", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			start := day(c.period)
			end := start.AddDate(0, 1, 0)
			if got := c.cover.excepts(start, end); got != c.want {
				t.Errorf("excepts(%s) = %v, want %v", c.period, got, c.want)
			}
		})
	}
}
