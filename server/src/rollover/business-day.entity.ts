import { InstantType } from '../db/instant.type.js';
import { Entity, Property, type Opt } from '@mikro-orm/core';
import { NodeEntity } from '../db/node.entity.js';

/** One run of the day rollover per business date; its presence is what makes the rollover idempotent. */
@Entity()
export class BusinessDay extends NodeEntity {
  @Property({ type: 'string', length: 10, unique: true })
  date!: string;

  @Property({ type: InstantType })
  ranAt!: Date;

  @Property({ type: 'json' })
  summary: Record<string, number> & Opt = {};
}
