// Words for the improvement cycles working on a report: the closed feedback
// loop, told to the person who reported the problem.
import type { Issue } from '../../api/issues';
import { stageLabels } from '../cycles/labels';
import { formatDate } from './labels';

export type LinkedCycle = Issue['cycles'][number];
export type CycleOutcome = NonNullable<LinkedCycle['outcome']>;

/**
 * CycleSentence is what to say around a cycle's title: "Being worked on in
 * improvement cycle ‘…’ — stage Do."
 */
export interface CycleSentence {
  before: string;
  after: string;
}

/** cycleSentence says where a cycle stands, around its title. */
export function cycleSentence(c: LinkedCycle): CycleSentence {
  switch (c.stage) {
    case 'closed':
      return { before: 'Worked on in improvement cycle ', after: ', now finished.' };
    case 'abandoned':
      return { before: 'Improvement cycle ', after: ` was stopped on ${formatDate(c.stage_changed_at)}, before it reached a decision.` };
    default:
      return { before: 'Being worked on in improvement cycle ', after: ` — stage ${stageLabels[c.stage]}.` };
  }
}

const decisionWords: Record<CycleOutcome['decision'], { verb: string; then: string }> = {
  adopt: { verb: 'change adopted', then: '' },
  adapt: { verb: 'change adapted', then: ', to be tested again in the next cycle' },
  abandon: { verb: 'change abandoned', then: '' },
};

/** outcomeSentence says what a closed cycle decided, when and why, after "Outcome:": "change adopted on 3 March 2026: …". */
export function outcomeSentence(o: CycleOutcome): string {
  const { verb, then } = decisionWords[o.decision];
  const why = o.rationale.trim();
  return `${verb} on ${formatDate(o.decided_at)}${then}${why ? `: ${why}` : '.'}`;
}
