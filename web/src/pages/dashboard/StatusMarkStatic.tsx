import type { ComplianceStatus } from '../../api/dashboard';
import { statusSymbol, statusWords } from './format';

/** StatusMarkStatic is a compact status mark that is not a link, with its word for screen readers. */
export default function StatusMarkStatic({ status }: { status: ComplianceStatus }) {
  return (
    <span className={`app-mark app-mark--${status}`} title={statusWords[status]}>
      <span aria-hidden="true">{statusSymbol[status]}</span>
      <span className="nhsuk-u-visually-hidden">{statusWords[status].toLowerCase()}</span>
    </span>
  );
}
