import type { CycleStage } from '../../api/improvement';
import { stageLabels, stageTagClass } from './labels';

/** StageTag is a cycle's stage as an NHS.UK tag. */
export default function StageTag({ stage }: { stage: CycleStage }) {
  return <strong className={`nhsuk-tag ${stageTagClass[stage]}`}>{stageLabels[stage]}</strong>;
}
