import { agentId, globalId, sql, type Database } from './oracle.js';

export interface AccountRow {
  id: number;
  gid: string;
  currency: string;
  balance: number;
  amountDue: number;
  oldestUnpaidDueDate: string | null;
  version: number;
  teamId: number;
}

/**
 * Hands out distinct suitable accounts of one team, each with the email of the agent it is assigned
 * to, so every test of a file works on an account no other test touched.
 */
export class AccountPool {
  private readonly taken = new Set<number>();
  constructor(
    private readonly server: Database,
    private readonly team = 'Team 1',
  ) {}

  async take(options: { minDues?: number; minBalance?: number } = {}): Promise<AccountRow & { agentEmail: string }> {
    const rows = await sql(
      this.server,
      `select a.id, g.email from account a join agent g on g.id = a.assigned_agent_id join team t on t.id = a.team_id
       where t.name = ? and a.status = 'ACTIVE' and a.balance_minor >= ? and a.amount_due_minor > 0
         and not exists (select 1 from promise_to_pay p where p.account_id = a.id and p.status in ('PENDING', 'PENDING_APPROVAL'))
         and not exists (select 1 from payment_plan p where p.account_id = a.id and p.status in ('ACTIVE', 'PENDING_APPROVAL', 'PROPOSED'))
         and not exists (select 1 from write_off w where w.account_id = a.id and w.status = 'REQUESTED')
         and (select count(*) from account_due d where d.account_id = a.id and d.paid_minor < d.amount_minor) >= ?
       order by a.id`,
      [this.team, options.minBalance ?? 10_000, options.minDues ?? 1],
    );
    const row = rows.find((r) => !this.taken.has(Number(r.id)));
    if (!row) throw new Error(`no suitable account left in ${this.team}`);
    this.taken.add(Number(row.id));
    const account = await accountById(this.server, Number(row.id));
    return { ...account, agentEmail: String(row.email) };
  }
}

export async function accountById(server: Database, id: number): Promise<AccountRow> {
  const [a] = await sql(server, 'select id, currency, balance_minor, amount_due_minor, oldest_unpaid_due_date, version, team_id from account where id = ?', [id]);
  return {
    id,
    gid: globalId('Account', id),
    currency: String(a!.currency),
    balance: Number(a!.balance_minor),
    amountDue: Number(a!.amount_due_minor),
    oldestUnpaidDueDate: a!.oldest_unpaid_due_date ?? null,
    version: Number(a!.version),
    teamId: Number(a!.team_id),
  };
}

/**
 * An account of the given agent that fits a test: in collection, with money owed, nothing pending on
 * it, and (optionally) at least `minDues` unpaid dues. The first by id, so runs are repeatable.
 */
export async function accountOf(
  server: Database,
  email: string,
  options: { minDues?: number; minBalance?: number; skip?: number } = {},
): Promise<AccountRow> {
  const agent = await agentId(server, email);
  const rows = await sql(
    server,
    `select a.id, a.currency, a.balance_minor, a.amount_due_minor, a.oldest_unpaid_due_date, a.version, a.team_id from account a
     where a.assigned_agent_id = ? and a.status = 'ACTIVE' and a.balance_minor >= ? and a.amount_due_minor > 0
       and not exists (select 1 from promise_to_pay p where p.account_id = a.id and p.status in ('PENDING', 'PENDING_APPROVAL'))
       and not exists (select 1 from payment_plan p where p.account_id = a.id and p.status in ('ACTIVE', 'PENDING_APPROVAL', 'PROPOSED'))
       and not exists (select 1 from write_off w where w.account_id = a.id and w.status = 'REQUESTED')
       and (select count(*) from account_due d where d.account_id = a.id and d.paid_minor < d.amount_minor) >= ?
     order by a.id limit 1 offset ?`,
    [agent, options.minBalance ?? 10_000, options.minDues ?? 1, options.skip ?? 0],
  );
  const a = rows[0];
  if (!a) throw new Error(`no suitable account for ${email}`);
  return {
    id: Number(a.id),
    gid: globalId('Account', Number(a.id)),
    currency: String(a.currency),
    balance: Number(a.balance_minor),
    amountDue: Number(a.amount_due_minor),
    oldestUnpaidDueDate: a.oldest_unpaid_due_date ?? null,
    version: Number(a.version),
    teamId: Number(a.team_id),
  };
}

/** "1234.56" from minor units (every seeded currency has two decimals). */
export const decimal = (minor: number): string => `${minor < 0 ? '-' : ''}${Math.floor(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;

export const money = (minor: number, currency: string) => ({ amount: decimal(minor), currencyCode: currency });

export async function accountState(server: Database, id: number) {
  const [a] = await sql(server, 'select balance_minor, amount_due_minor, oldest_unpaid_due_date, dpd, bucket, status, version from account where id = ?', [id]);
  return {
    balance: Number(a!.balance_minor),
    amountDue: Number(a!.amount_due_minor),
    oldestUnpaidDueDate: (a!.oldest_unpaid_due_date ?? null) as string | null,
    dpd: Number(a!.dpd),
    bucket: String(a!.bucket),
    status: String(a!.status),
    version: Number(a!.version),
  };
}

export async function unpaidDues(server: Database, id: number): Promise<Array<{ id: number; dueDate: string; outstanding: number }>> {
  const rows = await sql(server, 'select id, due_date, amount_minor - paid_minor as outstanding from account_due where account_id = ? and paid_minor < amount_minor order by due_date, id', [id]);
  return rows.map((r) => ({ id: Number(r.id), dueDate: String(r.due_date), outstanding: Number(r.outstanding) }));
}
