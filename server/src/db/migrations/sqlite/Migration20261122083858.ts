import { Migration } from '@mikro-orm/migrations';

/** Per-agent, per-day KPI counters (DOMAIN.md §7), and the agent each payment's collected amount counts for. */
export class Migration20261122083858 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`agent_day_counter\` (\`id\` integer not null primary key autoincrement, \`agent_id\` integer not null, \`day\` text not null, \`attempts\` integer not null default 0, \`contacts\` integer not null default 0, \`right_party_contacts\` integer not null default 0, \`calls\` integer not null default 0, \`calls_with_talk\` integer not null default 0, \`talk_seconds\` integer not null default 0, \`wrap_seconds\` integer not null default 0, \`promises\` integer not null default 0, \`promised_amount_minor\` bigint not null default 0, \`promises_kept\` integer not null default 0, \`promises_partially_kept\` integer not null default 0, \`promises_broken\` integer not null default 0, \`collected_amount_minor\` bigint not null default 0, \`connected_seconds\` integer not null default 0, \`paused_seconds\` integer not null default 0, \`version\` integer not null default 1, constraint \`agent_day_counter_agent_id_foreign\` foreign key(\`agent_id\`) references \`agent\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`agent_day_counter_agent_id_index\` on \`agent_day_counter\` (\`agent_id\`);`);
    this.addSql(`create index \`agent_day_counter_day_index\` on \`agent_day_counter\` (\`day\`);`);
    this.addSql(`create unique index \`agent_day_counter_agent_id_day_unique\` on \`agent_day_counter\` (\`agent_id\`, \`day\`);`);
    this.addSql(`alter table \`payment\` add column \`credited_to_id\` integer null constraint \`payment_credited_to_id_foreign\` references \`agent\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`create index \`payment_credited_to_id_index\` on \`payment\` (\`credited_to_id\`);`);
  }

}
