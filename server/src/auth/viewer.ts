export enum Role {
  AGENT = 'AGENT',
  SUPERVISOR = 'SUPERVISOR',
  MANAGER = 'MANAGER',
  ANALYST = 'ANALYST',
  ADMIN = 'ADMIN',
}

/** Who is asking: a signed-in agent (any role) or a BI tool's API key. */
export interface Viewer {
  role: Role;
  /** The agent behind the request; absent for API keys. */
  agentId?: number;
  /** The team of an AGENT or SUPERVISOR. */
  teamId?: number;
  apiKeyId?: number;
}

/** DOMAIN.md §8: ANALYST (BI tools) sees personal data masked. */
export const seesPersonalDataMasked = (viewer: Viewer | undefined): boolean => !viewer || viewer.role === Role.ANALYST;

/** Roles that see every account of the floor. */
export const seesWholeFloor = (viewer: Viewer): boolean =>
  viewer.role === Role.MANAGER || viewer.role === Role.ADMIN || viewer.role === Role.ANALYST;
