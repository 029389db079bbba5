import type { ReactNode } from 'react';
import { useQuery } from '@apollo/client/react';
import { signOut } from '../auth';
import { MeDocument } from '../gql/graphql';
import { humanize } from '../format';
import { Link, navigate } from '../router';
import { ErrorBanner } from './ErrorBanner';

/** The frame around every signed-in page: who is signed in, navigation, sign-out. */
export function Shell({ children }: { children: ReactNode }) {
  const { data, error } = useQuery(MeDocument);
  const me = data?.me;

  const handleSignOut = () => {
    signOut();
    navigate('/sign-in', { replace: true });
  };

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">OpenFloor</span>
        <nav className="nav" aria-label="Pages">
          <Link to="/portfolio" data-testid="nav-portfolio">
            Portfolio
          </Link>
        </nav>
        <div className="whoami" data-testid="whoami">
          {me ? (
            <>
              <span className="whoami-name" data-testid="me-name">
                {me.name}
              </span>
              <span className="whoami-meta">
                <span data-testid="me-role">{humanize(me.role)}</span>
                {me.team && (
                  <>
                    {' · '}
                    <span data-testid="me-team">{me.team.name}</span>
                  </>
                )}
              </span>
            </>
          ) : (
            <span className="whoami-meta">…</span>
          )}
          <button type="button" className="button-quiet" data-testid="sign-out" onClick={handleSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main className="page">
        <ErrorBanner error={error} testId="me-error" />
        {children}
      </main>
    </div>
  );
}
