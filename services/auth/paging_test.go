package auth

import (
	"testing"
	"time"
)

func TestCursorRoundTripAndRejection(t *testing.T) {
	c := encodeCursor("jo@nhs.net", "0190a8f0-0000-7000-8000-000000000001")
	parts, err := decodeCursor(c, 2)
	if err != nil || parts[0] != "jo@nhs.net" || parts[1] != "0190a8f0-0000-7000-8000-000000000001" {
		t.Fatalf("round trip: %v %v", parts, err)
	}
	if parts, err := decodeCursor("", 2); parts != nil || err != nil {
		t.Fatalf("empty cursor: %v %v", parts, err)
	}
	for _, bad := range []string{"!!", "bm90IGpzb24", encodeCursor("one"), encodeCursor("a", "b", "c")} {
		if _, err := decodeCursor(bad, 2); err == nil {
			t.Errorf("decodeCursor(%q) accepted", bad)
		}
	}
}

func TestPageLimit(t *testing.T) {
	for in, want := range map[int]int{0: DefaultLimit, 1: 1, 500: 500} {
		if got, err := pageLimit(in); err != nil || got != want {
			t.Errorf("pageLimit(%d) = %d %v", in, got, err)
		}
	}
	for _, bad := range []int{-1, 501} {
		if _, err := pageLimit(bad); err == nil {
			t.Errorf("pageLimit(%d) accepted", bad)
		}
	}
}

func TestThrottleKeysAndRetryAfter(t *testing.T) {
	if accountKey("  Jo.Bloggs@NHS.net ") != "jo.bloggs@nhs.net" {
		t.Errorf("accountKey does not fold case and space: %q", accountKey("  Jo.Bloggs@NHS.net "))
	}
	if clientKey("") != "unknown" {
		t.Errorf("clientKey(\"\") = %q", clientKey(""))
	}
	for d, want := range map[time.Duration]int{0: 1, 300 * time.Millisecond: 1, time.Second: 1, 1001 * time.Millisecond: 2, 15 * time.Minute: 900} {
		if got := (&ThrottledError{RetryAfter: d}).RetryAfterSeconds(); got != want {
			t.Errorf("RetryAfterSeconds(%v) = %d, want %d", d, got, want)
		}
	}
	if !hasControl("a\x00b") || !hasControl("tab\there") || hasControl("Zoë O'Brien-Smith") {
		t.Error("hasControl")
	}
}
