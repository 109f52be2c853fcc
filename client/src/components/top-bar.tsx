import type { ReactNode } from 'react';
import { HealthBadge } from '../features/health/components/health-badge.tsx';

/** The dark bar on top: brand, whatever the page puts in the middle (search), connection status, the user. */
export function TopBar({ children, user }: { children?: ReactNode; user?: ReactNode }) {
  return (
    <header className="topbar">
      <div className="brand">
        <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
          <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="2.5" />
          <circle cx="12" cy="3.5" r="2.6" fill="#E69F00" />
          <circle cx="19.4" cy="16.3" r="2.6" fill="#56B4E9" />
          <circle cx="4.6" cy="16.3" r="2.6" fill="#D55E00" />
        </svg>
        <h1>RingLens</h1>
      </div>
      {children}
      <HealthBadge />
      {user}
    </header>
  );
}
