import type { DashboardCounts } from '../../api/dashboard';
import StatusMarkStatic from './StatusMarkStatic';

/** CountsTags shows how many judgements were met, breached, excepted and missing ("3 ✓ 1 ✗"). */
export default function CountsTags({ counts }: { counts: DashboardCounts }) {
  const parts = (['met', 'breached', 'excepted', 'missing'] as const).filter((s) => counts[s] > 0);
  if (parts.length === 0) return <>No standards apply</>;
  return (
    <span className="app-counts">
      {parts.map((s) => (
        <span key={s} className="app-counts__item">
          {counts[s]} <StatusMarkStatic status={s} />
        </span>
      ))}
    </span>
  );
}
