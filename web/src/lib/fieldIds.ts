/**
 * fieldIds names a form field's hint and error message after the field's id
 * (`<id>-hint`, `<id>-error`) and lists those shown, for aria-describedby.
 */
export function fieldIds(id: string, hint: unknown, error: unknown) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return { hintId, errorId, describedBy };
}
