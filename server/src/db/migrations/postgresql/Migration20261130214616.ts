import { Migration } from '@mikro-orm/migrations';

/** An agent's accounts of one status by balance: their portfolio page walks it in order and stops at the page's end. */
export class Migration20261130214616 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "account_assigned_agent_id_status_balance_minor_id_index" on "account" ("assigned_agent_id", "status", "balance_minor", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "account_assigned_agent_id_status_balance_minor_id_index";`);
  }

}
