import type { AlertKind, AlertRuleInput, Kpi } from '../gql/graphql';

/** The thresholds each kind of rule carries; the API refuses those of another kind. */
export type Threshold = 'shiftShare' | 'kpis' | 'limitSeconds' | 'amount' | 'refusalCount' | 'windowSeconds';

export const THRESHOLDS: Record<AlertKind, Threshold[]> = {
  TEAM_BEHIND_PACE: ['shiftShare', 'kpis'],
  AGENT_PAUSED_TOO_LONG: ['limitSeconds'],
  AGENT_IN_WRAP_UP_TOO_LONG: ['limitSeconds'],
  BROKEN_PROMISE: ['amount'],
  CONTACT_REFUSALS_BURST: ['refusalCount', 'windowSeconds'],
};

/** What the manager typed, as text, before it is checked. */
export interface RuleDraft {
  enabled: boolean;
  shiftShare: string;
  kpis: Kpi[];
  limitSeconds: string;
  amount: string;
  refusalCount: string;
  windowSeconds: string;
}

export type DraftProblems = Partial<Record<Threshold, 'number' | 'wholeNumber' | 'amount' | 'kpis'>>;

const WHOLE = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

/**
 * The update for one rule, or what is malformed. Only the form is checked here (numbers that are
 * numbers); the ranges are the server's, and its BAD_USER_INPUT names the field that broke one.
 */
export function ruleUpdate(kind: AlertKind, draft: RuleDraft, expectedVersion: number, currencyCode: string): { input: AlertRuleInput } | { problems: DraftProblems } {
  const problems: DraftProblems = {};
  const input: AlertRuleInput = { kind, enabled: draft.enabled, expectedVersion };
  for (const threshold of THRESHOLDS[kind]) {
    switch (threshold) {
      case 'shiftShare': {
        const text = draft.shiftShare.trim().replace(',', '.');
        if (!DECIMAL.test(text)) problems.shiftShare = 'number';
        else input.shiftShare = Number(text);
        break;
      }
      case 'kpis':
        if (draft.kpis.length === 0) problems.kpis = 'kpis';
        else input.kpis = draft.kpis;
        break;
      case 'amount': {
        const text = draft.amount.trim().replace(/,/g, '');
        if (!DECIMAL.test(text)) problems.amount = 'amount';
        else input.amount = { amount: text, currencyCode };
        break;
      }
      default: {
        const text = draft[threshold].trim();
        if (!WHOLE.test(text)) problems[threshold] = 'wholeNumber';
        else input[threshold] = Number(text);
      }
    }
  }
  return Object.keys(problems).length > 0 ? { problems } : { input };
}
