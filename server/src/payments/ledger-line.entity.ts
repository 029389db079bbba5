import { InstantType } from '../db/instant.type.js';
import { Entity, Index, Property, Unique, type Opt } from '@mikro-orm/core';
import { moneyColumn, NodeEntity } from '../db/node.entity.js';

/** A line of the accounting export, matched to payments by reference and amount (DOMAIN.md §4). */
@Entity()
@Unique({ properties: ['importBatch', 'lineNumber'] })
@Index({ properties: ['reference'] })
@Index({ properties: ['postedOn'] })
export class LedgerLine extends NodeEntity {
  @Property({ type: 'string' })
  importBatch!: string;

  @Property({ type: 'integer' })
  lineNumber!: number;

  @Property({ type: 'string' })
  reference!: string;

  @Property({ type: moneyColumn() })
  amountMinor!: number;

  @Property({ type: 'string', length: 3 })
  currency!: string;

  @Property({ type: 'string', length: 10 })
  postedOn!: string;

  @Property({ type: InstantType })
  importedAt: Date & Opt = new Date();
}
