import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { CombinedGraphQLErrors } from '@apollo/client';
import { LocaleProvider } from '../i18n/locale';
import { ErrorBanner } from './ErrorBanner';

const errors = (code: string, message: string) => new CombinedGraphQLErrors({ errors: [{ message, extensions: { code } }] });

describe('ErrorBanner', () => {
  it('says generic problems in the viewer language and keeps the code', () => {
    render(
      <LocaleProvider locale="es-MX">
        <ErrorBanner error={errors('FORBIDDEN', 'This needs the role MANAGER.')} />
      </LocaleProvider>,
    );
    expect(screen.getByRole('alert').textContent).toBe('Tu rol no lo permite. This needs the role MANAGER. FORBIDDEN');
  });

  it("shows the server's own words for input problems", () => {
    render(
      <LocaleProvider locale="en">
        <ErrorBanner error={errors('BAD_USER_INPUT', 'The promise is due after the last allowed day.')} />
      </LocaleProvider>,
    );
    expect(screen.getByRole('alert').textContent).toBe('The promise is due after the last allowed day. BAD_USER_INPUT');
  });

  it('renders nothing without an error', () => {
    const { container } = render(
      <LocaleProvider locale="en">
        <ErrorBanner error={undefined} />
      </LocaleProvider>,
    );
    expect(container.textContent).toBe('');
  });
});
