import { errors, jwtVerify, SignJWT } from 'jose';
import type { Clock } from '../shared/clock.js';

const ISSUER = 'openfloor';
const AUDIENCE = 'openfloor-api';

export interface TokenClaims {
  agentId: number;
}

export type TokenProblem = 'expired' | 'invalid';

/** Tokens kept as verified; beyond this many the oldest is forgotten (and simply checked again). */
const VERIFIED_TOKENS = 10_000;

/** Signs and checks session tokens (HS256); time comes from the injected clock so expiry is testable. */
export class TokenSigner {
  private readonly key: Uint8Array;
  /**
   * Every request carries its token, and checking the signature costs more than most of a request's
   * own work. A signature that checked out stays good, so a verified token is kept with its claims and
   * expiry; only the expiry is checked again, against the clock, as jose checks it (expired from the
   * second `exp` names).
   */
  private readonly verified = new Map<string, { agentId: number; exp: number }>();

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(claims: TokenClaims): Promise<{ token: string; expiresAt: Date }> {
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const expiresAt = new Date((issuedAt + this.ttlSeconds) * 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(claims.agentId))
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  async verify(token: string): Promise<TokenClaims | TokenProblem> {
    const now = this.clock.now();
    const known = this.verified.get(token);
    if (known && Math.floor(now.getTime() / 1000) < known.exp) return { agentId: known.agentId };
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: now,
      });
      const agentId = Number(payload.sub);
      if (!Number.isSafeInteger(agentId) || agentId <= 0) return 'invalid';
      // A token valid from a later instant (nbf) is checked in full each time; this server issues none.
      if (payload.exp !== undefined && payload.nbf === undefined) this.remember(token, { agentId, exp: payload.exp });
      return { agentId };
    } catch (error) {
      return error instanceof errors.JWTExpired ? 'expired' : 'invalid';
    }
  }

  private remember(token: string, claims: { agentId: number; exp: number }): void {
    if (this.verified.size >= VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, claims);
  }
}
