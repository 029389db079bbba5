import { Migration } from '@mikro-orm/migrations';

/** Each agent keeps the change their present presence began with, filled from their history. */
export class Migration20261130214422 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "agent" add column "presence_change_id" int null;`);
    this.addSql(`alter table "agent" add constraint "agent_presence_change_id_foreign" foreign key ("presence_change_id") references "agent_status_change" ("id") on update cascade on delete set null;`);
    this.addSql(`update "agent" set "presence_change_id" = (select l."id" from "agent_status_change" l where l."agent_id" = "agent"."id" order by l."at" desc, l."id" desc limit 1);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "agent" drop constraint "agent_presence_change_id_foreign";`);

    this.addSql(`alter table "agent" drop column "presence_change_id";`);
  }

}
