import { formatDate } from '../lib/spc';

export interface SpcMark {
  number: number;
  date: string;
  kind: string;
  label: string;
}

const kindNames: Record<string, string> = {
  rebase: 'Limits recalculated',
  cycle_adopted: 'Change adopted (PDSA cycle)',
  action_completed: 'Action completed',
};

/** markKindName says what kind of event a mark is. */
export function markKindName(kind: string): string {
  return kindNames[kind] ?? 'Event';
}

/**
 * markText says what happened: the mark's own label, led by its kind
 * unless the label already says it ("Action completed: …").
 */
export function markText(m: Pick<SpcMark, 'kind' | 'label'>): string {
  const kind = markKindName(m.kind);
  if (m.label === '') return kind;
  if (m.label.toLowerCase().startsWith(kind.toLowerCase())) return m.label;
  if (m.kind === 'cycle_adopted') return m.label;
  return `${kind}: ${m.label}`;
}

interface Props {
  marks: readonly SpcMark[];
  headingId: string;
}

/** SpcChartMarks lists the chart's numbered marks: when, what and why. */
export default function SpcChartMarks({ marks, headingId }: Props) {
  if (marks.length === 0) return null;
  return (
    <div className="app-spc__marks">
      <h3 className="nhsuk-heading-s" id={headingId}>
        Marks on the chart
      </h3>
      <ol className="nhsuk-list app-spc__mark-list" aria-labelledby={headingId}>
        {marks.map((m) => (
          <li key={`${m.number}-${m.date}`}>
            <span className="app-spc__mark-number" aria-hidden="true">
              {m.number}
            </span>
            <span className="nhsuk-u-visually-hidden">Mark {m.number}: </span>
            <strong>{formatDate(m.date)}</strong>: {markText(m)}
          </li>
        ))}
      </ol>
    </div>
  );
}
