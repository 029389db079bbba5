/**
 * The portfolio page by hand: the agent's ACTIVE accounts by balance, largest first, 50 at a time
 * (keyset on balance and id), with customer, last call and the open promise falling due first; four
 * statements whatever the page size.
 */
export async function portfolioPage(db, agentId, first) {
  const accounts = await db.all(
    `select a.id, a.external_ref, a.product, a.status, a.bucket, a.dpd, a.balance_minor, a.currency, a.last_call_id,
            c.id as customer_id, c.first_name, c.last_name
     from account a join customer c on c.id = a.customer_id
     where a.assigned_agent_id = ? and a.status = 'ACTIVE'
     order by a.balance_minor desc, a.id desc limit ?`,
    [agentId, first + 1],
  );
  const [{ n: totalCount }] = await db.all(`select count(*) as n from account where assigned_agent_id = ? and status = 'ACTIVE'`, [agentId]);
  const page = accounts.slice(0, first);
  const ids = page.map((a) => a.id);
  const marks = ids.map(() => '?').join(',') || 'null';
  const callIds = page.map((a) => a.last_call_id).filter((id) => id != null);
  const calls = callIds.length
    ? await db.all(`select id, disposition, direction, created_at from call where id in (${callIds.map(() => '?').join(',')})`, callIds)
    : [];
  const promises = await db.all(
    `select id, account_id, status, due_date, amount_minor, currency from promise_to_pay
     where account_id in (${marks}) and status = 'PENDING' order by due_date, id`,
    ids,
  );
  return { accounts: page, hasNextPage: accounts.length > first, totalCount: Number(totalCount), calls, promises };
}
