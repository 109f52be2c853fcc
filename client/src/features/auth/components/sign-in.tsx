/** The sign-in form shown until a session exists (and again when it ends). */
import { useState } from 'react';
import { login } from '../api/session.ts';
import { type Me } from '@contracts/auth.ts';

export function SignIn({ notice, onSignedIn }: { notice: string | null; onSignedIn(me: Me): void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <main className="signin">
      <form
        className="signin__card"
        aria-labelledby="signin-title"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          login(username.trim(), password).then(onSignedIn, (err: Error) => {
            setError(err.message);
            setBusy(false);
          });
        }}
      >
        <h2 id="signin-title">Sign in to RingLens</h2>
        {notice && !error && <p className="hint">{notice}</p>}
        <label className="field">
          Username
          <input
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            autoFocus
          />
        </label>
        <label className="field">
          Password
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
