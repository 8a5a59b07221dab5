package auth

import (
	"testing"
	"time"
)

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
