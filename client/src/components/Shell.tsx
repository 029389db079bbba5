import type { ReactNode } from 'react';
import { signOut } from '../auth';
import { LocaleSwitcher, useT } from '../i18n/locale';
import { LiveIndicator } from '../live/LiveIndicator';
import { Link, navigate } from '../router';
import { navFor, useMe } from '../session/me';

/** The frame around every signed-in page: who is signed in, navigation, language, live state, sign-out. */
export function Shell({ children }: { children: ReactNode }) {
  const me = useMe();
  const { t, tEnum } = useT();

  const handleSignOut = () => {
    signOut();
    navigate('/sign-in', { replace: true });
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <nav className="nav" aria-label={t('shell.pages')}>
          {navFor(me.role).map((item) => (
            <Link key={item.to} to={item.to} data-testid={`nav-${item.to.slice(1)}`}>
              {t(item.label)}
            </Link>
          ))}
        </nav>
        <LiveIndicator />
        <LocaleSwitcher />
        <div className="whoami" data-testid="whoami">
          <span className="whoami-name" data-testid="me-name">
            {me.name}
          </span>
          <span className="whoami-meta">
            <span data-testid="me-role" data-role={me.role}>
              {tEnum('role', me.role)}
            </span>
            {me.team && (
              <>
                {' · '}
                <span data-testid="me-team">{me.team.name}</span>
              </>
            )}
          </span>
          <button type="button" className="button-quiet" data-testid="sign-out" onClick={handleSignOut}>
            {t('shell.signOut')}
          </button>
        </div>
      </header>
      <main className="page" id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
