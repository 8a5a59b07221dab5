import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useApiTokens, useRevokeApiToken, type ApiToken } from '../../api/admin';
import { ProblemError, type Problem } from '../../api/problem';
import ErrorSummary from '../../components/ErrorSummary';
import LoadingMessage from '../../components/LoadingMessage';
import { usePageTitle } from '../../lib/usePageTitle';
import type { PageProps } from '../../routes';
import ConfirmAction from './ConfirmAction';
import { explainProblem } from './explainProblem';
import SuccessBanner from './SuccessBanner';
import TokensTable from './TokensTable';

/** TokensPage lists the API tokens monitoring systems use, and revokes them. */
export default function TokensPage({ title }: PageProps) {
  const tokens = useApiTokens();
  const revoke = useRevokeApiToken();
  const [confirming, setConfirming] = useState<ApiToken | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // After "No, go back", focus returns to the button that asked.
  const returnFocus = useRef<string | null>(null);
  useEffect(() => {
    if (confirming || !returnFocus.current) return;
    document.getElementById(returnFocus.current)?.focus();
    returnFocus.current = null;
  }, [confirming]);
  const loadProblem = tokens.error instanceof ProblemError ? tokens.error.problem : null;
  const question = confirming ? `Revoke the API token “${confirming.label}”?` : null;
  usePageTitle(question ?? title, problem !== null || loadProblem !== null);

  if (confirming) {
    return (
      <ConfirmAction
        question={question ?? ''}
        confirmLabel="Yes, revoke token"
        busyLabel="Revoking…"
        busy={revoke.isPending}
        problem={problem}
        onConfirm={() =>
          revoke.mutate(confirming.id, {
            onSuccess: () => {
              setProblem(null);
              setConfirming(null);
              setNotice(`The API token “${confirming.label}” is revoked`);
            },
            onError: (err) => setProblem(explainProblem(err.problem, {})),
          })
        }
        onCancel={() => {
          setProblem(null);
          returnFocus.current = `revoke-${confirming.id}`;
          setConfirming(null);
        }}
      >
        <p>Anything that sends this token will be refused from now on. You cannot undo this.</p>
        <p>If a system still needs access, create a new token for it and put that in its settings.</p>
      </ConfirmAction>
    );
  }

  const items = tokens.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      {loadProblem && <ErrorSummary problem={loadProblem} />}
      {notice && <SuccessBanner heading={notice} />}
      <h1>{title}</h1>
      <p>
        API tokens let monitoring systems, such as Zabbix or a data warehouse, send measurements to Assure without a
        person signing in. Give each system its own token, so you can revoke one without stopping the others.
      </p>
      <Link className="nhsuk-button" to="/admin/tokens/new">
        Create an API token
      </Link>
      {tokens.isPending && <LoadingMessage text="Loading API tokens…" />}
      {tokens.isSuccess &&
        (items.length === 0 ? (
          <p>There are no API tokens yet.</p>
        ) : (
          <TokensTable
            tokens={items}
            onRevoke={(t) => {
              setNotice(null);
              setConfirming(t);
            }}
          />
        ))}
      {tokens.hasNextPage && (
        <button
          className="nhsuk-button nhsuk-button--secondary"
          type="button"
          disabled={tokens.isFetchingNextPage}
          onClick={() => void tokens.fetchNextPage()}
        >
          {tokens.isFetchingNextPage ? 'Loading more tokens…' : 'Show more tokens'}
        </button>
      )}
    </>
  );
}
