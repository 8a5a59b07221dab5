import { useEffect, useState } from 'react';

interface Props {
  /** What to copy. */
  text: string;
  /** The button's words, such as "Copy token". */
  label: string;
  /** The id of the input holding the text, selected when copying is not allowed. */
  inputId: string;
}

/**
 * CopyButton copies a value to the clipboard and says so. Where the browser
 * refuses (no clipboard on plain http), it selects the value instead, so
 * Ctrl+C or the phone's own menu finishes the job.
 */
export default function CopyButton({ text, label, inputId }: Props) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'selected'>('idle');

  useEffect(() => {
    if (status === 'idle') return;
    const t = setTimeout(() => setStatus('idle'), 5000);
    return () => clearTimeout(t);
  }, [status]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('copied');
    } catch {
      const input = document.getElementById(inputId);
      if (input instanceof HTMLInputElement || input instanceof HTMLTextAreaElement) {
        input.focus();
        input.select();
      }
      setStatus('selected');
    }
  }

  return (
    <>
      <button className="nhsuk-button nhsuk-button--secondary app-copy-button" type="button" onClick={() => void copy()}>
        {label}
      </button>
      <span className="app-copy-status" role="status">
        {status === 'copied' && 'Copied'}
        {status === 'selected' && 'Selected: press Ctrl+C (or Cmd+C) to copy'}
      </span>
    </>
  );
}
