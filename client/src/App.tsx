import { useEffect, type ComponentType } from 'react';
import { useQuery } from '@apollo/client/react';
import { useToken } from './auth';
import { Shell } from './components/Shell';
import { ErrorBanner } from './components/ErrorBanner';
import { ApprovalsPage } from './approvals/ApprovalsPage';
import { DeskPage } from './desk/DeskPage';
import { FloorPage } from './floor/FloorPage';
import { MeDocument } from './gql/graphql';
import { useT } from './i18n/locale';
import { ManagerPage } from './manager/ManagerPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PortfolioPage } from './pages/PortfolioPage';
import { SignInPage } from './pages/SignInPage';
import { navigate, usePath } from './router';
import { homeFor, MeContext } from './session/me';
import { WallboardPage } from './wallboard/WallboardPage';

/** Signed-in pages by path. */
const PAGES: Record<string, ComponentType> = {
  '/floor': FloorPage,
  '/desk': DeskPage,
  '/manager': ManagerPage,
  '/portfolio': PortfolioPage,
  '/approvals': ApprovalsPage,
};

export function App() {
  const token = useToken();
  if (token === null) return <SignInPage />;
  return <SignedIn />;
}

function SignedIn() {
  const path = usePath();
  const { t } = useT();
  const { data, error } = useQuery(MeDocument);
  const me = data?.me ?? null;
  const redirect = me !== null && (path === '/' || path === '/sign-in');

  useEffect(() => {
    if (redirect && me) navigate(homeFor(me.role), { replace: true });
  }, [redirect, me]);

  if (!me) {
    return (
      <main className="page">
        <ErrorBanner error={error} testId="me-error" />
        {!error && <p className="muted">{t('common.loading')}</p>}
      </main>
    );
  }
  if (redirect) return null;
  // The wallboard is made for a wall: no navigation around it.
  if (path === '/wallboard') {
    return (
      <MeContext.Provider value={me}>
        <WallboardPage />
      </MeContext.Provider>
    );
  }
  const Page = PAGES[path] ?? NotFoundPage;
  return (
    <MeContext.Provider value={me}>
      <Shell>
        <Page />
      </Shell>
    </MeContext.Provider>
  );
}
