import { Faker, base, en, en_US, es_MX } from '@faker-js/faker';
import { ContactPointChangeKind } from '../../customers/contact-point-change.entity.js';
import { ContactPointKind, ContactPointStatus, PhoneType } from '../../customers/contact-point.entity.js';
import { LocatableStatus } from '../../customers/customer.entity.js';
import { addDays, type LocalDate } from '../../shared/dates.js';
import type { Row } from './bulk.js';
import type { SeedContext } from './context.js';
import { DAY, MINUTE } from './floor-time.js';
import { PLACES, type Country, type Place } from './geography.js';
import { Weighted, type Prng } from './prng.js';

export interface Phone {
  id: number;
  number: string;
  type: PhoneType;
  timeZone: string;
  /** Cleared when a call ends WRONG_NUMBER or DISCONNECTED_NUMBER (§3). */
  valid: boolean;
  doNotCall: boolean;
  dialerConsent: boolean;
}

export interface CustomerInfo {
  id: number;
  country: Country;
  timeZone: string;
  phones: Phone[];
  /** Cease, attorney, bankruptcy or death: no outbound call may reach them (§6). */
  doNotContact: boolean;
  createdOn: LocalDate;
}

interface Details {
  phoneType?: PhoneType;
  place?: { city: string | null; region: string | null; country: Country; timeZone: string };
  postalCode?: string;
  doNotCall?: boolean;
  dialerConsent?: boolean;
}

const CHUNK = 5000;
const PLACE_BY_COUNTRY: Record<Country, Weighted<Place>> = {
  US: new Weighted(PLACES.filter((p) => p.country === 'US').map((p) => [p, p.weight])),
  MX: new Weighted(PLACES.filter((p) => p.country === 'MX').map((p) => [p, p.weight])),
};
const PHONE_COUNT = new Weighted([[1, 45], [2, 40], [3, 15]] as const);
const OTHER_PHONE_TYPE = new Weighted([[PhoneType.LANDLINE, 45], [PhoneType.WORK, 40], [PhoneType.MOBILE, 15]] as const);
// Reserved example domains: demo data must never hold a deliverable address.
const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'];

const INVALIDATION: Record<ContactPointKind, { source: string; reason: string }> = {
  PHONE: { source: 'CARRIER_CHECK', reason: 'Number not in service' },
  EMAIL: { source: 'EMAIL_BOUNCE', reason: 'Mailbox does not exist' },
  ADDRESS: { source: 'RETURNED_MAIL', reason: 'Mail returned to sender' },
};

export async function seedCustomers(ctx: SeedContext, count: number): Promise<CustomerInfo[]> {
  const rng = ctx.rng('customers');
  const fakers: Record<Country, Faker> = {
    US: new Faker({ locale: [en_US, en, base] }),
    MX: new Faker({ locale: [es_MX, en, base] }),
  };
  fakers.US.seed(ctx.seed + 1);
  fakers.MX.seed(ctx.seed + 2);
  const customers: CustomerInfo[] = [];
  for (let start = 0; start < count; start += CHUNK) {
    const rows = { customer: [] as Row[], contact_point: [] as Row[], contact_point_change: [] as Row[] };
    for (let i = start; i < Math.min(count, start + CHUNK); i++) customers.push(makeCustomer(ctx, rng, fakers, rows));
    await ctx.writer.transaction(async (trx) => {
      await ctx.writer.insert(trx, 'customer', rows.customer);
      await ctx.writer.insert(trx, 'contact_point', rows.contact_point);
      await ctx.writer.insert(trx, 'contact_point_change', rows.contact_point_change);
    });
    ctx.progress('customers', customers.length, count);
  }
  return customers;
}

function makeCustomer(
  ctx: SeedContext,
  rng: Prng,
  fakers: Record<Country, Faker>,
  rows: { customer: Row[]; contact_point: Row[]; contact_point_change: Row[] },
): CustomerInfo {
  const id = ctx.nextId('customer');
  const country: Country = rng.chance(0.5) ? 'US' : 'MX';
  const faker = fakers[country];
  const place = PLACE_BY_COUNTRY[country].pick(rng);
  const firstName = faker.person.firstName();
  const lastName = faker.person.lastName();
  const createdOn = addDays(ctx.today, -rng.int(900, 3600));
  const createdAt = ctx.clock.at(createdOn, rng.int(9 * 60, 18 * 60));
  const unlocatable = rng.chance(0.03);
  const flags = {
    cease_communication: rng.chance(0.004),
    attorney_represented: rng.chance(0.003),
    bankrupt: rng.chance(0.003),
    deceased: rng.chance(0.0015),
  };
  rows.customer.push({
    id,
    first_name: firstName,
    last_name: lastName,
    search_name: `${firstName} ${lastName}`.toLowerCase(),
    national_id: nationalId(rng, country),
    time_zone: place.timeZone,
    locatable: unlocatable ? LocatableStatus.UNLOCATABLE : LocatableStatus.LOCATABLE,
    ...flags,
    review_required: (flags.bankrupt || flags.deceased) && rng.chance(0.5),
    created_at: new Date(createdAt),
    version: 1,
  });

  // The gap between origination and the call history, when older changes (verification, returned mail) happened.
  const historyStart = ctx.clock.at(ctx.historyStart, 0);
  const point = (kind: ContactPointKind, value: string, details: Details, invalidChance: number, verifiedChance: number) => {
    const pointId = ctx.nextId('contact_point');
    const status = unlocatable || rng.chance(invalidChance)
      ? ContactPointStatus.INVALID
      : rng.chance(verifiedChance) ? ContactPointStatus.VERIFIED : ContactPointStatus.UNVERIFIED;
    const laterAt = createdAt + rng.int(30, Math.floor((historyStart - createdAt) / DAY) - 1) * DAY + rng.int(0, 480) * MINUTE;
    rows.contact_point.push({
      id: pointId,
      customer_id: id,
      kind,
      value,
      phone_type: details.phoneType ?? null,
      city: details.place?.city ?? null,
      region: details.place?.region ?? null,
      postal_code: details.postalCode ?? null,
      country: details.place?.country ?? null,
      time_zone: details.place?.timeZone ?? null,
      status,
      do_not_call: details.doNotCall ?? false,
      dialer_consent: details.dialerConsent ?? false,
      source: 'ORIGINATION',
      verified_at: status === ContactPointStatus.VERIFIED ? new Date(laterAt) : null,
      created_at: new Date(createdAt),
    });
    const change = (kindOfChange: ContactPointChangeKind, at: number, oldValue: string | null, newValue: string | null, source: string, reason: string | null): void => {
      rows.contact_point_change.push({
        id: ctx.nextId('contact_point_change'),
        customer_id: id,
        contact_point_id: pointId,
        change: kindOfChange,
        old_value: oldValue,
        new_value: newValue,
        changed_by_id: null,
        source,
        reason,
        at: new Date(at),
      });
    };
    change(ContactPointChangeKind.ADDED, createdAt, null, value, 'ORIGINATION', null);
    if (status === ContactPointStatus.VERIFIED) change(ContactPointChangeKind.VERIFIED, laterAt, value, value, 'CUSTOMER', null);
    if (status === ContactPointStatus.INVALID) change(ContactPointChangeKind.INVALIDATED, laterAt, value, null, INVALIDATION[kind].source, INVALIDATION[kind].reason);
    return { id: pointId, valid: status !== ContactPointStatus.INVALID };
  };

  const phones: Phone[] = [];
  const phoneCount = PHONE_COUNT.pick(rng);
  // Some customers moved and kept their old mobile: its area (and zone) is not the address's (§6).
  const moved = rng.chance(0.12);
  for (let n = 0; n < phoneCount; n++) {
    const type = n === 0 ? (rng.chance(0.85) ? PhoneType.MOBILE : PhoneType.LANDLINE) : OTHER_PHONE_TYPE.pick(rng);
    const phonePlace = type === PhoneType.MOBILE && moved ? movedFrom(rng, place) : place;
    const number = phoneNumber(rng, phonePlace);
    const doNotCall = rng.chance(0.02);
    const dialerConsent = type === PhoneType.MOBILE && rng.chance(0.8);
    // A phone's zone is its area's; city and region belong to addresses only.
    const phonePoint = point(ContactPointKind.PHONE, number, { phoneType: type, place: { ...phonePlace, city: null, region: null }, doNotCall, dialerConsent }, 0.05, 0.45);
    phones.push({ id: phonePoint.id, number, type, timeZone: phonePlace.timeZone, valid: phonePoint.valid, doNotCall, dialerConsent });
  }
  const email = faker.internet.email({ firstName, lastName, provider: rng.pick(EMAIL_DOMAINS) }).toLowerCase();
  point(ContactPointKind.EMAIL, email, {}, 0.03, 0.4);
  const street = country === 'US' && rng.chance(0.15)
    ? `${faker.location.streetAddress()}, ${faker.location.secondaryAddress()}`
    : faker.location.streetAddress();
  point(ContactPointKind.ADDRESS, street, { place, postalCode: place.postalPrefix + rng.digits(5 - place.postalPrefix.length) }, 0.03, 0.5);

  return {
    id,
    country,
    timeZone: place.timeZone,
    phones,
    doNotContact: flags.cease_communication || flags.attorney_represented || flags.bankrupt || flags.deceased,
    createdOn,
  };
}

function movedFrom(rng: Prng, home: Place): Place {
  const country: Country = rng.chance(0.3) ? (home.country === 'US' ? 'MX' : 'US') : home.country;
  for (;;) {
    const p = PLACE_BY_COUNTRY[country].pick(rng);
    if (p.timeZone !== home.timeZone) return p;
  }
}

/** E.164. US numbers use the fictional 555 exchange; Mexican ones are ten digits after +52. */
function phoneNumber(rng: Prng, place: Place): string {
  const area = rng.pick(place.areaCodes);
  return place.country === 'US' ? `+1${area}555${rng.digits(4)}` : `+52${area}${rng.digits(10 - area.length)}`;
}

function nationalId(rng: Prng, country: Country): string {
  if (country === 'US') return `9${rng.digits(2)}-${rng.digits(2)}-${rng.digits(4)}`; // 9xx: never issued as an SSN
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const l = (n: number) => Array.from({ length: n }, () => letters[rng.int(0, 25)]).join('');
  const yy = String(rng.int(50, 99 + 5) % 100).padStart(2, '0');
  const mm = String(rng.int(1, 12)).padStart(2, '0');
  const dd = String(rng.int(1, 28)).padStart(2, '0');
  return `${l(4)}${yy}${mm}${dd}${rng.chance(0.5) ? 'H' : 'M'}${l(5)}${rng.digits(2)}`; // CURP-shaped
}
