import type { SetPasswordLink } from '../../api/admin';
import { formatDateTime } from '../audit/dates';
import OneTimeSecret from './OneTimeSecret';

interface Props {
  link: SetPasswordLink;
  /** Who the link is for, by name. */
  name: string;
}

/** SetPasswordLinkCallout shows a one-time set-password link for an admin to send on. */
export default function SetPasswordLinkCallout({ link, name }: Props) {
  return (
    <OneTimeSecret id="set-password-link" label="Set-password link" value={link.url} copyLabel="Copy link" rows={4}>
      <p>
        Copy this link and send it to {name}, for example by NHSmail. It lets them choose their own password. Assure
        keeps no copy of it.
      </p>
      <p>It works once, until {formatDateTime(link.expires_at)}. If it runs out, reset their password to get a new link.</p>
    </OneTimeSecret>
  );
}
