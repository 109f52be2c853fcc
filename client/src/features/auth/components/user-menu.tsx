import type { Me } from '@contracts/auth.ts';

/** Who is signed in, with their role, and a way out. */
export function UserMenu({ me, onSignOut }: { me: Me; onSignOut(): void }) {
  return (
    <div className="user-menu">
      <span className="user-menu__name" data-testid="signed-in-user">
        {me.username} <span className="user-menu__role">{me.role}</span>
      </span>
      {me.via === 'session' && (
        <button type="button" className="ghost small user-menu__out" onClick={onSignOut}>
          Sign out
        </button>
      )}
    </div>
  );
}
