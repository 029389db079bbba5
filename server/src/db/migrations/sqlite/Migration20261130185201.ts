import { Migration } from '@mikro-orm/migrations';

/**
 * Month counters (kpis/agent-month-counter.entity.ts): one row per agent and calendar month, the sum of
 * that month's day counters, kept from now on by the same upserts. Filled here from the day counters a
 * floor already holds.
 */
export class Migration20261130185201 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`agent_month_counter\` (\`id\` integer not null primary key autoincrement, \`attempts\` integer not null default 0, \`contacts\` integer not null default 0, \`right_party_contacts\` integer not null default 0, \`calls\` integer not null default 0, \`calls_with_talk\` integer not null default 0, \`talk_seconds\` integer not null default 0, \`wrap_seconds\` integer not null default 0, \`promises\` integer not null default 0, \`promised_amount_minor\` bigint not null default 0, \`promises_kept\` integer not null default 0, \`promises_partially_kept\` integer not null default 0, \`promises_broken\` integer not null default 0, \`collected_amount_minor\` bigint not null default 0, \`connected_seconds\` integer not null default 0, \`paused_seconds\` integer not null default 0, \`version\` integer not null default 1, \`agent_id\` integer not null, \`month\` text not null, constraint \`agent_month_counter_agent_id_foreign\` foreign key(\`agent_id\`) references \`agent\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`agent_month_counter_agent_id_index\` on \`agent_month_counter\` (\`agent_id\`);`);
    this.addSql(`create index \`agent_month_counter_month_index\` on \`agent_month_counter\` (\`month\`);`);
    this.addSql(`create unique index \`agent_month_counter_agent_id_month_unique\` on \`agent_month_counter\` (\`agent_id\`, \`month\`);`);
    this.addSql(`insert into \`agent_month_counter\` (agent_id, \`month\`, attempts, contacts, right_party_contacts, calls, calls_with_talk, talk_seconds, wrap_seconds, promises, promised_amount_minor, promises_kept, promises_partially_kept, promises_broken, collected_amount_minor, connected_seconds, paused_seconds, version) select agent_id, substr(\`day\`, 1, 7), sum(attempts), sum(contacts), sum(right_party_contacts), sum(calls), sum(calls_with_talk), sum(talk_seconds), sum(wrap_seconds), sum(promises), sum(promised_amount_minor), sum(promises_kept), sum(promises_partially_kept), sum(promises_broken), sum(collected_amount_minor), sum(connected_seconds), sum(paused_seconds), 1 from \`agent_day_counter\` group by agent_id, substr(\`day\`, 1, 7);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`agent_month_counter\`;`);
  }

}
