import { Field, ObjectType } from 'type-graphql';
import { Agent } from '../agents/agent.entity.js';
import { ApiKey } from './api-key.entity.js';

@ObjectType()
export class LoginPayload {
  @Field({ description: 'Send as "Authorization: Bearer <token>", or as connectionParams.authorization over WebSocket.' })
  token!: string;

  @Field()
  expiresAt!: Date;

  @Field(() => Agent)
  agent!: Agent;
}

@ObjectType()
export class CreateApiKeyPayload {
  @Field({ description: 'The key itself; shown only this once.' })
  key!: string;

  @Field(() => ApiKey)
  apiKey!: ApiKey;
}
