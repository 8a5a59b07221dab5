package services

import "testing"

func TestCursorRoundTripAndRejection(t *testing.T) {
	c := EncodeCursor("jo@nhs.net", "0190a8f0-0000-7000-8000-000000000001")
	parts, err := DecodeCursor(c, 2)
	if err != nil || parts[0] != "jo@nhs.net" || parts[1] != "0190a8f0-0000-7000-8000-000000000001" {
		t.Fatalf("round trip: %v %v", parts, err)
	}
	if parts, err := DecodeCursor("", 2); parts != nil || err != nil {
		t.Fatalf("empty cursor: %v %v", parts, err)
	}
	for _, bad := range []string{"!!", "bm90IGpzb24", EncodeCursor("one"), EncodeCursor("a", "b", "c")} {
		if _, err := DecodeCursor(bad, 2); err == nil {
			t.Errorf("DecodeCursor(%q) accepted", bad)
		}
	}
}

func TestPageLimit(t *testing.T) {
	for in, want := range map[int]int{0: DefaultLimit, 1: 1, 500: 500} {
		if got, err := PageLimit(in); err != nil || got != want {
			t.Errorf("PageLimit(%d) = %d %v", in, got, err)
		}
	}
	for _, bad := range []int{-1, 501} {
		if _, err := PageLimit(bad); err == nil {
			t.Errorf("PageLimit(%d) accepted", bad)
		}
	}
}
