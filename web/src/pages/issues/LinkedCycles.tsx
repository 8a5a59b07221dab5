import { Link } from 'react-router';
import { cycleSentence, outcomeSentence, type LinkedCycle } from './linkedCycles';

interface Props {
  cycles: readonly LinkedCycle[];
  /** detailed adds the change tested, what the measures showed and how the cycle is linked (the report page). */
  detailed?: boolean;
  /** ofProblem: these are a problem's own cycles (the problem page), so how each is linked goes without saying. */
  ofProblem?: boolean;
}

/** How many cycles a card in "My reports" shows: the newest, where a ramp of cycles has got to. */
const inCard = 2;

function CycleTitle({ cycle }: { cycle: LinkedCycle }) {
  // Everyone who sees the report sees the cycle's title; only those who may
  // read cycles are offered its page.
  return <>‘{cycle.can_open ? <Link to={`/cycles/${cycle.id}`}>{cycle.title}</Link> : cycle.title}’</>;
}

/**
 * LinkedCycles tells the reporter what became of their report: the
 * improvement cycles working on it, where each has got to, and what each
 * decided once it finished.
 */
export default function LinkedCycles({ cycles, detailed = false, ofProblem = false }: Props) {
  const shown = detailed ? cycles : cycles.slice(-inCard);
  const earlier = cycles.length - shown.length;
  return (
    <>
      {earlier > 0 && (
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
          {earlier === 1 ? 'An earlier improvement cycle' : `${earlier} earlier improvement cycles`} worked on it too; the report lists them all.
        </p>
      )}
      {shown.map((c, i) => {
        const { before, after } = cycleSentence(c);
        const text = detailed ? 'nhsuk-u-margin-bottom-1' : 'nhsuk-body-s nhsuk-u-margin-bottom-1';
        // A ramp's cycles usually test one change: say it once.
        const newChange = c.change_idea !== '' && c.change_idea !== shown[i - 1]?.change_idea;
        return (
          <div key={c.id} className={detailed ? 'nhsuk-u-margin-bottom-4' : undefined}>
            <p className={text}>
              {before}
              <CycleTitle cycle={c} />
              {after}
            </p>
            {detailed && newChange && <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">The change tested: {c.change_idea}</p>}
            {detailed && c.outcome?.study_summary && (
              <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">What the measures showed: {c.outcome.study_summary}</p>
            )}
            {c.outcome && (
              <p className={text}>
                <strong>Outcome:</strong> {outcomeSentence(c.outcome)}
              </p>
            )}
            {detailed && !ofProblem && c.linked_via === 'problem' && (
              <p className="nhsuk-body-s nhsuk-u-margin-bottom-1 nhsuk-u-secondary-text-colour">
                Linked to the problem this report is grouped under.
              </p>
            )}
          </div>
        );
      })}
    </>
  );
}
