import { Migration } from '@mikro-orm/migrations';

/** Alert rules (one per kind, with the defaults of alerts/alert-rules.ts) and stored alerts, one per episode. */
export class Migration20261130132204 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`alert_rule\` (\`id\` integer not null primary key autoincrement, \`kind\` text check (\`kind\` in ('TEAM_BEHIND_PACE', 'AGENT_PAUSED_TOO_LONG', 'AGENT_IN_WRAP_UP_TOO_LONG', 'BROKEN_PROMISE', 'CONTACT_REFUSALS_BURST')) not null, \`enabled\` integer not null default true, \`shift_share\` double null, \`kpis\` json null, \`limit_seconds\` integer null, \`amount_minor\` bigint null, \`refusal_count\` integer null, \`window_seconds\` integer null, \`version\` integer not null default 1, \`updated_by_id\` integer null, \`updated_at\` datetime not null, constraint \`alert_rule_updated_by_id_foreign\` foreign key(\`updated_by_id\`) references \`agent\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create unique index \`alert_rule_kind_unique\` on \`alert_rule\` (\`kind\`);`);
    this.addSql(`create index \`alert_rule_updated_by_id_index\` on \`alert_rule\` (\`updated_by_id\`);`);

    this.addSql(`create table \`alert\` (\`id\` integer not null primary key autoincrement, \`kind\` text check (\`kind\` in ('TEAM_BEHIND_PACE', 'AGENT_PAUSED_TOO_LONG', 'AGENT_IN_WRAP_UP_TOO_LONG', 'BROKEN_PROMISE', 'CONTACT_REFUSALS_BURST')) not null, \`team_id\` integer not null, \`agent_id\` integer null, \`account_id\` integer null, \`message\` text not null, \`raised_at\` datetime not null, \`acknowledged_at\` datetime null, \`acknowledged_by_id\` integer null, \`episode_key\` text not null, constraint \`alert_team_id_foreign\` foreign key(\`team_id\`) references \`team\`(\`id\`) on update cascade, constraint \`alert_agent_id_foreign\` foreign key(\`agent_id\`) references \`agent\`(\`id\`) on delete set null on update cascade, constraint \`alert_account_id_foreign\` foreign key(\`account_id\`) references \`account\`(\`id\`) on delete set null on update cascade, constraint \`alert_acknowledged_by_id_foreign\` foreign key(\`acknowledged_by_id\`) references \`agent\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`alert_team_id_index\` on \`alert\` (\`team_id\`);`);
    this.addSql(`create index \`alert_agent_id_index\` on \`alert\` (\`agent_id\`);`);
    this.addSql(`create index \`alert_account_id_index\` on \`alert\` (\`account_id\`);`);
    this.addSql(`create index \`alert_acknowledged_by_id_index\` on \`alert\` (\`acknowledged_by_id\`);`);
    this.addSql(`create unique index \`alert_episode_key_unique\` on \`alert\` (\`episode_key\`);`);
    this.addSql(`create index \`alert_team_id_raised_at_index\` on \`alert\` (\`team_id\`, \`raised_at\`);`);

    this.addSql(`insert into \`alert_rule\` (\`kind\`, \`enabled\`, \`shift_share\`, \`kpis\`, \`limit_seconds\`, \`amount_minor\`, \`refusal_count\`, \`window_seconds\`, \`version\`, \`updated_at\`) values ('TEAM_BEHIND_PACE', 1, 0.25, '["ATTEMPTS","PROMISES","COLLECTED_AMOUNT"]', null, null, null, null, 1, cast(strftime('%s', 'now') as integer) * 1000), ('AGENT_PAUSED_TOO_LONG', 1, null, null, 1200, null, null, null, 1, cast(strftime('%s', 'now') as integer) * 1000), ('AGENT_IN_WRAP_UP_TOO_LONG', 1, null, null, 300, null, null, null, 1, cast(strftime('%s', 'now') as integer) * 1000), ('BROKEN_PROMISE', 1, null, null, null, 500000, null, null, 1, cast(strftime('%s', 'now') as integer) * 1000), ('CONTACT_REFUSALS_BURST', 1, null, null, null, null, 5, 600, 1, cast(strftime('%s', 'now') as integer) * 1000);`);
  }

}
