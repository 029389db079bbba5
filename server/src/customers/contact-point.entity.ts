import { InstantType } from '../db/instant.type.js';
import { Entity, Enum, Index, ManyToOne, Property, type Opt } from '@mikro-orm/core';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { NodeEntity } from '../db/node.entity.js';
import { PersonalData } from '../privacy/personal-data.js';
import { Customer } from './customer.entity.js';

export enum ContactPointKind {
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
  ADDRESS = 'ADDRESS',
}
export enum PhoneType {
  MOBILE = 'MOBILE',
  LANDLINE = 'LANDLINE',
  WORK = 'WORK',
}
export enum ContactPointStatus {
  UNVERIFIED = 'UNVERIFIED',
  VERIFIED = 'VERIFIED',
  INVALID = 'INVALID',
}
registerEnumType(ContactPointKind, { name: 'ContactPointKind' });
registerEnumType(PhoneType, { name: 'PhoneType' });
registerEnumType(ContactPointStatus, { name: 'ContactPointStatus' });

/** A phone, email or address of a customer; changes are kept in ContactPointChange (§5). */
@ObjectType({ implements: NodeEntity })
@Entity()
@Index({ properties: ['customer', 'kind', 'status'] })
export class ContactPoint extends NodeEntity {
  @ManyToOne(() => Customer)
  customer!: Customer;

  @Field(() => ContactPointKind)
  @Enum({ items: () => ContactPointKind })
  kind!: ContactPointKind;

  /** The number (E.164), the email, or the street line of an address. */
  @Field({ description: 'The phone number (E.164), email, or street line of an address.' })
  @PersonalData<ContactPoint>((point) =>
    point.kind === ContactPointKind.PHONE ? 'PHONE' : point.kind === ContactPointKind.EMAIL ? 'EMAIL' : 'ADDRESS_LINE',
  )
  @Property({ type: 'string' })
  value!: string;

  @Field(() => PhoneType, { nullable: true })
  @Enum({ items: () => PhoneType, nullable: true })
  phoneType?: PhoneType | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  city?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  region?: string | null;

  @Field(() => String, { nullable: true })
  @PersonalData('ADDRESS_LINE')
  @Property({ type: 'string', nullable: true })
  postalCode?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true, length: 2 })
  country?: string | null;

  @Field(() => String, { nullable: true, description: 'IANA zone of the phone area or address.' })
  @Property({ type: 'string', nullable: true })
  timeZone?: string | null;

  @Field(() => ContactPointStatus)
  @Enum({ items: () => ContactPointStatus })
  status: ContactPointStatus & Opt = ContactPointStatus.UNVERIFIED;

  @Field(() => Boolean, { description: 'On the do-not-call list.' })
  @Property({ type: 'boolean' })
  doNotCall: boolean & Opt = false;

  @Field(() => Boolean, { description: 'The customer consented to dialer calls on this mobile.' })
  @Property({ type: 'boolean' })
  dialerConsent: boolean & Opt = false;

  @Field({ description: 'Where the data came from (customer, bureau, skip-trace vendor, ...).' })
  @Property({ type: 'string' })
  source!: string;

  @Field(() => Date, { nullable: true })
  @Property({ type: InstantType, nullable: true })
  verifiedAt?: Date | null;

  @Field(() => Date)
  @Property({ type: InstantType })
  createdAt: Date & Opt = new Date();
}
