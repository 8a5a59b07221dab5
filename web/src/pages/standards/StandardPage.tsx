import { Link, useParams, useSearchParams } from 'react-router';
import type { ProblemError } from '../../api/problem';
import {
  usePeople,
  useSites,
  useStandard,
  useStandardCompliance,
  useStandardExceptions,
  useStandardRebases,
  useStandardRevisions,
  useStandardSpc,
  useSystems,
} from '../../api/standards';
import { useMe } from '../../api/useMe';
import ErrorSummary from '../../components/ErrorSummary';
import LoadingMessage from '../../components/LoadingMessage';
import SpcChart from '../../components/SpcChart';
import type { PointStatus } from '../../components/SpcChartTable';
import { formatDate, formatValue } from '../../lib/spc';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import ComplianceSummary from './ComplianceSummary';
import { categoryLabels, directionLabels, periodLabels, rollupLabels, statusLabels, statusTagColours, thresholdSentence, unitLabels } from './labels';
import RebaseForm from './RebaseForm';
import SelectField from '../../components/SelectField';
import StandardHistory from './StandardHistory';
import SummaryRow from './SummaryRow';
import './catalogue.css';

/** StandardPage shows one standard: what it asks, who owns it, how it is performing and its history. */
export default function StandardPage({ title }: PageProps) {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const systemId = params.get('system') ?? undefined;
  const { data: me } = useMe();
  const standard = useStandard(id);
  const chart = useStandardSpc(id, systemId);
  const compliance = useStandardCompliance(id, systemId);
  const revisions = useStandardRevisions(id);
  const exceptions = useStandardExceptions(id);
  const rebases = useStandardRebases(id);
  const systems = useSystems();
  const sites = useSites();
  const { people } = usePeople();
  const s = standard.data;
  usePageTitle(s ? `${s.code} ${s.title}` : title, standard.error !== null);

  if (standard.isLoading) return <LoadingMessage text="Loading the standard…" />;
  if (standard.error || !s) {
    const problem = (standard.error as ProblemError | null)?.problem;
    return (
      <>
        <h1>{problem?.status === 404 ? 'Standard not found' : title}</h1>
        {problem && problem.status !== 404 && <ErrorSummary problem={problem} />}
        {problem?.status === 404 && <p>There is no standard at this address. It may have been removed.</p>}
        <p>
          <Link to="/standards">Go to the standards catalogue</Link>
        </p>
      </>
    );
  }

  const systemById = new Map((systems.data ?? []).map((x) => [x.id, x]));
  const siteById = new Map((sites.data ?? []).map((x) => [x.id, x]));
  const scope = s.system_ids.map((sid) => ({ id: sid, name: systemById.get(sid)?.name ?? 'A system' }));
  const chosen = scope.find((x) => x.id === systemId);
  const owner = s.owner_id === null ? null : (people.get(s.owner_id)?.name ?? 'Named owner (ask an administrator)');
  const isAdmin = me?.roles.includes('admin') ?? false;
  const isOwner = me !== undefined && s.owner_id === me.id;
  const canManage = me?.permissions.includes('standards.manage') ?? false;
  const statuses = new Map<string, PointStatus>((compliance.data?.periods ?? []).map((p) => [p.period_start, p.status]));
  const chartTitle = `${s.code} ${s.title}, ${chosen ? chosen.name : 'whole organisation'}`;
  const chartError = (chart.error ?? compliance.error) as ProblemError | null;

  function chooseSystem(value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set('system', value);
    else next.delete('system');
    setParams(next, { replace: true });
  }

  return (
    <>
      <div className="nhsuk-back-link">
        <Link className="nhsuk-back-link__link" to="/standards">
          All standards
        </Link>
      </div>
      <span className="nhsuk-caption-l">
        {s.code} · {categoryLabels[s.category]}
      </span>
      <h1 className="app-cat-heading-with-tag">
        {s.title}{' '}
        <strong className={`nhsuk-tag nhsuk-tag--${statusTagColours[s.status]}`}>{statusLabels[s.status]}</strong>
      </h1>
      {s.rationale && <p className="nhsuk-body-l app-cat-rationale">{s.rationale}</p>}

      {(canManage || isOwner) && (
        <p>
          <Link to={`/standards/${s.id}/edit`}>
            {canManage ? 'Change this standard' : 'Change the wording of this standard'}
            <span className="nhsuk-u-visually-hidden"> ({s.code})</span>
          </Link>
        </p>
      )}

      <h2>What the standard asks</h2>
      <dl className="nhsuk-summary-list">
        <SummaryRow label="Accountable owner">{owner ?? 'No owner yet'}</SummaryRow>
        <SummaryRow label="Metric">
          {s.metric} ({unitLabels[s.unit].toLowerCase()})
        </SummaryRow>
        <SummaryRow label="Threshold">{thresholdSentence(s.direction, s.threshold, s.unit)}</SummaryRow>
        <SummaryRow label="Target">{s.target === null ? 'None set' : formatValue(s.target, s.unit, 3)}</SummaryRow>
        <SummaryRow label="Direction">{directionLabels[s.direction]}</SummaryRow>
        <SummaryRow label="Period">{periodLabels[s.period]}</SummaryRow>
        <SummaryRow label="Organisation value">{rollupLabels[s.rollup]}</SummaryRow>
        <SummaryRow label="Systems in scope">
          {scope.length === 0 ? (
            'Organisation-wide'
          ) : (
            <ul className="nhsuk-list app-cat-inline-list">
              {scope.map((x) => (
                <li key={x.id}>
                  <Link to={`/systems/${x.id}`}>{x.name}</Link>
                </li>
              ))}
            </ul>
          )}
        </SummaryRow>
        <SummaryRow label="Review due">{s.review_due ? formatDate(s.review_due) : 'Not set'}</SummaryRow>
        <SummaryRow label="References">
          {s.references.length === 0
            ? 'None'
            : s.references.map((r) => (
                <span key={`${r.scheme}-${r.id}`} className="app-cat-reference">
                  {r.scheme} {r.id}
                </span>
              ))}
        </SummaryRow>
        <SummaryRow label="SPC settings">
          {s.baseline_points === null ? 'Limits from every point of each segment' : `Limits from the first ${s.baseline_points} points of each segment`}
          {s.screen_moving_ranges ? '; large moving ranges screened out' : '; moving ranges not screened'}
        </SummaryRow>
      </dl>

      <h2 id="performance">Performance</h2>
      {scope.length > 0 && (
        <div className="app-cat-system-filter">
          <SelectField
            id="chart-system"
            label="Show the values for"
            value={systemId ?? ''}
            onChange={(e) => chooseSystem(e.target.value)}
            placeholder="The whole organisation"
            options={scope.map((x) => ({ value: x.id, label: x.name }))}
          />
        </div>
      )}
      {chartError && <ErrorSummary problem={chartError.problem} />}
      {compliance.data && <ComplianceSummary compliance={compliance.data} />}
      {chart.isLoading ? (
        <LoadingMessage text="Loading the chart…" />
      ) : (
        chart.data && (
          <SpcChart
            analysis={chart.data}
            title={chartTitle}
            idPrefix="standard-chart"
            threshold={chart.data.threshold}
            target={chart.data.target}
            annotations={chart.data.annotations}
            period={chart.data.period}
            unit={chart.data.unit}
            statuses={statuses}
            assuranceAgainst={`the threshold of ${formatValue(chart.data.threshold, chart.data.unit, 3)}`}
          />
        )
      )}

      {(isOwner || isAdmin) && chart.data && (
        <RebaseForm standardId={s.id} period={s.period} periods={chart.data.points.map((p) => p.period)} />
      )}

      <StandardHistory
        standard={s}
        revisions={revisions.data ?? []}
        rebases={rebases.data ?? []}
        exceptions={exceptions.data ?? []}
        systemName={(sid) => systemById.get(sid)?.name ?? 'A system'}
        siteName={(sid) => siteById.get(sid)?.name ?? 'A site'}
        personName={(uid) => people.get(uid)?.name ?? null}
      />
    </>
  );
}
