import { BigIntType, Entity, PrimaryKey, type Opt } from '@mikro-orm/core';
import { toGlobalId } from 'graphql-relay';
import { Field, ID, InterfaceType } from 'type-graphql';

/**
 * The shared base of every entity: an integer key in the database and a Relay global id in GraphQL
 * ("Account:42", base64), so `node(id)` can find any object and ids never collide across types.
 */
@InterfaceType('Node', { description: 'An object with a global id (Relay).' })
@Entity({ abstract: true })
export abstract class NodeEntity {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @Field(() => ID, { name: 'id', description: 'Global id, usable with node(id).' })
  get globalId(): string & Opt {
    return toGlobalId(this.constructor.name, String(this.id));
  }
}

/**
 * Money columns hold integer minor units as 64-bit integers (a MXN mortgage passes the 32-bit limit
 * of 21 million), read back as JS numbers: exact up to 2^53 minor units.
 */
export const moneyColumn = (): BigIntType<'number'> => new BigIntType('number');
