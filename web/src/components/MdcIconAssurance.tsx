import { assuranceShort, assuranceText, mdcColours, type Assurance } from '../lib/spc';

interface Props {
  assurance: Assurance | null;
  /** Width and height in pixels. */
  size?: number;
  /** What assurance is judged against, in words: "the threshold". */
  targetWord?: string;
}

/**
 * MdcIconAssurance is the Making Data Count assurance icon: P (will
 * consistently pass), F (will consistently fail) or ? (hit and miss), in
 * a ring in the MDC colour (blue, orange, grey). Its meaning is its accessible label; show the
 * words beside it too.
 */
export default function MdcIconAssurance({ assurance, size = 48, targetWord }: Props) {
  const label = `Assurance: ${assuranceShort(assurance)}. ${assuranceText(assurance, targetWord)}`;
  const colour =
    assurance === 'pass' ? mdcColours.improvement : assurance === 'fail' ? mdcColours.concern : mdcColours.common_cause;
  const letter = assurance === 'pass' ? 'P' : assurance === 'fail' ? 'F' : assurance === 'inconsistent' ? '?' : '–';
  return (
    <svg className="app-mdc-icon" width={size} height={size} viewBox="0 0 48 48" role="img" aria-label={label}>
      <circle
        cx="24"
        cy="24"
        r="21"
        fill="#fff"
        stroke={colour}
        strokeWidth="3"
        strokeDasharray={assurance === null ? '4 3' : undefined}
      />
      <text x="24" y="29" textAnchor="middle" fontSize="16" fontWeight="bold" fill={assurance === null ? '#4c6272' : colour}>
        {letter}
      </text>
    </svg>
  );
}
