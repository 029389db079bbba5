import { useEffect, type ComponentType } from 'react';
import { useToken } from './auth';
import { Shell } from './components/Shell';
import { NotFoundPage } from './pages/NotFoundPage';
import { PortfolioPage } from './pages/PortfolioPage';
import { SignInPage } from './pages/SignInPage';
import { navigate, usePath } from './router';

/** Signed-in pages by path. The supervisor floor, agent desk and manager pages join here. */
const PAGES: Record<string, ComponentType> = {
  '/portfolio': PortfolioPage,
};

const HOME = '/portfolio';

export function App() {
  const token = useToken();
  const path = usePath();
  const signedIn = token !== null;
  const redirect = signedIn && (path === '/' || path === '/sign-in');

  useEffect(() => {
    if (redirect) navigate(HOME, { replace: true });
  }, [redirect]);

  if (!signedIn) return <SignInPage />;
  if (redirect) return null;
  const Page = PAGES[path] ?? NotFoundPage;
  return (
    <Shell>
      <Page />
    </Shell>
  );
}
