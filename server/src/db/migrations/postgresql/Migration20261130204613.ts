import { Migration } from '@mikro-orm/migrations';

/** callLogged reads a team's calls by id (its cursors, its latest call): an index seek instead of a sort. */
export class Migration20261130204613 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "call_team_id_id_index" on "call" ("team_id", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "call_team_id_id_index";`);
  }

}
