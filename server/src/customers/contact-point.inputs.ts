import { Field, InputType } from 'type-graphql';
import { ContactPointKind, PhoneType } from './contact-point.entity.js';

@InputType({ description: 'A phone, email or address found for a customer (skip tracing, DOMAIN.md §5).' })
export class AddContactPointInput {
  @Field(() => ContactPointKind)
  kind!: ContactPointKind;

  @Field({ description: 'PHONE: E.164 ("+525512345678"); EMAIL: the address; ADDRESS: the street line.' })
  value!: string;

  @Field(() => PhoneType, { nullable: true, description: 'PHONE only.' })
  phoneType?: PhoneType | null;

  @Field(() => String, { nullable: true, description: 'ADDRESS only, required there.' })
  city?: string | null;

  @Field(() => String, { nullable: true, description: 'ADDRESS only.' })
  region?: string | null;

  @Field(() => String, { nullable: true, description: 'ADDRESS only.' })
  postalCode?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2; required for an ADDRESS, the phone’s country for a PHONE.' })
  country?: string | null;

  @Field(() => String, { nullable: true, description: 'IANA zone of the phone area or the address, e.g. "America/Monterrey".' })
  timeZone?: string | null;

  @Field({ description: 'Where it came from (customer, bureau, skip-trace vendor, ...), 1-100 characters.' })
  source!: string;

  @Field(() => String, { nullable: true, description: 'Why it is added.' })
  reason?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'PHONE only: the customer consented to dialer calls on it.' })
  dialerConsent?: boolean | null;
}
