import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { LocaleProvider } from '../i18n/locale';
import { KpiCard } from './KpiCard';

const behind = { kpi: 'PROMISES' as const, value: 22, target: 32, expectedByNow: 30, attainment: 0.69, pace: 0.733, status: 'BEHIND' as const };
const collected = {
  kpi: 'COLLECTED_AMOUNT' as const,
  value: { amount: '2956547.00', currencyCode: 'MXN' },
  target: { amount: '1885345.00', currencyCode: 'MXN' },
  expectedByNow: { amount: '1795567.00', currencyCode: 'MXN' },
  attainment: 1.57,
  pace: 1.646,
  status: 'AHEAD' as const,
};

describe('KpiCard', () => {
  it('shows the figure, the target, the expected-by-now marker and the pace in word and colour', () => {
    render(
      <LocaleProvider locale="en">
        <KpiCard name="kpiName.promises" kind="count" figure={behind} testId="card" />
      </LocaleProvider>,
    );
    expect(screen.getByTestId('card-value').textContent).toBe('22');
    expect(screen.getByTestId('card').className).toContain('pace-behind');
    expect(screen.getByTestId('card-status').textContent).toContain('Behind');
    expect(screen.getByText('Target 32')).toBeTruthy();
    expect(screen.getByText('Expected by now 30')).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('69');
    const marker = screen.getByTestId('card').querySelector<HTMLElement>('.kpi-bar-marker');
    expect(marker?.style.left).toBe('93.75%');
  });

  it('speaks Spanish and formats money for es-MX', () => {
    render(
      <LocaleProvider locale="es-MX">
        <KpiCard name="kpiName.collectedAmount" kind="amount" figure={collected} testId="card" />
      </LocaleProvider>,
    );
    expect(screen.getByText('Cobrado')).toBeTruthy();
    expect(screen.getByTestId('card-value').textContent).toBe('$2,956,547');
    expect(screen.getByTestId('card-status').textContent).toContain('Adelantado');
    expect(screen.getByTestId('card').getAttribute('data-value')).toBe('2956547.00');
  });

  it('says so when there is no target', () => {
    render(
      <LocaleProvider locale="en">
        <KpiCard name="kpiName.attempts" kind="count" figure={{ ...behind, target: null, expectedByNow: null, attainment: null, pace: null, status: null }} testId="card" />
      </LocaleProvider>,
    );
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByTestId('card-status').textContent).toContain('No target');
  });

  it('sets a figure in the millions in smaller type instead of breaking it, and a short one as usual', () => {
    render(
      <LocaleProvider locale="en">
        <KpiCard name="kpiName.collectedAmount" kind="amount" figure={collected} testId="long" />
        <KpiCard name="kpiName.promises" kind="count" figure={behind} testId="short" />
      </LocaleProvider>,
    );
    expect(screen.getByTestId('long-value').textContent).toBe('MX$2,956,547');
    expect(screen.getByTestId('long-value').className).toContain('kpi-value-long');
    expect(screen.getByTestId('short-value').className).not.toContain('kpi-value-long');
  });
});
