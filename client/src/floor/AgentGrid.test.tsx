import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import { AgentStatusChangedDocument, TeamAgentsDocument } from '../gql/graphql';
import { LocaleProvider } from '../i18n/locale';
import { AgentGrid } from './AgentGrid';

const TEAM = 'VGVhbTox';
const NOW = new Date('2026-11-18T16:00:00.000Z');
const agent = (id: string, presence: string, presenceSince: string | null, pauseReason: string | null = null) => ({ __typename: 'Agent', id, name: `Agent ${id}`, presence, pauseReason, presenceSince });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('AgentGrid, time in state', () => {
  it('times a state that began before the screen opened from the server’s presenceSince', async () => {
    const mocks = [
      {
        request: { query: TeamAgentsDocument, variables: { teamId: TEAM } },
        result: {
          data: {
            agents: {
              __typename: 'AgentConnection',
              nodes: [
                agent('1', 'AVAILABLE', '2026-11-18T15:54:00.000Z'),
                agent('2', 'PAUSED', '2026-11-18T15:59:00.000Z', 'BREAK'),
                agent('3', 'ON_CALL', '2026-11-18T15:59:50.000Z'),
                agent('4', 'AVAILABLE', null),
              ],
            },
          },
        },
      },
      { request: { query: AgentStatusChangedDocument, variables: { teamId: TEAM } }, result: { data: null }, delay: 60_000 },
    ];
    render(
      <MockedProvider mocks={mocks}>
        <LocaleProvider locale="en">
          <AgentGrid teamId={TEAM} />
        </LocaleProvider>
      </MockedProvider>,
    );
    await waitFor(() => expect(screen.getAllByTestId('agent-tile')).toHaveLength(4));
    const tiles = Object.fromEntries(screen.getAllByTestId('agent-tile').map((t) => [t.dataset['agentId'], t]));
    // VICIdial's thresholds: ready 6 min is midnight blue, paused 1 min yellow, on call 10 s thistle.
    expect(tiles['1']!.dataset['colour']).toBe('midnightblue');
    expect(tiles['1']!.textContent).toContain('6:00');
    expect(tiles['2']!.dataset['colour']).toBe('yellow');
    expect(tiles['2']!.textContent).toContain('1:00');
    expect(tiles['3']!.dataset['colour']).toBe('thistle');
    // No change on record: timed from when the screen opened.
    expect(tiles['4']!.dataset['colour']).toBe('lightblue');
    expect(tiles['4']!.textContent).toContain('0:00');
  });
});
