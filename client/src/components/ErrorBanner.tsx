import { readableErrors } from '../errors';

interface ErrorBannerProps {
  error: unknown;
  testId?: string;
}

/** Errors as sentences, each with its code for support. Renders nothing when there is no error. */
export function ErrorBanner({ error, testId = 'error' }: ErrorBannerProps) {
  const errors = readableErrors(error);
  if (errors.length === 0) return null;
  return (
    <div className="error-banner" role="alert" data-testid={testId}>
      {errors.map((e, index) => (
        <p key={index} data-error-code={e.code}>
          {e.message} <span className="error-code">{e.code}</span>
        </p>
      ))}
    </div>
  );
}
