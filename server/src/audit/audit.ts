import type { EntityManager } from '@mikro-orm/core';
import type { Viewer } from '../auth/viewer.js';
import { sqlRun } from '../db/sql.js';
import { currentRequestScope } from '../shared/request-scope.js';
import { AuditEvent } from './audit-event.entity.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: number;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/**
 * Adds the audit event of a change to the same unit of work, so it commits or rolls back with the
 * change itself (DOMAIN.md §8).
 */
export function audit(em: EntityManager, viewer: Viewer, at: Date, entry: AuditEntry): AuditEvent {
  return em.create(AuditEvent, auditEvent(viewer, at, entry));
}

const INSERT_AUDIT_EVENT = `insert into audit_event (actor_agent_id, actor_api_key_id, actor_role, action, entity_type, entity_id, "before", "after", request_id, at)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * The same event written at once by SQL, for a change made by SQL in the same transaction (recordCall's
 * common path): it commits or rolls back with it all the same, and costs no flush.
 */
export async function auditNow(em: EntityManager, viewer: Viewer, at: Date, entry: AuditEntry): Promise<void> {
  const e = auditEvent(viewer, at, entry);
  const json = (value: Record<string, unknown> | null) => (value == null ? null : JSON.stringify(value));
  await sqlRun(em, INSERT_AUDIT_EVENT, [e.actorAgentId, e.actorApiKeyId, e.actorRole, e.action, e.entityType, e.entityId, json(e.before), json(e.after), e.requestId, e.at]);
}

function auditEvent(viewer: Viewer, at: Date, entry: AuditEntry) {
  return {
    actorAgentId: viewer.agentId ?? null,
    actorApiKeyId: viewer.apiKeyId ?? null,
    actorRole: viewer.role,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: currentRequestScope()?.requestId ?? null,
    at,
  };
}

/** The fields of a record worth keeping in an audit event; relations by id, money in minor units. */
export function auditFields(entity: object, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = (entity as Record<string, unknown>)[field];
    out[field] = value instanceof Date ? value.toISOString() : value && typeof value === 'object' && 'id' in value ? (value as { id: unknown }).id : value ?? null;
  }
  return out;
}
