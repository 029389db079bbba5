import { useState, type FormEvent } from 'react';
import { useMutation } from '@apollo/client/react';
import { getSignOutNotice, signIn } from '../auth';
import { ErrorBanner } from '../components/ErrorBanner';
import { LoginDocument } from '../gql/graphql';

export function SignInPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const notice = getSignOutNotice();
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
        <h1>OpenFloor</h1>
        <p className="muted">Sign in to the collections floor.</p>
        {notice && !error && (
          <p className="notice" role="status" data-testid="sign-in-notice">
            {notice}
          </p>
        )}
        <ErrorBanner error={error} testId="sign-in-error" />
        <label className="field">
          <span>Email</span>
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
          <span>Password</span>
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
          {loading ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
