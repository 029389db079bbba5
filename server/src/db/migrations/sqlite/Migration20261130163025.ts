import { Migration } from '@mikro-orm/migrations';

/**
 * Pre-aggregated bucket figures (reports/bucket-flow.entity.ts): bucket_flow and bucket_collected, and the
 * team each snapshot row was taken under. Snapshots taken before this migration get the account's team
 * now, the only one known. The figures themselves are built from the snapshots, accounts and payments by
 * migrate() right after (reports/bucket-flows.ts, buildBucketFlowsIfMissing): payments count in the months
 * of the floor's time zone, which a migration does not know.
 */
export class Migration20261130163025 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`bucket_collected\` (\`id\` integer not null primary key autoincrement, \`opened_on\` text not null, \`team_id\` integer not null, \`bucket\` text check (\`bucket\` in ('CURRENT', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'CHARGE_OFF')) not null, \`currency\` text not null, \`amount_minor\` bigint not null default 0);`);
    this.addSql(`create unique index \`bucket_collected_key\` on \`bucket_collected\` (\`opened_on\`, \`team_id\`, \`bucket\`, \`currency\`);`);

    this.addSql(`create table \`bucket_flow\` (\`id\` integer not null primary key autoincrement, \`opened_on\` text not null, \`closed_on\` text not null, \`team_id\` integer not null, \`from_bucket\` text check (\`from_bucket\` in ('CURRENT', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'CHARGE_OFF')) not null, \`to_bucket\` text check (\`to_bucket\` in ('CURRENT', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'CHARGE_OFF')) not null, \`currency\` text not null, \`accounts\` integer not null default 0, \`from_balance_minor\` bigint not null default 0, \`to_balance_minor\` bigint not null default 0);`);
    this.addSql(`create unique index \`bucket_flow_key\` on \`bucket_flow\` (\`closed_on\`, \`opened_on\`, \`team_id\`, \`from_bucket\`, \`to_bucket\`, \`currency\`);`);

    this.addSql(`alter table \`bucket_snapshot\` add column \`team_id\` integer null;`);
    this.addSql(`update \`bucket_snapshot\` set \`team_id\` = (select a.\`team_id\` from \`account\` a where a.\`id\` = \`bucket_snapshot\`.\`account_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`bucket_collected\`;`);
    this.addSql(`drop table if exists \`bucket_flow\`;`);
    this.addSql(`alter table \`bucket_snapshot\` drop column \`team_id\`;`);
  }

}
