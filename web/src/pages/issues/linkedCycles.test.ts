import { describe, expect, it } from 'vitest';
import { cycleSentence, outcomeSentence, type LinkedCycle } from './linkedCycles';

const cycle: LinkedCycle = {
  id: '0195f0c2-0000-7000-8000-000000000001',
  title: 'Tap-and-go log-in',
  change_idea: 'Tap a badge instead of typing a password',
  stage: 'do',
  stage_changed_at: '2026-02-16T09:00:00Z',
  linked_via: 'report',
  outcome: null,
  can_open: true,
};

describe('cycleSentence', () => {
  it('says a running cycle is being worked on, and at which stage', () => {
    expect(cycleSentence(cycle)).toEqual({ before: 'Being worked on in improvement cycle ', after: ' — stage Do.' });
    expect(cycleSentence({ ...cycle, stage: 'study' }).after).toBe(' — stage Study.');
  });

  it('says a closed cycle has finished', () => {
    expect(cycleSentence({ ...cycle, stage: 'closed' }).after).toBe(', now finished.');
  });

  it('says when an abandoned cycle was stopped', () => {
    expect(cycleSentence({ ...cycle, stage: 'abandoned', stage_changed_at: '2026-03-06T10:00:00Z' }).after).toBe(
      ' was stopped on 6 March 2026, before it reached a decision.',
    );
  });
});

describe('outcomeSentence', () => {
  const outcome = { decision: 'adopt', decided_at: '2026-03-03T10:00:00Z', rationale: 'Log-in fell to 11 s.', study_summary: '' } as const;

  it('says what was decided, when and why', () => {
    expect(outcomeSentence(outcome)).toBe('change adopted on 3 March 2026: Log-in fell to 11 s.');
  });

  it('says an adapted change is tested again', () => {
    expect(outcomeSentence({ ...outcome, decision: 'adapt', rationale: 'Try three wards.' })).toBe(
      'change adapted on 3 March 2026, to be tested again in the next cycle: Try three wards.',
    );
  });

  it('ends the sentence when there is no reason to give', () => {
    expect(outcomeSentence({ ...outcome, decision: 'abandon', rationale: ' ' })).toBe('change abandoned on 3 March 2026.');
  });
});
