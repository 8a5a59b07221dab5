/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { identifierMessage, patientIdentifier, validNhsNumber } from './patientIdentifiers';

interface Case {
  name: string;
  text: string;
  want: '' | 'nhs_number' | 'date_of_birth';
}

// The server's own cases (vitest runs in web/): the form must refuse exactly
// what the API refuses.
const shared = JSON.parse(
  readFileSync(resolve(process.cwd(), '../services/issues/testdata/identifiers.json'), 'utf8'),
) as { cases: Case[] };

describe('patientIdentifier agrees with the server', () => {
  it.each(shared.cases)('$name', ({ text, want }) => {
    expect(patientIdentifier(text)).toBe(want === '' ? null : want);
  });
});

describe('validNhsNumber', () => {
  it.each([
    ['check digit matches', '9434765919', true],
    ['check of 11 becomes 0', '1000000060', true],
    ['check digit differs', '9434765918', false],
    ['check of 10 is never valid', '1000000010', false],
    ['nine digits', '943476591', false],
    ['not digits', '94347659a9', false],
  ])('%s', (_name, digits, want) => {
    expect(validNhsNumber(digits)).toBe(want);
  });
});

describe('identifierMessage', () => {
  it('names the field and says why', () => {
    expect(identifierMessage('nhs_number', 'Description')).toBe(
      'Description looks like it contains an NHS number. Remove it: do not include patient identifiers',
    );
  });
});
