package api_test

import (
	"testing"

	"assure/internal/testapp"
)

// TestMain gives the package one fresh database, dropped afterwards.
func TestMain(m *testing.M) { testapp.Main(m) }
