import { Migration } from '@mikro-orm/migrations';

/**
 * Pre-aggregated bucket figures (reports/bucket-flow.entity.ts): bucket_flow and bucket_collected, and the
 * team each snapshot row was taken under. Snapshots taken before this migration get the account's team
 * now, the only one known. The figures themselves are built from the snapshots, accounts and payments by
 * migrate() right after (reports/bucket-flows.ts, buildBucketFlowsIfMissing): payments count in the months
 * of the floor's time zone, which a migration does not know.
 */
export class Migration20261130163027 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "bucket_collected" ("id" serial primary key, "opened_on" varchar(10) not null, "team_id" int not null, "bucket" text check ("bucket" in ('CURRENT', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'CHARGE_OFF')) not null, "currency" varchar(3) not null, "amount_minor" bigint not null default 0);`);
    this.addSql(`alter table "bucket_collected" add constraint "bucket_collected_key" unique ("opened_on", "team_id", "bucket", "currency");`);

    this.addSql(`create table "bucket_flow" ("id" serial primary key, "opened_on" varchar(10) not null, "closed_on" varchar(10) not null, "team_id" int not null, "from_bucket" text check ("from_bucket" in ('CURRENT', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'CHARGE_OFF')) not null, "to_bucket" text check ("to_bucket" in ('CURRENT', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'CHARGE_OFF')) not null, "currency" varchar(3) not null, "accounts" int not null default 0, "from_balance_minor" bigint not null default 0, "to_balance_minor" bigint not null default 0);`);
    this.addSql(`alter table "bucket_flow" add constraint "bucket_flow_key" unique ("closed_on", "opened_on", "team_id", "from_bucket", "to_bucket", "currency");`);

    this.addSql(`alter table "bucket_snapshot" add column "team_id" int null;`);
    this.addSql(`update "bucket_snapshot" set "team_id" = a."team_id" from "account" a where a."id" = "bucket_snapshot"."account_id";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "bucket_collected" cascade;`);

    this.addSql(`drop table if exists "bucket_flow" cascade;`);

    this.addSql(`alter table "bucket_snapshot" drop column "team_id";`);
  }

}
