import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { AlertKind } from './topics.js';

registerEnumType(AlertKind, { name: 'AlertKind', description: 'The floor’s alert rules (issue 5).' });

@ObjectType({ description: 'Something on the floor that needs a supervisor, as `alertRaised` delivers it.' })
export class Alert {
  @Field(() => ID)
  id!: string;

  @Field(() => AlertKind)
  kind!: AlertKind;

  @Field()
  message!: string;

  @Field()
  raisedAt!: Date;

  teamId!: number;
  agentId!: number | null;
  accountId!: number | null;
}
