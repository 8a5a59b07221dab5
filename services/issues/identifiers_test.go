package issues

import (
	"encoding/json"
	"os"
	"testing"
)

// identifierCases are shared with the web form's screen (see the file's
// _comment), so the server and the browser refuse exactly the same text.
type identifierCases struct {
	Cases []struct {
		Name string `json:"name"`
		Text string `json:"text"`
		Want string `json:"want"`
	} `json:"cases"`
}

func TestPatientIdentifier(t *testing.T) {
	raw, err := os.ReadFile("testdata/identifiers.json")
	if err != nil {
		t.Fatal(err)
	}
	var tc identifierCases
	if err := json.Unmarshal(raw, &tc); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"": "", "nhs_number": msgNHSNumber, "date_of_birth": msgDateOfBirth}
	for _, c := range tc.Cases {
		t.Run(c.Name, func(t *testing.T) {
			msg, ok := want[c.Want]
			if !ok {
				t.Fatalf("unknown want %q", c.Want)
			}
			if got := PatientIdentifier(c.Text); got != msg {
				t.Errorf("PatientIdentifier(%q) = %q, want %q", c.Text, got, msg)
			}
		})
	}
}

func TestValidNHSNumber(t *testing.T) {
	for _, c := range []struct {
		name   string
		digits string
		want   bool
	}{
		{"check digit matches", "9434765919", true},
		{"check of 11 becomes 0", "1000000060", true},
		{"check digit differs", "9434765918", false},
		{"check of 10 is never valid", "1000000010", false},
		{"nine digits", "943476591", false},
		{"not digits", "94347659a9", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := ValidNHSNumber(c.digits); got != c.want {
				t.Errorf("ValidNHSNumber(%q) = %v, want %v", c.digits, got, c.want)
			}
		})
	}
}
