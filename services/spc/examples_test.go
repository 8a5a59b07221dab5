package spc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// examplesFile is a copy of shared/spc_examples.json, kept in the package
// because CI checks shared/ out beside the repository, not inside it. Keep
// the two identical.
const examplesFile = "testdata/spc_examples.json"

type example struct {
	Name        string          `json:"name"`
	Explanation string          `json:"explanation"`
	Request     json.RawMessage `json:"request"`
	Response    json.RawMessage `json:"response"`
}

func loadExamples(t testing.TB) []example {
	t.Helper()
	b, err := os.ReadFile(filepath.FromSlash(examplesFile))
	if err != nil {
		t.Fatalf("read examples: %v", err)
	}
	var f struct {
		Examples []example `json:"examples"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("decode examples: %v", err)
	}
	if len(f.Examples) != 7 {
		t.Fatalf("got %d examples, want the 7 of SPC.md", len(f.Examples))
	}
	return f.Examples
}

// decodeRequest decodes a request body the way the API does: unknown fields
// are an error.
func decodeRequest(t testing.TB, body []byte) Request {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	var r Request
	if err := dec.Decode(&r); err != nil {
		t.Fatalf("decode request: %v", err)
	}
	return r
}

func TestWorkedExamples(t *testing.T) {
	for _, ex := range loadExamples(t) {
		t.Run(ex.Name, func(t *testing.T) {
			in := decodeRequest(t, ex.Request).Input()
			if errs := in.Validate(); len(errs) > 0 {
				t.Fatalf("Validate() = %v, want no errors", errs)
			}
			got, err := json.Marshal(Analyse(in))
			if err != nil {
				t.Fatalf("marshal result: %v", err)
			}
			assertSameJSON(t, got, ex.Response)
		})
	}
}

// TestExamplesCopyIsCurrent fails when shared/spc_examples.json has changed
// and the copy here has not; it skips where shared/ is elsewhere (CI).
func TestExamplesCopyIsCurrent(t *testing.T) {
	shared, err := os.ReadFile(filepath.FromSlash("../../../shared/spc_examples.json"))
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("shared/ is not beside the repository here")
	}
	if err != nil {
		t.Fatal(err)
	}
	local, err := os.ReadFile(filepath.FromSlash(examplesFile))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(shared, local) {
		t.Errorf("%s differs from shared/spc_examples.json: copy it again", examplesFile)
	}
}

// jsonTolerance is the tolerance the examples are written for.
const jsonTolerance = 1e-6

// assertSameJSON compares two JSON documents structurally: every key and
// label exactly, every number within jsonTolerance.
func assertSameJSON(t *testing.T, got, want []byte) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("decode got: %v", err)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("decode want: %v", err)
	}
	var diffs []string
	diffJSON("$", g, w, &diffs)
	for i, d := range diffs {
		if i == 20 {
			t.Errorf("... and %d more differences", len(diffs)-i)
			break
		}
		t.Error(d)
	}
}

func diffJSON(path string, got, want any, diffs *[]string) {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			*diffs = append(*diffs, fmt.Sprintf("%s: got %v, want an object", path, got))
			return
		}
		keys := make([]string, 0, len(w)+len(g))
		for k := range w {
			keys = append(keys, k)
		}
		for k := range g {
			if _, ok := w[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			gv, gok := g[k]
			wv, wok := w[k]
			switch {
			case !gok:
				*diffs = append(*diffs, fmt.Sprintf("%s.%s: missing, want %v", path, k, wv))
			case !wok:
				*diffs = append(*diffs, fmt.Sprintf("%s.%s: got %v, want no such field", path, k, gv))
			default:
				diffJSON(path+"."+k, gv, wv, diffs)
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			*diffs = append(*diffs, fmt.Sprintf("%s: got %v, want %d elements", path, got, len(w)))
			return
		}
		for i := range w {
			diffJSON(fmt.Sprintf("%s[%d]", path, i), g[i], w[i], diffs)
		}
	case float64:
		g, ok := got.(float64)
		if !ok || math.Abs(g-w) > jsonTolerance*math.Max(1, math.Abs(w)) {
			*diffs = append(*diffs, fmt.Sprintf("%s: got %v, want %v", path, got, w))
		}
	default: // string, bool, nil: exactly
		if got != want {
			*diffs = append(*diffs, fmt.Sprintf("%s: got %#v, want %#v", path, got, want))
		}
	}
}
