import { Migration } from '@mikro-orm/migrations';

export class Migration20261130153202 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index \`account_assigned_agent_id_bucket_index\`;`);
    this.addSql(`drop index \`account_product_index\`;`);
    this.addSql(`drop index \`account_team_id_bucket_index\`;`);

    this.addSql(`create index \`account_product_bucket_currency_balance_minor_index\` on \`account\` (\`product\`, \`bucket\`, \`currency\`, \`balance_minor\`);`);
    this.addSql(`create index \`account_team_id_bucket_currency_balance_minor_index\` on \`account\` (\`team_id\`, \`bucket\`, \`currency\`, \`balance_minor\`);`);
    this.addSql(`create index \`account_assigned_agent_id_bucket_currency_balance_minor_index\` on \`account\` (\`assigned_agent_id\`, \`bucket\`, \`currency\`, \`balance_minor\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index \`account_product_bucket_currency_balance_minor_index\`;`);
    this.addSql(`drop index \`account_team_id_bucket_currency_balance_minor_index\`;`);
    this.addSql(`drop index \`account_assigned_agent_id_bucket_currency_balance_minor_index\`;`);

    this.addSql(`create index \`account_assigned_agent_id_bucket_index\` on \`account\` (\`assigned_agent_id\`, \`bucket\`);`);
    this.addSql(`create index \`account_product_index\` on \`account\` (\`product\`);`);
    this.addSql(`create index \`account_team_id_bucket_index\` on \`account\` (\`team_id\`, \`bucket\`);`);
  }

}
