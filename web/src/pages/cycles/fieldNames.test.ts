import { describe, expect, it } from 'vitest';
import { withFieldNames } from './fieldNames';

describe('cycle error summary', () => {
  it('names the field a message is about', () => {
    const p = withFieldNames({
      type: 'about:blank',
      title: 'Invalid',
      status: 422,
      errors: [
        { field: 'observations', message: 'is required before Study: what was observed' },
        { field: 'measures', message: 'needs at least one outcome measure before Do starts' },
        { field: 'measures[1].predicted_direction', message: 'is required before Do starts: predict which way RL-02 will move' },
      ],
    });
    expect(p.errors?.map((e) => e.message)).toEqual([
      'Observations is required before Study: what was observed',
      'The plan needs at least one outcome measure before Do starts',
      'Measure 2: predicted direction is required before Do starts: predict which way RL-02 will move',
    ]);
    expect(p.errors?.[0]?.field).toBe('observations');
  });

  it('leaves whole sentences and unknown fields alone', () => {
    const errors = [
      { field: 'aim', message: 'Enter the aim' },
      { field: 'somewhere_else', message: 'is wrong' },
    ];
    expect(withFieldNames({ type: 'about:blank', title: 'Invalid', status: 422, errors }).errors).toEqual(errors);
  });
});
