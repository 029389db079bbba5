import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { callScope, requireViewer } from '../auth/access.js';
import type { Viewer } from '../auth/viewer.js';
import { paginate, type Connection, type PageArgs } from '../graphql/connection.js';
import { badInput, notFound } from '../graphql/errors.js';
import { decodeIdOf } from '../graphql/ids.js';
import { Call } from './call.entity.js';
import type { CallFilter } from './call.inputs.js';

export class CallService {
  async list(em: EntityManager, viewer: Viewer | undefined, filter: CallFilter | null | undefined, page: PageArgs): Promise<Connection<Call>> {
    const v = requireViewer(viewer);
    const c: FilterQuery<Call>[] = [callScope(v)];
    const f = filter ?? {};
    if (f.agentId != null) c.push({ agent: decodeIdOf('Agent', f.agentId, 'filter.agentId') });
    if (f.teamId != null) c.push({ teamId: decodeIdOf('Team', f.teamId, 'filter.teamId') });
    if (f.accountId != null) c.push({ account: decodeIdOf('Account', f.accountId, 'filter.accountId') });
    if (f.dispositions?.length) c.push({ disposition: { $in: f.dispositions } });
    if (f.direction) c.push({ direction: f.direction });
    if (f.startedAt) {
      const { from, to } = f.startedAt;
      if (from && to && from >= to) throw badInput('startedAt.from must be before startedAt.to.', { argument: 'filter.startedAt' });
      if (from) c.push({ startedAt: { $gte: from } });
      if (to) c.push({ startedAt: { $lt: to } });
    }
    return paginate(em, Call, { $and: c }, { field: 'startedAt', direction: 'DESC' }, page, { dateField: true });
  }

  async byId(em: EntityManager, viewer: Viewer | undefined, id: number): Promise<Call> {
    const v = requireViewer(viewer);
    const call = await em.findOne(Call, { $and: [{ id }, callScope(v)] });
    if (!call) throw notFound('Call');
    return call;
  }
}
