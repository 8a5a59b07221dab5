interface Props {
  text?: string;
}

/** LoadingMessage says, politely, that something is on its way. */
export default function LoadingMessage({ text = 'Loading…' }: Props) {
  return (
    <div className="app-loading" role="status" aria-live="polite">
      <p className="nhsuk-body">{text}</p>
    </div>
  );
}
