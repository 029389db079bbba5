import { Migration } from '@mikro-orm/migrations';

/**
 * Month counters (kpis/agent-month-counter.entity.ts): one row per agent and calendar month, the sum of
 * that month's day counters, kept from now on by the same upserts. Filled here from the day counters a
 * floor already holds.
 */
export class Migration20261130185205 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "agent_month_counter" ("id" serial primary key, "attempts" int not null default 0, "contacts" int not null default 0, "right_party_contacts" int not null default 0, "calls" int not null default 0, "calls_with_talk" int not null default 0, "talk_seconds" int not null default 0, "wrap_seconds" int not null default 0, "promises" int not null default 0, "promised_amount_minor" bigint not null default 0, "promises_kept" int not null default 0, "promises_partially_kept" int not null default 0, "promises_broken" int not null default 0, "collected_amount_minor" bigint not null default 0, "connected_seconds" int not null default 0, "paused_seconds" int not null default 0, "version" int not null default 1, "agent_id" int not null, "month" varchar(7) not null);`);
    this.addSql(`create index "agent_month_counter_month_index" on "agent_month_counter" ("month");`);
    this.addSql(`alter table "agent_month_counter" add constraint "agent_month_counter_agent_id_month_unique" unique ("agent_id", "month");`);

    this.addSql(`alter table "agent_month_counter" add constraint "agent_month_counter_agent_id_foreign" foreign key ("agent_id") references "agent" ("id") on update cascade;`);
    this.addSql(`insert into "agent_month_counter" (agent_id, "month", attempts, contacts, right_party_contacts, calls, calls_with_talk, talk_seconds, wrap_seconds, promises, promised_amount_minor, promises_kept, promises_partially_kept, promises_broken, collected_amount_minor, connected_seconds, paused_seconds, version) select agent_id, substr("day", 1, 7), sum(attempts), sum(contacts), sum(right_party_contacts), sum(calls), sum(calls_with_talk), sum(talk_seconds), sum(wrap_seconds), sum(promises), sum(promised_amount_minor), sum(promises_kept), sum(promises_partially_kept), sum(promises_broken), sum(collected_amount_minor), sum(connected_seconds), sum(paused_seconds), 1 from "agent_day_counter" group by agent_id, substr("day", 1, 7);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "agent_month_counter" cascade;`);
  }

}
