import type { ComplianceStatus } from '../../api/dashboard';
import { statusTagClass, statusWords } from './format';

/** StatusTag shows how a period was judged as an NHS.UK tag. */
export default function StatusTag({ status }: { status: ComplianceStatus }) {
  return <strong className={`nhsuk-tag ${statusTagClass[status]} app-status-tag`}>{statusWords[status]}</strong>;
}
