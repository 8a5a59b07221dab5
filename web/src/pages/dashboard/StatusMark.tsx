import { Link } from 'react-router';
import type { ComplianceStatus } from '../../api/dashboard';
import { statusSymbol, statusWords } from './format';

interface Props {
  status: ComplianceStatus;
  /** Read after the status: which standard at which system, and its value. */
  detail: string;
  to: string;
}

/**
 * StatusMark is one compact cell of the compliance matrix: a coloured mark
 * with a symbol (so colour is never the only cue), read in full by screen
 * readers, linking to the standard's chart at that system.
 */
export default function StatusMark({ status, detail, to }: Props) {
  return (
    <Link to={to} className={`app-mark app-mark--${status}`} title={`${statusWords[status]}: ${detail}`}>
      <span aria-hidden="true">{statusSymbol[status]}</span>
      <span className="nhsuk-u-visually-hidden">
        {statusWords[status]}: {detail}
      </span>
    </Link>
  );
}
