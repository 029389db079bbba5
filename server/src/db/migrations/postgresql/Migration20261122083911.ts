import { Migration } from '@mikro-orm/migrations';

export class Migration20261122083911 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "agent_day_counter" ("id" serial primary key, "agent_id" int not null, "day" varchar(10) not null, "attempts" int not null default 0, "contacts" int not null default 0, "right_party_contacts" int not null default 0, "calls" int not null default 0, "calls_with_talk" int not null default 0, "talk_seconds" int not null default 0, "wrap_seconds" int not null default 0, "promises" int not null default 0, "promised_amount_minor" bigint not null default 0, "promises_kept" int not null default 0, "promises_partially_kept" int not null default 0, "promises_broken" int not null default 0, "collected_amount_minor" bigint not null default 0, "connected_seconds" int not null default 0, "paused_seconds" int not null default 0, "version" int not null default 1);`);
    this.addSql(`create index "agent_day_counter_day_index" on "agent_day_counter" ("day");`);
    this.addSql(`alter table "agent_day_counter" add constraint "agent_day_counter_agent_id_day_unique" unique ("agent_id", "day");`);

    this.addSql(`alter table "agent_day_counter" add constraint "agent_day_counter_agent_id_foreign" foreign key ("agent_id") references "agent" ("id") on update cascade;`);

    this.addSql(`alter table "payment" add column "credited_to_id" int null;`);
    this.addSql(`alter table "payment" add constraint "payment_credited_to_id_foreign" foreign key ("credited_to_id") references "agent" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "agent_day_counter" cascade;`);

    this.addSql(`alter table "payment" drop constraint "payment_credited_to_id_foreign";`);

    this.addSql(`alter table "payment" drop column "credited_to_id";`);
  }

}
