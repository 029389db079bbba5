/** The business moment every suite starts at: Wednesday 18 Nov 2026, 10:00 on the floor (UTC-6). */
export const NOW = new Date('2026-11-18T16:00:00.000Z');
export const FLOOR_TIME_ZONE = 'America/Mexico_City';
export const SEED_ACCOUNTS = 600;

export interface Template {
  db: 'sqlite' | 'postgresql';
  dir: string;
  sqlitePath?: string;
  pgPrefix?: string;
  pgTemplate?: string;
}
