import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { customerScope, requireViewer } from '../auth/access.js';
import { Role, type Viewer } from '../auth/viewer.js';
import { paginate, type Connection, type PageArgs } from '../graphql/connection.js';
import { badInput, notFound } from '../graphql/errors.js';
import { ContactPointChange } from './contact-point-change.entity.js';
import { Customer } from './customer.entity.js';
import type { CustomerFilter } from './customer.inputs.js';

export class CustomerService {
  async list(em: EntityManager, viewer: Viewer | undefined, filter: CustomerFilter | null | undefined, page: PageArgs): Promise<Connection<Customer>> {
    const v = requireViewer(viewer);
    const conditions: FilterQuery<Customer>[] = [customerScope(v, em)];
    if (filter?.locatable) conditions.push({ locatable: filter.locatable });
    if (filter?.search != null) {
      const term = filter.search.trim().toLowerCase().replace(/[\\%_]/g, '');
      if (term.length < 2 || term.length > 100) throw badInput('search must be 2-100 characters.', { argument: 'filter.search' });
      // Masked names must not be recoverable by searching them (DOMAIN.md §8).
      if (v.role === Role.ANALYST) throw badInput('Searching by name is not available with masked personal data.', { argument: 'filter.search' });
      conditions.push({ searchName: { $like: `%${term}%` } });
    }
    return paginate(em, Customer, { $and: conditions }, { field: 'id', direction: 'ASC' }, page);
  }

  async byId(em: EntityManager, viewer: Viewer | undefined, id: number): Promise<Customer> {
    const v = requireViewer(viewer);
    const customer = await em.findOne(Customer, { $and: [{ id }, customerScope(v, em)] });
    if (!customer) throw notFound('Customer');
    return customer;
  }

  /** Every change of the customer's contact points, newest first (DOMAIN.md §5). */
  async contactHistory(em: EntityManager, viewer: Viewer | undefined, customerId: number, page: PageArgs): Promise<Connection<ContactPointChange>> {
    await this.byId(em, viewer, customerId);
    return paginate(em, ContactPointChange, { customer: customerId }, { field: 'at', direction: 'DESC' }, page, { dateField: true });
  }
}
