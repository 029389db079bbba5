import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MockedProvider } from '@apollo/client/testing/react';
import { ContactCheckDocument, RecordCallDocument, type RecordCallInput } from '../gql/graphql';
import { LocaleProvider } from '../i18n/locale';
import { CaptureForm } from './CaptureForm';

const ACCOUNT = { id: 'QWNjb3VudDox', version: 3, currency: 'MXN', phones: [{ id: 'UGhvbmU6MQ==', value: '+525511112222', usable: true }] };
const START = new Date('2026-11-18T16:00:00.400Z');
const END = new Date('2026-11-18T16:04:10.900Z');

function setup(check: { allowed: boolean; blockedBy: string[]; nextAllowedAt: string | null }, times = [START, END]) {
  const sent: RecordCallInput[] = [];
  const onRecorded = vi.fn();
  const onDial = vi.fn();
  const onNext = vi.fn();
  const mocks = [
    {
      request: { query: ContactCheckDocument, variables: { accountId: ACCOUNT.id, phoneId: ACCOUNT.phones[0]!.id } },
      result: { data: { contactCheck: { __typename: 'ContactDecision', ...check } } },
    },
    {
      request: {
        query: RecordCallDocument,
        variables: (vars: { input: RecordCallInput }) => {
          sent.push(vars.input);
          return true;
        },
      },
      result: { data: { recordCall: { __typename: 'Call', id: 'Q2FsbDo5', disposition: 'PROMISE_TO_PAY' } } },
    },
  ];
  render(
    <MockedProvider mocks={mocks}>
      <LocaleProvider locale="en">
        <CaptureForm account={ACCOUNT} defaultPhoneId={ACCOUNT.phones[0]!.id} onDial={onDial} onRecorded={onRecorded} onNext={onNext} now={() => times.shift() ?? END} />
      </LocaleProvider>
    </MockedProvider>,
  );
  return { sent, onRecorded, onDial, onNext };
}

describe('CaptureForm, from the keyboard', () => {
  it('a key picks the disposition and focuses its first field; Enter records the promise', async () => {
    const user = userEvent.setup();
    const { sent, onRecorded } = setup({ allowed: true, blockedBy: [], nextAllowedAt: null });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('capture-form')));
    await user.keyboard('p');
    expect(screen.getByTestId<HTMLInputElement>('disposition-PROMISE_TO_PAY').checked).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('capture-amount')));
    await user.keyboard('150.00');
    await user.tab();
    expect(document.activeElement).toBe(screen.getByTestId('capture-dueDate'));
    await user.type(screen.getByTestId('capture-dueDate'), '2026-11-25');
    await user.keyboard('{Enter}');

    await waitFor(() => expect(onRecorded).toHaveBeenCalledWith('Q2FsbDo5'));
    expect(sent[0]).toMatchObject({
      accountId: ACCOUNT.id,
      expectedVersion: 3,
      direction: 'OUTBOUND',
      phoneId: ACCOUNT.phones[0]!.id,
      disposition: 'PROMISE_TO_PAY',
      startedAt: '2026-11-18T16:00:00.000Z',
      answeredAt: '2026-11-18T16:00:00.000Z',
      endedAt: '2026-11-18T16:04:10.000Z',
      talkSeconds: 250,
      wrapSeconds: 0,
      promise: { amount: { amount: '150.00', currencyCode: 'MXN' }, dueDate: '2026-11-25' },
    });
  });

  it('letters typed into a field stay in the field', async () => {
    const user = userEvent.setup();
    setup({ allowed: true, blockedBy: [], nextAllowedAt: null });
    await user.keyboard('h');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('capture-reasonCode')));
    await user.keyboard('pay later');
    expect(screen.getByTestId<HTMLInputElement>('capture-reasonCode').value).toBe('pay later');
    expect(screen.getByTestId<HTMLInputElement>('disposition-HARDSHIP').checked).toBe(true);
  });

  it('refuses to submit a promise without an amount and points at the field', async () => {
    const user = userEvent.setup();
    const { sent } = setup({ allowed: true, blockedBy: [], nextAllowedAt: null });
    await user.keyboard('p');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('capture-amount')));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByTestId('capture-amount').getAttribute('aria-invalid')).toBe('true'));
    expect(sent).toEqual([]);
  });

  it('shows the rules that block the call and the next allowed time before dialling', async () => {
    setup({ allowed: false, blockedBy: ['TIME_WINDOW', 'FREQUENCY'], nextAllowedAt: '2026-11-19T14:00:00.000Z' });
    const status = await screen.findByTestId('contact-status');
    expect(status.getAttribute('data-allowed')).toBe('false');
    expect(screen.getAllByTestId('contact-rule').map((r) => r.getAttribute('data-rule'))).toEqual(['TIME_WINDOW', 'FREQUENCY']);
    expect(status.textContent).toContain('outside the calling hours');
    expect(screen.getByTestId('contact-next').textContent).toMatch(/^Allowed from Nov 19, 2026/);
  });

  it('I dials once the policy allows it (ON_CALL from then), Enter records (wrap-up), Enter again takes the next account', async () => {
    const user = userEvent.setup();
    const DIALLED = new Date('2026-11-18T16:00:30.000Z');
    const { sent, onDial, onRecorded, onNext } = setup({ allowed: true, blockedBy: [], nextAllowedAt: null }, [START, DIALLED, END]);
    await waitFor(() => expect(screen.getByTestId<HTMLButtonElement>('capture-dial').disabled).toBe(false));
    screen.getByTestId('capture-form').focus();
    await user.keyboard('i');
    expect(onDial).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId<HTMLButtonElement>('capture-dial').disabled).toBe(true);
    await user.keyboard('i');
    expect(onDial).toHaveBeenCalledTimes(1);
    await user.keyboard('p');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('capture-amount')));
    await user.keyboard('150.00');
    await user.tab();
    await user.type(screen.getByTestId('capture-dueDate'), '2026-11-25');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(onRecorded).toHaveBeenCalledWith('Q2FsbDo5'));
    // The call ran from the dial, not from when the form opened.
    expect(sent[0]).toMatchObject({ startedAt: '2026-11-18T16:00:30.000Z', talkSeconds: 220 });
    expect(onNext).not.toHaveBeenCalled();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('capture-next')));
    expect(screen.queryByTestId('capture-submit')).toBeNull();
    await user.keyboard('{Enter}');
    expect(onNext).toHaveBeenCalledTimes(1);
  });

  it('offers no dial while the contact policy blocks the phone', async () => {
    const user = userEvent.setup();
    const { onDial } = setup({ allowed: false, blockedBy: ['TIME_WINDOW'], nextAllowedAt: '2026-11-19T14:00:00.000Z' });
    await screen.findByTestId('contact-status');
    expect(screen.getByTestId<HTMLButtonElement>('capture-dial').disabled).toBe(true);
    screen.getByTestId('capture-form').focus();
    await user.keyboard('i');
    expect(onDial).not.toHaveBeenCalled();
  });
});
