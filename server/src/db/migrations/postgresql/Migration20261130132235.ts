import { Migration } from '@mikro-orm/migrations';

/** Alert rules (one per kind, with the defaults of alerts/alert-rules.ts) and stored alerts, one per episode. */
export class Migration20261130132235 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "alert_rule" ("id" serial primary key, "kind" text check ("kind" in ('TEAM_BEHIND_PACE', 'AGENT_PAUSED_TOO_LONG', 'AGENT_IN_WRAP_UP_TOO_LONG', 'BROKEN_PROMISE', 'CONTACT_REFUSALS_BURST')) not null, "enabled" boolean not null default true, "shift_share" double precision null, "kpis" jsonb null, "limit_seconds" int null, "amount_minor" bigint null, "refusal_count" int null, "window_seconds" int null, "version" int not null default 1, "updated_by_id" int null, "updated_at" timestamptz(6) not null);`);
    this.addSql(`alter table "alert_rule" add constraint "alert_rule_kind_unique" unique ("kind");`);

    this.addSql(`create table "alert" ("id" serial primary key, "kind" text check ("kind" in ('TEAM_BEHIND_PACE', 'AGENT_PAUSED_TOO_LONG', 'AGENT_IN_WRAP_UP_TOO_LONG', 'BROKEN_PROMISE', 'CONTACT_REFUSALS_BURST')) not null, "team_id" int not null, "agent_id" int null, "account_id" int null, "message" varchar(500) not null, "raised_at" timestamptz(6) not null, "acknowledged_at" timestamptz(6) null, "acknowledged_by_id" int null, "episode_key" varchar(200) not null);`);
    this.addSql(`alter table "alert" add constraint "alert_episode_key_unique" unique ("episode_key");`);
    this.addSql(`create index "alert_team_id_raised_at_index" on "alert" ("team_id", "raised_at");`);

    this.addSql(`alter table "alert_rule" add constraint "alert_rule_updated_by_id_foreign" foreign key ("updated_by_id") references "agent" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "alert" add constraint "alert_team_id_foreign" foreign key ("team_id") references "team" ("id") on update cascade;`);
    this.addSql(`alter table "alert" add constraint "alert_agent_id_foreign" foreign key ("agent_id") references "agent" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "alert" add constraint "alert_account_id_foreign" foreign key ("account_id") references "account" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "alert" add constraint "alert_acknowledged_by_id_foreign" foreign key ("acknowledged_by_id") references "agent" ("id") on update cascade on delete set null;`);

    this.addSql(`insert into "alert_rule" ("kind", "enabled", "shift_share", "kpis", "limit_seconds", "amount_minor", "refusal_count", "window_seconds", "version", "updated_at") values ('TEAM_BEHIND_PACE', true, 0.25, '["ATTEMPTS","PROMISES","COLLECTED_AMOUNT"]', null, null, null, null, 1, now()), ('AGENT_PAUSED_TOO_LONG', true, null, null, 1200, null, null, null, 1, now()), ('AGENT_IN_WRAP_UP_TOO_LONG', true, null, null, 300, null, null, null, 1, now()), ('BROKEN_PROMISE', true, null, null, null, 500000, null, null, 1, now()), ('CONTACT_REFUSALS_BURST', true, null, null, null, null, 5, 600, 1, now());`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "alert_rule" cascade;`);

    this.addSql(`drop table if exists "alert" cascade;`);
  }

}
