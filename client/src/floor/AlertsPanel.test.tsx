import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MockedProvider } from '@apollo/client/testing/react';
import { GraphQLError } from 'graphql';
import { AcknowledgeAlertDocument, AlertRaisedDocument, OpenAlertsDocument } from '../gql/graphql';
import { LocaleProvider, type Locale } from '../i18n/locale';
import { AlertsPanel } from './AlertsPanel';

const TEAM = 'VGVhbTox';
const alert = (id: string, raisedAt: string, extra: Record<string, unknown> = {}) => ({
  __typename: 'Alert',
  id,
  kind: 'AGENT_PAUSED_TOO_LONG',
  message: 'An agent has been PAUSED (BREAK) for 20 min; the limit is 20 min.',
  raisedAt,
  acknowledgedAt: null,
  acknowledgedBy: null,
  agent: { __typename: 'Agent', id: 'QWdlbnQ6Mw==', name: 'Ana Ruiz' },
  account: null,
  ...extra,
});
const EARLIER = alert('QWxlcnQ6MQ==', '2026-11-18T16:20:00.000Z');
const LIVE = alert('QWxlcnQ6Mg==', '2026-11-18T16:30:00.000Z', { kind: 'AGENT_IN_WRAP_UP_TOO_LONG' });

function setup({ canAcknowledge, acknowledge, locale = 'en' }: { canAcknowledge: boolean; acknowledge?: 'ok' | 'conflict'; locale?: Locale }) {
  const mocks = [
    {
      request: { query: OpenAlertsDocument, variables: { teamId: TEAM } },
      result: { data: { alerts: { __typename: 'AlertConnection', totalCount: 1, nodes: [EARLIER] } } },
    },
    {
      request: { query: AlertRaisedDocument, variables: { teamId: TEAM } },
      result: { data: { alertRaised: LIVE } },
      delay: 20,
    },
    {
      request: { query: AcknowledgeAlertDocument, variables: { id: EARLIER.id } },
      ...(acknowledge === 'conflict'
        ? { result: { errors: [new GraphQLError('This alert was already acknowledged.', { extensions: { code: 'CONFLICT' } })] } }
        : {
            result: {
              data: {
                acknowledgeAlert: {
                  ...EARLIER,
                  acknowledgedAt: '2026-11-18T16:31:00.000Z',
                  acknowledgedBy: { __typename: 'Agent', id: 'QWdlbnQ6Mg==', name: 'Sara Supervisor' },
                },
              },
            },
          }),
    },
  ];
  render(
    <MockedProvider mocks={mocks}>
      <LocaleProvider locale={locale}>
        <AlertsPanel teamId={TEAM} canAcknowledge={canAcknowledge} />
      </LocaleProvider>
    </MockedProvider>,
  );
}

const items = () => screen.queryAllByTestId('alert-item');

describe('AlertsPanel', () => {
  it('lists the open alerts stored before it opened, then puts each live one first', async () => {
    setup({ canAcknowledge: true });
    await waitFor(() => expect(items().map((i) => i.dataset['alertId'])).toEqual([LIVE.id, EARLIER.id]));
    expect(items()[0]!.textContent).toContain('Wrap-up too long');
    expect(items()[1]!.textContent).toContain('Ana Ruiz');
  });

  it('a supervisor acknowledges from the keyboard; the alert shows who acknowledged it', async () => {
    const user = userEvent.setup();
    setup({ canAcknowledge: true });
    await waitFor(() => expect(items()).toHaveLength(2));
    const earlier = items().find((i) => i.dataset['alertId'] === EARLIER.id)!;
    const button = within(earlier).getByRole('button', { name: /Acknowledge the alert “Paused too long”/ });
    button.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(earlier.dataset['acknowledged']).toBe('true'));
    expect(within(earlier).getByTestId('alert-acknowledged').textContent).toContain('Sara Supervisor');
    expect(within(earlier).queryByRole('button')).toBeNull();
  });

  it('an acknowledgement that lost the race says so in the viewer’s language', async () => {
    const user = userEvent.setup();
    setup({ canAcknowledge: true, acknowledge: 'conflict', locale: 'es-MX' });
    await waitFor(() => expect(items()).toHaveLength(2));
    const earlier = items().find((i) => i.dataset['alertId'] === EARLIER.id)!;
    await user.click(within(earlier).getByTestId('alert-acknowledge'));
    const problem = await within(earlier).findByTestId('alert-error');
    expect(problem.dataset['errorCode']).toBe('CONFLICT');
    expect(problem.textContent).toBe('Alguien más ya atendió esta alerta.');
    expect(earlier.dataset['acknowledged']).toBe('false');
  });

  it('an agent reads the alerts but is offered no acknowledge', async () => {
    setup({ canAcknowledge: false });
    await waitFor(() => expect(items()).toHaveLength(2));
    expect(screen.queryAllByTestId('alert-acknowledge')).toEqual([]);
  });
});
