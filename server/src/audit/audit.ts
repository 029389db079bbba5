import type { EntityManager } from '@mikro-orm/core';
import type { Viewer } from '../auth/viewer.js';
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
  return em.create(AuditEvent, {
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
  });
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
