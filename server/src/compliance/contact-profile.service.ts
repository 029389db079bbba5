import type { EntityManager } from '@mikro-orm/core';
import { Portfolio } from '../accounts/portfolio.entity.js';
import { audit, auditFields } from '../audit/audit.js';
import { requireViewer } from '../auth/access.js';
import { requireWriter } from '../auth/permissions.js';
import { Role, type Viewer } from '../auth/viewer.js';
import { badInput, forbidden, notFound } from '../graphql/errors.js';
import type { Clock } from '../shared/clock.js';
import { problem, type Problem } from '../shared/problem.js';
import type { ContactProfileRules } from './contact-policy.js';
import { ContactProfile } from './contact-profile.entity.js';

/** Fields left out (or null) keep their value. */
export type ContactProfileChange = { [K in keyof ContactProfileRules]?: number | null } & { name?: string | null };

const MINUTES_PER_DAY = 24 * 60;
/**
 * The longest look-back a profile may ask for: the contact facts of a worklist read every call in it,
 * so an unbounded window would read the whole history on every worklist.
 */
export const MAX_PROFILE_WINDOW_SECONDS = 90 * 24 * 60 * 60;
const MAX_ATTEMPTS = 100;
const NAME_LENGTH = 255;

const PROFILE_AUDIT_FIELDS = [
  'code',
  'name',
  'windowStartMinute',
  'windowEndMinute',
  'maxAttempts',
  'attemptWindowSeconds',
  'quietAfterConversationSeconds',
  'callbackEarlyMinutes',
  'callbackLateMinutes',
  'updatedAt',
] as const;

const wholeIn = (value: number, min: number, max: number): boolean => Number.isInteger(value) && value >= min && value <= max;

/**
 * A profile the contact policy can apply: a calling window inside one day (00:00-24:00, start before
 * end), at least one attempt in a window of at least a second, look-backs of at most 90 days, callback
 * margins within a day.
 */
export function profileProblems(profile: ContactProfileRules & { name: string }): Problem | null {
  const name = profile.name.trim();
  if (name.length < 1 || name.length > NAME_LENGTH) return problem('input.name', `name must be 1-${NAME_LENGTH} characters.`);
  if (!wholeIn(profile.windowStartMinute, 0, MINUTES_PER_DAY - 1)) {
    return problem('input.windowStartMinute', 'windowStartMinute must be a whole number of minutes after midnight, 0 (00:00) to 1439 (23:59).');
  }
  if (!wholeIn(profile.windowEndMinute, 1, MINUTES_PER_DAY)) {
    return problem('input.windowEndMinute', 'windowEndMinute must be a whole number of minutes after midnight, 1 to 1440 (24:00).');
  }
  if (profile.windowStartMinute >= profile.windowEndMinute) {
    return problem('input.windowEndMinute', `The calling window must end after it starts (start ${profile.windowStartMinute}, end ${profile.windowEndMinute}).`);
  }
  if (!wholeIn(profile.maxAttempts, 1, MAX_ATTEMPTS)) return problem('input.maxAttempts', `maxAttempts must be a whole number from 1 to ${MAX_ATTEMPTS}.`);
  if (!wholeIn(profile.attemptWindowSeconds, 1, MAX_PROFILE_WINDOW_SECONDS)) {
    return problem('input.attemptWindowSeconds', `attemptWindowSeconds must be a whole number from 1 to ${MAX_PROFILE_WINDOW_SECONDS} (90 days).`);
  }
  if (!wholeIn(profile.quietAfterConversationSeconds, 1, MAX_PROFILE_WINDOW_SECONDS)) {
    return problem('input.quietAfterConversationSeconds', `quietAfterConversationSeconds must be a whole number from 1 to ${MAX_PROFILE_WINDOW_SECONDS} (90 days).`);
  }
  if (!wholeIn(profile.callbackEarlyMinutes, 0, MINUTES_PER_DAY)) return problem('input.callbackEarlyMinutes', 'callbackEarlyMinutes must be a whole number from 0 to 1440.');
  if (!wholeIn(profile.callbackLateMinutes, 0, MINUTES_PER_DAY)) return problem('input.callbackLateMinutes', 'callbackLateMinutes must be a whole number from 0 to 1440.');
  return null;
}

/** The contact profiles of DOMAIN.md §6 and which portfolio follows which: read by all, changed by admins. */
export class ContactProfileService {
  constructor(private readonly clock: Clock) {}

  /** Every signed-in viewer: the rules carry no personal data and explain why a call is blocked. */
  async list(em: EntityManager, viewer: Viewer | undefined): Promise<ContactProfile[]> {
    requireViewer(viewer);
    return em.find(ContactProfile, {}, { orderBy: { code: 'asc' } });
  }

  async portfoliosOf(em: EntityManager, profile: ContactProfile): Promise<Portfolio[]> {
    return em.find(Portfolio, { contactProfile: profile.id }, { orderBy: { code: 'asc' } });
  }

  async update(em: EntityManager, viewer: Viewer | undefined, code: string, change: ContactProfileChange): Promise<ContactProfile> {
    const v = this.requireAdmin(viewer);
    return em.transactional(async (tx) => {
      const profile = await tx.findOne(ContactProfile, { code });
      if (!profile) throw notFound('Contact profile', code);
      const before = auditFields(profile, PROFILE_AUDIT_FIELDS);
      const next = {
        name: change.name ?? profile.name,
        windowStartMinute: change.windowStartMinute ?? profile.windowStartMinute,
        windowEndMinute: change.windowEndMinute ?? profile.windowEndMinute,
        maxAttempts: change.maxAttempts ?? profile.maxAttempts,
        attemptWindowSeconds: change.attemptWindowSeconds ?? profile.attemptWindowSeconds,
        quietAfterConversationSeconds: change.quietAfterConversationSeconds ?? profile.quietAfterConversationSeconds,
        callbackEarlyMinutes: change.callbackEarlyMinutes ?? profile.callbackEarlyMinutes,
        callbackLateMinutes: change.callbackLateMinutes ?? profile.callbackLateMinutes,
      };
      const wrong = profileProblems(next);
      if (wrong) throw badInput(wrong.message, { argument: wrong.argument });
      const now = this.clock.now();
      Object.assign(profile, { ...next, name: next.name.trim(), updatedAt: now });
      await tx.flush();
      audit(tx, v, now, { action: 'updateContactProfile', entityType: 'ContactProfile', entityId: profile.id, before, after: auditFields(profile, PROFILE_AUDIT_FIELDS) });
      return profile;
    });
  }

  async setPortfolioProfile(em: EntityManager, viewer: Viewer | undefined, portfolioCode: string, profileCode: string): Promise<Portfolio> {
    const v = this.requireAdmin(viewer);
    return em.transactional(async (tx) => {
      const portfolio = await tx.findOne(Portfolio, { code: portfolioCode });
      if (!portfolio) throw notFound('Portfolio', portfolioCode);
      const profile = await tx.findOne(ContactProfile, { code: profileCode });
      if (!profile) throw badInput(`There is no contact profile ${profileCode}.`, { argument: 'profileCode' });
      const before = auditFields(portfolio, ['code', 'contactProfile']);
      portfolio.contactProfile = profile;
      await tx.flush();
      audit(tx, v, this.clock.now(), { action: 'setPortfolioContactProfile', entityType: 'Portfolio', entityId: portfolio.id, before, after: auditFields(portfolio, ['code', 'contactProfile']) });
      return portfolio;
    });
  }

  private requireAdmin(viewer: Viewer | undefined): Viewer {
    const v = requireWriter(viewer);
    if (v.role !== Role.ADMIN) throw forbidden('The contact policy is set by an admin.');
    return v;
  }
}
