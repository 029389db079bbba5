import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { EXPIRED_NOTICE, getSignOutNotice, signIn } from '../auth';
import { LocaleSwitcher, useT } from '../i18n/locale';
import { ErrorBanner } from '../components/ErrorBanner';
import { LoginDocument } from '../gql/graphql';

export function SignInPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { t } = useT();
  const rawNotice = getSignOutNotice();
  const notice = rawNotice === EXPIRED_NOTICE ? t('signIn.expired') : rawNotice;
  const [login, { loading, error }] = useMutation(LoginDocument);

  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    try {
      const { data } = await login({ variables: { email: email.trim(), password } });
      if (!data) return;
      signIn(data.login.token);
    } catch {
      // Shown from the mutation's `error`.
    }
  };

  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={handleSubmit} data-testid="sign-in-form" noValidate>
        <h1>{t('app.name')}</h1>
        <p className="muted">{t('signIn.title')}</p>
        {notice && !error && (
          <p className="notice" role="status" data-testid="sign-in-notice">
            {notice}
          </p>
        )}
        <ErrorBanner error={error} testId="sign-in-error" />
        <label className="field">
          <span>{t('signIn.email')}</span>
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            data-testid="sign-in-email"
          />
        </label>
        <label className="field">
          <span>{t('signIn.password')}</span>
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="sign-in-password"
          />
        </label>
        <button type="submit" className="button-primary" disabled={loading || !email || !password} data-testid="sign-in-submit">
          {loading ? t('signIn.submitting') : t('signIn.submit')}
        </button>
        <LocaleSwitcher />
      </form>
    </main>
  );
}
