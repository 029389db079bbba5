import { Migration } from '@mikro-orm/migrations';

/** Each agent keeps the change their present presence began with, filled from their history. */
export class Migration20261130214412 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`agent\` add column \`presence_change_id\` integer null constraint \`agent_presence_change_id_foreign\` references \`agent_status_change\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`create index \`agent_presence_change_id_index\` on \`agent\` (\`presence_change_id\`);`);
    this.addSql(`update \`agent\` set \`presence_change_id\` = (select l.\`id\` from \`agent_status_change\` l where l.\`agent_id\` = \`agent\`.\`id\` order by l.\`at\` desc, l.\`id\` desc limit 1);`);
  }

}
