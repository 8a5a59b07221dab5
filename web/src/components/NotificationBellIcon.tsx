/** NotificationBellIcon is a bell, beside the header's notifications button. */
export default function NotificationBellIcon() {
  return (
    <svg className="nhsuk-icon app-bell__icon" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true">
      <path d="M12 2a1.5 1.5 0 0 1 1.5 1.5v.7A6.5 6.5 0 0 1 18.5 10.5v4.2l1.8 2.7A1 1 0 0 1 19.5 19h-15a1 1 0 0 1-.8-1.6l1.8-2.7v-4.2a6.5 6.5 0 0 1 5-6.3v-.7A1.5 1.5 0 0 1 12 2Zm2.5 18a2.5 2.5 0 0 1-5 0Z" />
    </svg>
  );
}
