import { describe, expect, it } from 'vitest';
import { formatDay, predictionText, withUnit } from './labels';

describe('improvement labels', () => {
  it('says what was predicted, in the standard’s unit', () => {
    expect(predictionText({ predicted_direction: 'decrease', predicted_change: 10, unit: 'seconds' })).toBe('Decrease by 10 s');
    expect(predictionText({ predicted_direction: 'no_change', predicted_change: 0.5, unit: 'percent' })).toBe('No change within 0.5%');
    expect(predictionText({ predicted_direction: 'increase', predicted_change: null, unit: 'count' })).toBe('Increase');
    expect(predictionText({ predicted_direction: null, predicted_change: 3, unit: 'count' })).toBe('Not predicted yet');
  });

  it('writes values with units, and a dash for none', () => {
    expect(withUnit(99.448, 'percent')).toBe('99.448%');
    expect(withUnit(null, 'percent')).toBe('–');
    expect(withUnit(11.25, 'seconds', 1)).toBe('11.3 s');
  });

  it('writes days in words, in UTC', () => {
    expect(formatDay('2025-01-06')).toBe('6 January 2025');
    expect(formatDay(null)).toBe('Not set');
  });
});
