/**
 * The web app: checks for a session, shows the sign-in form until there is one (and again when it ends), then the
 * investigator's workbench.
 */
import { useCallback, useEffect, useState } from 'react';
import { TopBar } from './components/top-bar.tsx';
import { getMe, logout } from './features/auth/api/session.ts';
import { type Me } from '@contracts/auth.ts';
import { SignIn } from './features/auth/components/sign-in.tsx';
import { UserMenu } from './features/auth/components/user-menu.tsx';
import { onUnauthorized } from './lib/api-client.ts';
import { Workbench } from './workbench.tsx';

type Session = { state: 'checking' } | { state: 'signed-out'; notice: string | null } | { state: 'signed-in'; me: Me };

export function App() {
  const [session, setSession] = useState<Session>({ state: 'checking' });

  useEffect(() => {
    const controller = new AbortController();
    getMe(controller.signal).then(
      (me) => setSession(me ? { state: 'signed-in', me } : { state: 'signed-out', notice: null }),
      (err: Error) => {
        if (err.name !== 'AbortError') setSession({ state: 'signed-out', notice: err.message });
      },
    );
    return () => controller.abort();
  }, []);

  useEffect(
    () =>
      onUnauthorized((message) =>
        setSession((s) => (s.state === 'signed-in' ? { state: 'signed-out', notice: message } : s)),
      ),
    [],
  );

  const signOut = useCallback(() => {
    void logout().finally(() => setSession({ state: 'signed-out', notice: 'You have signed out.' }));
  }, []);

  if (session.state === 'signed-in') {
    return <Workbench me={session.me} user={<UserMenu me={session.me} onSignOut={signOut} />} />;
  }
  return (
    <div className="app">
      <TopBar />
      {session.state === 'signed-out' && (
        <SignIn notice={session.notice} onSignedIn={(me) => setSession({ state: 'signed-in', me })} />
      )}
    </div>
  );
}
