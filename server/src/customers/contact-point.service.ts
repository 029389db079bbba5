import type { EntityManager } from '@mikro-orm/core';
import { Agent } from '../agents/agent.entity.js';
import { audit, auditFields } from '../audit/audit.js';
import { customerScope } from '../auth/access.js';
import { requireWriter } from '../auth/permissions.js';
import type { Viewer } from '../auth/viewer.js';
import { badInput, conflict, notFound } from '../graphql/errors.js';
import { decodeIdOf } from '../graphql/ids.js';
import type { Clock } from '../shared/clock.js';
import { ContactPointChange, ContactPointChangeKind } from './contact-point-change.entity.js';
import { ContactPoint, ContactPointKind, ContactPointStatus, type PhoneType } from './contact-point.entity.js';
import type { AddContactPointInput } from './contact-point.inputs.js';
import { Customer, LocatableStatus } from './customer.entity.js';

/**
 * Audited without the value, city or postal code: audit events are readable by analysts, who must only
 * see personal data masked (DOMAIN.md §8). The history rows keep the values, masked by field.
 */
const POINT_AUDIT_FIELDS = ['customer', 'kind', 'status', 'phoneType', 'country', 'timeZone', 'source', 'dialerConsent', 'doNotCall', 'verifiedAt'] as const;
const CUSTOMER_AUDIT_FIELDS = ['locatable', 'version'] as const;

/** History and contact-point columns are varchar(255) on PostgreSQL. */
const REASON_MAX = 255;
const E164 = /^\+[1-9]\d{7,14}$/;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)+$/;
/** Codes Intl names that are not countries (unknown region, EU, eurozone, UN, outlying Oceania, UK alias). */
const NOT_COUNTRIES = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO', 'UK']);
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** Phones and addresses are how a customer is found; emails don't count (DOMAIN.md §5). */
const LOCATING_KINDS = [ContactPointKind.PHONE, ContactPointKind.ADDRESS];

export function isIanaTimeZone(zone: string): boolean {
  if (zone !== 'UTC' && !IANA_NAME.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && !NOT_COUNTRIES.has(code) && regionNames.of(code) !== code;
}

interface NewPoint {
  kind: ContactPointKind;
  value: string;
  phoneType: PhoneType | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  timeZone: string | null;
  dialerConsent: boolean;
}

function optionalText(value: string | null | undefined, argument: string, max: number): string | null {
  if (value == null) return null;
  const trimmed = value.trim().replace(/\s+/g, ' ');
  if (!trimmed) return null;
  if (trimmed.length > max) throw badInput(`${argument} is at most ${max} characters.`, { argument });
  return trimmed;
}

function requiredText(value: string | null | undefined, argument: string, max: number): string {
  const trimmed = optionalText(value, argument, max);
  if (!trimmed) throw badInput(`${argument} is required (1-${max} characters).`, { argument });
  return trimmed;
}

const source = (value: string): string => requiredText(value, 'source', 100);
const reasonText = (value: string | null | undefined): string | null => optionalText(value, 'reason', REASON_MAX);

/** Each kind's own shape; fields that belong to another kind are refused rather than silently dropped. */
function validated(input: AddContactPointInput): NewPoint {
  const only = (kinds: ContactPointKind[], field: keyof AddContactPointInput, present: boolean): void => {
    if (present && !kinds.includes(input.kind)) throw badInput(`${field} does not apply to ${input.kind}.`, { argument: `input.${field}` });
  };
  const given = (value: string | null | undefined): boolean => value != null && value.trim() !== '';
  only([ContactPointKind.PHONE], 'phoneType', input.phoneType != null);
  only([ContactPointKind.PHONE], 'dialerConsent', input.dialerConsent === true);
  only([ContactPointKind.ADDRESS], 'city', given(input.city));
  only([ContactPointKind.ADDRESS], 'region', given(input.region));
  only([ContactPointKind.ADDRESS], 'postalCode', given(input.postalCode));
  only([ContactPointKind.PHONE, ContactPointKind.ADDRESS], 'country', given(input.country));
  only([ContactPointKind.PHONE, ContactPointKind.ADDRESS], 'timeZone', given(input.timeZone));

  const timeZone = optionalText(input.timeZone, 'input.timeZone', 64);
  if (timeZone && !isIanaTimeZone(timeZone)) {
    throw badInput(`input.timeZone must be an IANA time zone such as "America/Mexico_City", not "${timeZone}".`, { argument: 'input.timeZone' });
  }
  const country = optionalText(input.country, 'input.country', 2)?.toUpperCase() ?? null;
  if (country && !isCountryCode(country)) throw badInput('input.country must be an ISO 3166-1 alpha-2 country code such as "MX".', { argument: 'input.country' });
  const point: NewPoint = {
    kind: input.kind,
    value: '',
    phoneType: input.phoneType ?? null,
    city: null,
    region: null,
    postalCode: null,
    country,
    timeZone,
    dialerConsent: input.kind === ContactPointKind.PHONE && input.dialerConsent === true,
  };

  switch (input.kind) {
    case ContactPointKind.PHONE:
      point.value = input.value.trim();
      if (!E164.test(point.value)) {
        throw badInput('A phone number must be in E.164 form: "+", the country code and the number, 8-15 digits, e.g. "+525512345678".', { argument: 'input.value' });
      }
      break;
    case ContactPointKind.EMAIL:
      point.value = input.value.trim().toLowerCase();
      if (point.value.length > 254 || !EMAIL.test(point.value)) throw badInput('The email address is not valid, e.g. "name@example.com".', { argument: 'input.value' });
      break;
    case ContactPointKind.ADDRESS:
      point.value = requiredText(input.value, 'input.value', 200);
      point.city = requiredText(input.city, 'input.city', 100);
      point.region = optionalText(input.region, 'input.region', 100);
      point.postalCode = optionalText(input.postalCode, 'input.postalCode', 20);
      if (point.postalCode && !/^[A-Za-z0-9][A-Za-z0-9 -]{1,11}$/.test(point.postalCode)) {
        throw badInput('input.postalCode is 2-12 letters, digits, spaces or hyphens.', { argument: 'input.postalCode' });
      }
      if (!point.country) throw badInput('An address needs its country (ISO 3166-1 alpha-2).', { argument: 'input.country' });
      break;
  }
  return point;
}

const sameAddress = (a: { value: string; city?: string | null; country?: string | null }, b: NewPoint): boolean =>
  a.value.toLowerCase() === b.value.toLowerCase() && (a.city ?? '').toLowerCase() === (b.city ?? '').toLowerCase() && a.country === b.country;

/**
 * Skip tracing (DOMAIN.md §5): contact points are added, verified and invalidated with a source, every
 * change keeps its old and new value, who, when and why, and the customer's locatable status follows.
 */
export class ContactPointService {
  constructor(private readonly clock: Clock) {}

  /** Agents work the customers of their accounts, supervisors their team's, managers and admins all. */
  async add(em: EntityManager, viewer: Viewer | undefined, customerGlobalId: string, input: AddContactPointInput): Promise<ContactPoint> {
    const v = requireWriter(viewer);
    const customerId = decodeIdOf('Customer', customerGlobalId, 'customerId');
    const point = validated(input);
    const from = requiredText(input.source, 'input.source', 100);
    const why = optionalText(input.reason, 'input.reason', REASON_MAX);
    return em.transactional(async (tx) => {
      const customer = await tx.findOne(Customer, { $and: [{ id: customerId }, customerScope(v, tx)] });
      if (!customer) throw notFound('Customer');
      const existing = await tx.find(ContactPoint, { customer, kind: point.kind });
      const duplicate = existing.find((p) => (point.kind === ContactPointKind.ADDRESS ? sameAddress(p, point) : p.value === point.value));
      if (duplicate) {
        throw conflict(`The customer already has this ${point.kind.toLowerCase()} (${duplicate.status}); verify or invalidate that one instead.`, {
          contactPointId: duplicate.globalId,
        });
      }
      const now = this.clock.now();
      const created = tx.create(ContactPoint, { customer, ...point, status: ContactPointStatus.UNVERIFIED, source: from, createdAt: now });
      this.history(tx, v, created, ContactPointChangeKind.ADDED, null, created.value, from, why, now);
      await tx.flush();
      audit(tx, v, now, { action: 'addContactPoint', entityType: 'ContactPoint', entityId: created.id, after: auditFields(created, POINT_AUDIT_FIELDS) });
      await this.refreshLocatable(tx, v, customer, now, 'addContactPoint');
      return created;
    });
  }

  /** Confirms a point; an INVALID one confirmed again counts for finding the customer once more. */
  async verify(em: EntityManager, viewer: Viewer | undefined, pointGlobalId: string, sourceText: string, reason?: string | null): Promise<ContactPoint> {
    const v = requireWriter(viewer);
    const id = decodeIdOf('ContactPoint', pointGlobalId, 'id');
    const from = source(sourceText);
    const why = reasonText(reason);
    return em.transactional(async (tx) => {
      const point = await this.pointForChange(tx, v, id);
      const now = this.clock.now();
      const before = auditFields(point, POINT_AUDIT_FIELDS);
      point.status = ContactPointStatus.VERIFIED;
      point.verifiedAt = now;
      this.history(tx, v, point, ContactPointChangeKind.VERIFIED, point.value, point.value, from, why, now);
      await tx.flush();
      audit(tx, v, now, { action: 'verifyContactPoint', entityType: 'ContactPoint', entityId: point.id, before, after: auditFields(point, POINT_AUDIT_FIELDS) });
      await this.refreshLocatable(tx, v, point.customer, now, 'verifyContactPoint');
      return point;
    });
  }

  async invalidate(em: EntityManager, viewer: Viewer | undefined, pointGlobalId: string, sourceText: string, reason: string): Promise<ContactPoint> {
    const v = requireWriter(viewer);
    const id = decodeIdOf('ContactPoint', pointGlobalId, 'id');
    const from = source(sourceText);
    const why = requiredText(reason, 'reason', REASON_MAX);
    return em.transactional(async (tx) => {
      const point = await this.pointForChange(tx, v, id);
      if (point.status === ContactPointStatus.INVALID) throw conflict('The contact point is already INVALID.', { status: point.status });
      return this.markInvalid(tx, v, point, from, why, 'invalidateContactPoint');
    });
  }

  /**
   * A WRONG_NUMBER or DISCONNECTED_NUMBER call marks the phone it used invalid, inside the caller's
   * transaction (the caller has checked the viewer may change the account). A phone already invalid is
   * left as it is, so recording the call never fails on it.
   */
  async invalidatePhone(em: EntityManager, viewer: Viewer, request: { contactPoint: ContactPoint; source: string; reason: string }): Promise<ContactPoint> {
    const point = request.contactPoint;
    if (point.kind !== ContactPointKind.PHONE) throw badInput('Only a phone is invalidated by a call outcome.', { argument: 'phoneId' });
    if (point.status === ContactPointStatus.INVALID) return point;
    return this.markInvalid(em, viewer, point, source(request.source), requiredText(request.reason, 'reason', REASON_MAX), 'recordCall');
  }

  private async markInvalid(em: EntityManager, viewer: Viewer, point: ContactPoint, from: string, why: string, action: string): Promise<ContactPoint> {
    const now = this.clock.now();
    const before = auditFields(point, POINT_AUDIT_FIELDS);
    point.status = ContactPointStatus.INVALID;
    this.history(em, viewer, point, ContactPointChangeKind.INVALIDATED, point.value, null, from, why, now);
    await em.flush();
    audit(em, viewer, now, { action, entityType: 'ContactPoint', entityId: point.id, before, after: auditFields(point, POINT_AUDIT_FIELDS) });
    await this.refreshLocatable(em, viewer, point.customer, now, action);
    return point;
  }

  private async pointForChange(em: EntityManager, viewer: Viewer, id: number): Promise<ContactPoint> {
    const point = await em.findOne(ContactPoint, { id, customer: customerScope(viewer, em) }, { populate: ['customer'] });
    if (!point) throw notFound('ContactPoint');
    return point;
  }

  private history(
    em: EntityManager,
    viewer: Viewer,
    point: ContactPoint,
    change: ContactPointChangeKind,
    oldValue: string | null,
    newValue: string | null,
    from: string,
    why: string | null,
    at: Date,
  ): ContactPointChange {
    return em.create(ContactPointChange, {
      customer: point.customer,
      contactPoint: point,
      change,
      oldValue,
      newValue,
      changedBy: viewer.agentId ? em.getReference(Agent, viewer.agentId) : null,
      source: from,
      reason: why,
      at,
    });
  }

  /** UNLOCATABLE exactly when no phone and no address remains valid; recomputed after every change. */
  private async refreshLocatable(em: EntityManager, viewer: Viewer, customerRef: Customer, at: Date, action: string): Promise<void> {
    const customer = await em.findOneOrFail(Customer, customerRef.id);
    const usable = await em.count(ContactPoint, { customer, kind: { $in: LOCATING_KINDS }, status: { $ne: ContactPointStatus.INVALID } });
    const locatable = usable > 0 ? LocatableStatus.LOCATABLE : LocatableStatus.UNLOCATABLE;
    if (customer.locatable === locatable) return;
    const before = auditFields(customer, CUSTOMER_AUDIT_FIELDS);
    customer.locatable = locatable;
    await em.flush();
    audit(em, viewer, at, { action, entityType: 'Customer', entityId: customer.id, before, after: auditFields(customer, CUSTOMER_AUDIT_FIELDS) });
  }
}
