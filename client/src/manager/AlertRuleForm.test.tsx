import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MockedProvider } from '@apollo/client/testing/react';
import { GraphQLError } from 'graphql';
import { UpdateAlertRuleDocument, type AlertRuleFieldsFragment } from '../gql/graphql';
import { LocaleProvider } from '../i18n/locale';
import { AlertRuleForm } from './AlertRuleForm';

const RULE = {
  __typename: 'AlertRule',
  id: 'QWxlcnRSdWxlOjI=',
  kind: 'AGENT_PAUSED_TOO_LONG',
  enabled: true,
  shiftShare: null,
  kpis: null,
  limitSeconds: 1200,
  amount: null,
  refusalCount: null,
  windowSeconds: null,
  version: 3,
  updatedAt: '2026-11-18T15:00:00.000Z',
  updatedBy: null,
} as AlertRuleFieldsFragment;

function setup(answer: { errors: GraphQLError[] } | { data: unknown }, expected: Record<string, unknown>) {
  const onReload = vi.fn();
  const sent: unknown[] = [];
  const mocks = [
    {
      request: {
        query: UpdateAlertRuleDocument,
        variables: (vars: { input: unknown }) => {
          sent.push(vars.input);
          return JSON.stringify(vars.input) === JSON.stringify(expected);
        },
      },
      result: answer,
    },
  ];
  render(
    <MockedProvider mocks={mocks}>
      <LocaleProvider locale="en">
        <AlertRuleForm rule={RULE} onReload={onReload} />
      </LocaleProvider>
    </MockedProvider>,
  );
  return { onReload, sent };
}

async function typeLimit(value: string) {
  const user = userEvent.setup();
  const input = screen.getByTestId('rule-AGENT_PAUSED_TOO_LONG-limitSeconds');
  await user.clear(input);
  await user.type(input, value);
  await user.click(screen.getByTestId('rule-AGENT_PAUSED_TOO_LONG-save'));
}

describe('AlertRuleForm', () => {
  it('sends only the kind’s thresholds with the version it read', async () => {
    const input = { kind: 'AGENT_PAUSED_TOO_LONG', enabled: true, expectedVersion: 3, limitSeconds: 900 };
    const { sent } = setup({ data: { updateAlertRule: { ...RULE, limitSeconds: 900, version: 4 } } }, input);
    await typeLimit('900');
    await screen.findByTestId('rule-AGENT_PAUSED_TOO_LONG-saved');
    expect(sent).toEqual([input]);
  });

  it('a malformed number is caught before sending', async () => {
    const { sent } = setup({ data: null }, {});
    await typeLimit('20 min');
    expect(screen.getByTestId('rule-AGENT_PAUSED_TOO_LONG-limitSeconds-problem').textContent).toBe('Type a whole number.');
    expect(screen.getByTestId('rule-AGENT_PAUSED_TOO_LONG-limitSeconds').getAttribute('aria-invalid')).toBe('true');
    expect(sent).toEqual([]);
  });

  it('shows BAD_USER_INPUT beside the field the server named', async () => {
    const message = 'limitSeconds must be a whole number of seconds from 1 to 86400.';
    setup({ errors: [new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument: 'limitSeconds' } })] }, { kind: 'AGENT_PAUSED_TOO_LONG', enabled: true, expectedVersion: 3, limitSeconds: 0 });
    await typeLimit('0');
    await waitFor(() => expect(screen.getByTestId('rule-AGENT_PAUSED_TOO_LONG-limitSeconds-problem').textContent).toBe(message));
  });

  it('a stale version says someone else changed it and offers a reload', async () => {
    const user = userEvent.setup();
    const { onReload } = setup(
      { errors: [new GraphQLError('The rule changed since version 3.', { extensions: { code: 'CONFLICT' } })] },
      { kind: 'AGENT_PAUSED_TOO_LONG', enabled: true, expectedVersion: 3, limitSeconds: 600 },
    );
    await typeLimit('600');
    const conflict = await screen.findByTestId('rule-AGENT_PAUSED_TOO_LONG-conflict');
    expect(conflict.textContent).toContain('changed by someone else');
    await user.click(screen.getByTestId('rule-AGENT_PAUSED_TOO_LONG-reload'));
    expect(onReload).toHaveBeenCalled();
  });
});
