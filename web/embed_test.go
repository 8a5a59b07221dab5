package web

import (
	"io/fs"
	"testing"
)

func TestDistReportsWhetherTheBundleIsBuilt(t *testing.T) {
	sub, ok := Dist()
	if sub == nil {
		t.Fatal("Dist returned a nil filesystem")
	}
	_, err := fs.Stat(sub, "index.html")
	if built := err == nil; built != ok {
		t.Fatalf("Dist() ok = %v, but index.html present = %v", ok, built)
	}
	if _, err := fs.Stat(sub, "README"); err != nil && !ok {
		t.Fatalf("placeholder README missing from an unbuilt dist: %v", err)
	}
}
