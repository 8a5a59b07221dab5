import type { IssueStatus } from '../../api/issues';
import { statusLabels, statusTagClass } from './labels';

interface Props {
  status: IssueStatus;
}

/** StatusTag is a report's status as an NHS.UK tag. */
export default function StatusTag({ status }: Props) {
  return <strong className={`nhsuk-tag ${statusTagClass[status]}`}>{statusLabels[status]}</strong>;
}
