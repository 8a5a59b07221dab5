package issues

import (
	"regexp"
	"strings"
)

// Patient data must not leak into reports. Free text is screened for the two
// identifiers that are both common in clinical writing and recognisable by
// rule: NHS numbers and dates of birth. The web form runs the same rules
// (web/src/pages/issues/patientIdentifiers.ts) before anything is sent; both
// are tested against testdata/identifiers.json so they cannot drift apart.

// Messages for text that looks like a patient identifier.
const (
	msgNHSNumber   = "looks like an NHS number; do not include patient identifiers"
	msgDateOfBirth = "looks like a date of birth; do not include patient identifiers"
)

// digitRun is a run of digit groups joined by single spaces or hyphens:
// "9434765919", "943 476 5919", "943-476-5919", "ext 12 943 476 5919".
var digitRun = regexp.MustCompile(`[0-9]+(?:[ -][0-9]+)*`)

// ValidNHSNumber reports whether ten digits carry a valid modulus-11 check
// digit: weights 10..2 on the first nine, check = 11 − (sum mod 11), 11 → 0,
// and 10 is never issued.
func ValidNHSNumber(digits string) bool {
	if len(digits) != 10 {
		return false
	}
	sum := 0
	for i := 0; i < 9; i++ {
		c := digits[i]
		if c < '0' || c > '9' {
			return false
		}
		sum += int(c-'0') * (10 - i)
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	if check == 10 {
		return false
	}
	return digits[9] == byte('0'+check)
}

// containsNHSNumber finds ten digits, written together or spaced 3-3-4, that
// pass the check digit. Digits inside longer numbers (a phone number's eleven)
// do not count; a 3-3-4 triple anywhere in a run of groups does.
func containsNHSNumber(text string) bool {
	for _, run := range digitRun.FindAllString(text, -1) {
		groups := strings.FieldsFunc(run, func(r rune) bool { return r == ' ' || r == '-' })
		for i, g := range groups {
			if len(g) == 10 && ValidNHSNumber(g) {
				return true
			}
			if i+2 < len(groups) && len(g) == 3 && len(groups[i+1]) == 3 && len(groups[i+2]) == 4 &&
				ValidNHSNumber(g+groups[i+1]+groups[i+2]) {
				return true
			}
		}
	}
	return false
}

const monthNames = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`

var (
	// dobKeyword is "DOB", "d.o.b.", "date of birth" or "born", then a date
	// (a numeric one may leave out the year).
	dobKeyword = regexp.MustCompile(`(?i)(?:^|[^a-z])(?:d\.? ?o\.? ?b\.?|date of birth|born)[\s:.\-]*(?:on\s+|is\s+)?` +
		`(?:[0-9]{1,2}[/.\-][0-9]{1,2}(?:[/.\-][0-9]{2,4})?|[0-9]{1,2}(?:st|nd|rd|th)?\s+` + monthNames + `\.?,?\s+[0-9]{2,4})`)

	// fullDate is a date with a four-digit year: 12/03/1954, 12.03.1954,
	// 12-03-1954, 12 March 1954, 12th Mar 1954.
	fullDate = regexp.MustCompile(`(?i)[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{4}|[0-9]{1,2}(?:st|nd|rd|th)?\s+` + monthNames + `\.?,?\s+[0-9]{4}`)

	// twoWordsBefore takes the last two words before a date, allowing
	// "John Smith, 12/03/1954" and "Smith John (12/03/1954".
	twoWordsBefore = regexp.MustCompile(`(?:^|[^A-Za-z'.\-])([A-Za-z][A-Za-z'.\-]*)\s+([A-Za-z][A-Za-z'\-]*)[\s,(:\-]*$`)

	titleCased = regexp.MustCompile(`^[A-Z][a-z]*(?:[-']?[A-Z]?[a-z]+)+$`)
	honorific  = regexp.MustCompile(`^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Master)\.?$`)
)

// notNames are Title-cased words that, before a date, almost always mean a
// time or a place rather than a person ("Since Monday 12/03/2024", "Eastfield
// General 01/02/2025"). Lower case; compared case-insensitively.
var notNames = wordSet(`
		monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
		january february march april may june july august september october november december
		jan feb mar apr jun jul aug sep sept oct nov dec
		since on from until till at the and or of in to for by with between after before about around
		approx approximately every each this last next today yesterday tonight morning afternoon evening
		night shift day days week weeks weekend month year years bank holiday christmas easter eve new
		started began begun down again also still ongoing intermittent intermittently
		ward wards hospital general royal infirmary community children children's childrens theatre theatres
		clinic unit department dept team site centre center block floor wing building house suite bay room
		single sign sign-on patch update upgrade release version change windows go-live cutover downtime
		outage incident ticket call logged reported raised fixed resolved restored
		wi-fi wifi network server printer scanner system systems login log-in pathology imaging radiology pharmacy lab labs`)

// wordSet makes a set of the whitespace-separated words of s.
func wordSet(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(s) {
		out[w] = true
	}
	return out
}

// containsDateOfBirth finds a date of birth: a date after "DOB", "d.o.b.",
// "date of birth" or "born", or a full date straight after what looks like a
// person's name (two Title-cased words, or Mr/Mrs/Dr… and a Title-cased
// word). Deliberately conservative, so ordinary dates ("since 09:00 on
// 12/03", "went down on 12/03/2024") pass.
func containsDateOfBirth(text string) bool {
	if dobKeyword.MatchString(text) {
		return true
	}
	for _, loc := range fullDate.FindAllStringIndex(text, -1) {
		m := twoWordsBefore.FindStringSubmatch(text[:loc[0]])
		if m == nil {
			continue
		}
		first, second := m[1], m[2]
		if !titleCased.MatchString(second) || notNames[strings.ToLower(second)] {
			continue
		}
		if honorific.MatchString(first) {
			return true
		}
		if titleCased.MatchString(first) && !notNames[strings.ToLower(first)] {
			return true
		}
	}
	return false
}

// PatientIdentifier returns why text looks like it holds a patient
// identifier, or "" when it does not.
func PatientIdentifier(text string) string {
	switch {
	case containsNHSNumber(text):
		return msgNHSNumber
	case containsDateOfBirth(text):
		return msgDateOfBirth
	}
	return ""
}
