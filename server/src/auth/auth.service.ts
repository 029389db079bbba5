import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { Agent } from '../agents/agent.entity.js';
import { audit } from '../audit/audit.js';
import { badInput, unauthenticated, AppError } from '../graphql/errors.js';
import { requireRole } from './access.js';
import type { Clock } from '../shared/clock.js';
import { ApiKey } from './api-key.entity.js';
import { verifyPassword } from './passwords.js';
import { TokenSigner } from './tokens.js';
import { Role, type Viewer } from './viewer.js';

const API_KEY_PREFIX = 'ofk_';
/** Who an agent is changes rarely; a short cache keeps one lookup off every request. */
const VIEWER_CACHE_MS = 10_000;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export class AuthService {
  private readonly viewerCache = new Map<number, { viewer: Viewer | null; until: number }>();

  constructor(
    private readonly tokens: TokenSigner,
    private readonly clock: Clock,
  ) {}

  async login(em: EntityManager, email: string, password: string): Promise<{ token: string; expiresAt: Date; agent: Agent }> {
    const agent = await em.findOne(Agent, { email: email.trim().toLowerCase() }, { populate: ['passwordHash'] });
    // One message for an unknown email and a wrong password, so logins cannot be used to probe emails.
    const ok = agent !== null && agent.active && (await verifyPassword(password, agent.passwordHash));
    if (!ok) throw unauthenticated('Email or password is wrong.');
    const { token, expiresAt } = await this.tokens.sign({ agentId: agent.id });
    return { token, expiresAt, agent };
  }

  /**
   * Resolves an `Authorization` header to a viewer. No header: anonymous (undefined). A header that
   * does not check out is an error, never a silent downgrade to anonymous.
   */
  async authenticate(em: EntityManager, authorization: string | undefined | null): Promise<Viewer | undefined> {
    if (!authorization) return undefined;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
    const credential = match[1]!;
    if (credential.startsWith(API_KEY_PREFIX)) return this.authenticateApiKey(em, credential);
    const claims = await this.tokens.verify(credential);
    if (claims === 'expired') throw new AppError('UNAUTHENTICATED', 'The session has expired; sign in again.', { reason: 'TOKEN_EXPIRED' });
    if (claims === 'invalid') throw unauthenticated('The token is not valid.');
    const viewer = await this.viewerFor(em, claims.agentId);
    if (!viewer) throw unauthenticated('The account behind this token is no longer active.');
    return viewer;
  }

  async createApiKey(em: EntityManager, viewer: Viewer | undefined, name: string): Promise<{ key: string; apiKey: ApiKey }> {
    const admin = requireRole(viewer, Role.ADMIN);
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 100) throw badInput('name must be 1-100 characters.', { argument: 'name' });
    const key = `${API_KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
    return em.transactional(async (tx) => {
      const apiKey = tx.create(ApiKey, {
        name: trimmed,
        prefix: key.slice(0, API_KEY_PREFIX.length + 6),
        keyHash: sha256(key),
        role: Role.ANALYST,
        createdBy: tx.getReference(Agent, admin.agentId!),
        createdAt: this.clock.now(),
      });
      await tx.flush();
      audit(tx, admin, this.clock.now(), {
        action: 'createApiKey',
        entityType: 'ApiKey',
        entityId: apiKey.id,
        after: { name: apiKey.name, prefix: apiKey.prefix, role: apiKey.role },
      });
      return { key, apiKey };
    });
  }

  private async authenticateApiKey(em: EntityManager, key: string): Promise<Viewer> {
    const apiKey = await em.findOne(ApiKey, { keyHash: sha256(key) });
    if (!apiKey || apiKey.revokedAt) throw unauthenticated('The API key is not valid.');
    return { role: apiKey.role, apiKeyId: apiKey.id };
  }

  private async viewerFor(em: EntityManager, agentId: number): Promise<Viewer | null> {
    const now = Date.now();
    const cached = this.viewerCache.get(agentId);
    if (cached && cached.until > now) return cached.viewer;
    const agent = await em.findOne(Agent, { id: agentId }, { fields: ['id', 'role', 'team', 'active'] as never });
    const viewer: Viewer | null =
      agent && agent.active ? { role: agent.role, agentId: agent.id, teamId: agent.team?.id ?? undefined } : null;
    this.viewerCache.set(agentId, { viewer, until: now + VIEWER_CACHE_MS });
    return viewer;
  }
}
