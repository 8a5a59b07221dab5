import { useEffect } from 'react';

export const serviceName = 'Assure';

/**
 * usePageTitle sets the document title in the NHS.UK form
 * "Page – Assure", prefixed "Error:" while the page shows errors.
 */
export function usePageTitle(title: string, hasError = false): void {
  useEffect(() => {
    const base = title === serviceName ? serviceName : `${title} – ${serviceName}`;
    document.title = hasError ? `Error: ${base}` : base;
  }, [title, hasError]);
}
