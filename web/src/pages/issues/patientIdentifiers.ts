// Patient data must not leak into reports. The form screens free text for
// NHS numbers and dates of birth before anything is sent, by exactly the
// rules the server applies (services/issues/identifiers.go); both are
// tested against services/issues/testdata/identifiers.json.

export type IdentifierKind = 'nhs_number' | 'date_of_birth';

/** validNhsNumber checks ten digits' modulus-11 check digit (weights 10..2; 11 → 0; 10 is never valid). */
export function validNhsNumber(digits: string): boolean {
  if (!/^[0-9]{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  if (check === 10) return false;
  return Number(digits[9]) === check;
}

const digitRun = /[0-9]+(?:[ -][0-9]+)*/g;

function containsNhsNumber(text: string): boolean {
  for (const run of text.match(digitRun) ?? []) {
    const groups = run.split(/[ -]/).filter((g) => g !== '');
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i] ?? '';
      if (g.length === 10 && validNhsNumber(g)) return true;
      const b = groups[i + 1];
      const c = groups[i + 2];
      if (b !== undefined && c !== undefined && g.length === 3 && b.length === 3 && c.length === 4 && validNhsNumber(g + b + c)) {
        return true;
      }
    }
  }
  return false;
}

const monthNames =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

const dobKeyword = new RegExp(
  '(?:^|[^a-z])(?:d\\.? ?o\\.? ?b\\.?|date of birth|born)[\\s:.\\-]*(?:on\\s+|is\\s+)?' +
    `(?:[0-9]{1,2}[/.\\-][0-9]{1,2}(?:[/.\\-][0-9]{2,4})?|[0-9]{1,2}(?:st|nd|rd|th)?\\s+${monthNames}\\.?,?\\s+[0-9]{2,4})`,
  'i',
);

const fullDate = new RegExp(
  `[0-9]{1,2}[/.\\-][0-9]{1,2}[/.\\-][0-9]{4}|[0-9]{1,2}(?:st|nd|rd|th)?\\s+${monthNames}\\.?,?\\s+[0-9]{4}`,
  'gi',
);

const twoWordsBefore = /(?:^|[^A-Za-z'.-])([A-Za-z][A-Za-z'.-]*)\s+([A-Za-z][A-Za-z'-]*)[\s,(:-]*$/;
const titleCased = /^[A-Z][a-z]*(?:[-']?[A-Z]?[a-z]+)+$/;
const honorific = /^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Master)\.?$/;

// Title-cased words that before a date mean a time or a place, not a person.
const notNames = new Set(
  `monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
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
  wi-fi wifi network server printer scanner system systems login log-in pathology imaging radiology pharmacy lab labs`
    .split(/\s+/)
    .filter((w) => w !== ''),
);

function containsDateOfBirth(text: string): boolean {
  if (dobKeyword.test(text)) return true;
  for (const m of text.matchAll(fullDate)) {
    const found = twoWordsBefore.exec(text.slice(0, m.index));
    if (!found) continue;
    const first = found[1] ?? '';
    const second = found[2] ?? '';
    if (!titleCased.test(second) || notNames.has(second.toLowerCase())) continue;
    if (honorific.test(first)) return true;
    if (titleCased.test(first) && !notNames.has(first.toLowerCase())) return true;
  }
  return false;
}

/** patientIdentifier says what kind of patient identifier text seems to hold, or null. */
export function patientIdentifier(text: string): IdentifierKind | null {
  if (containsNhsNumber(text)) return 'nhs_number';
  if (containsDateOfBirth(text)) return 'date_of_birth';
  return null;
}

/** identifierMessage explains, for a field's label, why its text was refused. */
export function identifierMessage(kind: IdentifierKind, label: string): string {
  const what = kind === 'nhs_number' ? 'an NHS number' : 'a date of birth';
  return `${label} looks like it contains ${what}. Remove it: do not include patient identifiers`;
}
