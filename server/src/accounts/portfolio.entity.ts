import { Entity, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { ContactProfile } from '../compliance/contact-profile.entity.js';
import { NodeEntity } from '../db/node.entity.js';

/** A book of accounts placed together (by lender and jurisdiction); it decides the contact profile. */
@ObjectType({ implements: NodeEntity })
@Entity()
export class Portfolio extends NodeEntity {
  @Field()
  @Property({ type: 'string', unique: true })
  code!: string;

  @Field()
  @Property({ type: 'string' })
  name!: string;

  @ManyToOne(() => ContactProfile)
  contactProfile!: ContactProfile;
}
