import { readableErrors, type ReadableError } from '../errors';
import { useT, type Translate } from '../i18n/locale';

interface ErrorBannerProps {
  error: unknown;
  testId?: string;
}

/** The server writes its messages for people (in English); the generic ones are said in the viewer's language. */
function localized(e: ReadableError, t: Translate): string {
  switch (e.code) {
    case 'BAD_USER_INPUT':
    case 'NOT_FOUND':
    case 'CONFLICT':
    case 'CONTACT_NOT_ALLOWED':
      return e.serverMessage ?? e.message;
    case 'UNAUTHENTICATED':
      return e.serverMessage || t('error.signIn');
    case 'FORBIDDEN':
      return `${t('error.forbidden')} ${e.serverMessage ?? ''}`.trim();
    case 'QUERY_TOO_DEEP':
    case 'QUERY_TOO_COMPLEX':
      return t('error.tooMuch');
    case 'NETWORK_ERROR':
      return t('error.network');
    default:
      return /^HTTP_[1-4]/.test(e.code) ? t('error.network') : t('error.internal');
  }
}

/** Errors as sentences, each with its code for support. Renders nothing when there is no error. */
export function ErrorBanner({ error, testId = 'error' }: ErrorBannerProps) {
  const { t } = useT();
  const errors = readableErrors(error);
  if (errors.length === 0) return null;
  return (
    <div className="error-banner" role="alert" data-testid={testId}>
      {errors.map((e, index) => (
        <p key={index} data-error-code={e.code}>
          {localized(e, t)} <span className="error-code">{e.code}</span>
        </p>
      ))}
    </div>
  );
}
