import { InstantType } from '../db/instant.type.js';
import { Entity, Enum, Index, Property, type Opt } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { NodeEntity } from '../db/node.entity.js';
import { PersonalData } from '../privacy/personal-data.js';

export enum LocatableStatus {
  LOCATABLE = 'LOCATABLE',
  /** No valid phone and no valid address remain (DOMAIN.md §5). */
  UNLOCATABLE = 'UNLOCATABLE',
}
registerEnumType(LocatableStatus, { name: 'LocatableStatus' });

/** A person who owes; one customer may hold several accounts. */
@ObjectType({ implements: NodeEntity })
@Entity()
export class Customer extends NodeEntity {
  @Field()
  @PersonalData('GIVEN_NAME')
  @Property({ type: 'string' })
  firstName!: string;

  @Field()
  @PersonalData('FAMILY_NAME')
  @Property({ type: 'string' })
  lastName!: string;

  /** Lower-cased "first last" for the text search; never returned. */
  @Index()
  @Property({ type: 'string', hidden: true })
  searchName!: string;

  @Field(() => String, { nullable: true })
  @PersonalData('NATIONAL_ID')
  @Property({ type: 'string', nullable: true })
  nationalId?: string | null;

  @Field({ description: 'IANA time zone of the customer’s address.' })
  @Property({ type: 'string' })
  timeZone!: string;

  @Field(() => LocatableStatus)
  @Index()
  @Enum({ items: () => LocatableStatus })
  locatable: LocatableStatus & Opt = LocatableStatus.LOCATABLE;

  @Field(() => Boolean, { description: 'The customer asked to cease communication (§3 CEASE_REQUEST).' })
  @Property({ type: 'boolean' })
  ceaseCommunication: boolean & Opt = false;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  attorneyRepresented: boolean & Opt = false;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  bankrupt: boolean & Opt = false;

  @Field(() => Boolean)
  @Property({ type: 'boolean' })
  deceased: boolean & Opt = false;

  @Field(() => Boolean, { description: 'Flagged for review after a DECEASED or BANKRUPTCY disposition.' })
  @Property({ type: 'boolean' })
  reviewRequired: boolean & Opt = false;

  @Field(() => Date)
  @Property({ type: InstantType })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'integer', version: true })
  version!: number & Opt;
}
