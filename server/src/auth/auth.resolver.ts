import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Agent } from '../agents/agent.entity.js';
import type { AppContext } from '../graphql/context.js';
import { notFound } from '../graphql/errors.js';
import { CreateApiKeyPayload, LoginPayload } from './auth.types.js';

@Resolver()
export class AuthResolver {
  @Mutation(() => LoginPayload, { description: 'Signs in with email and password and returns a session token.' })
  async login(@Arg('email') email: string, @Arg('password') password: string, @Ctx() { em, services }: AppContext): Promise<LoginPayload> {
    return services.auth.login(em, email, password);
  }

  @Query(() => Agent, { description: 'The signed-in agent.' })
  async me(@Ctx() { em, viewer, services }: AppContext): Promise<Agent> {
    const agent = await services.agents.me(em, viewer);
    if (!agent) throw notFound('Agent', 'for this API key');
    return agent;
  }

  @Mutation(() => CreateApiKeyPayload, { description: 'ADMIN: a key for a BI tool (role ANALYST).' })
  async createApiKey(@Arg('name') name: string, @Ctx() { em, viewer, services }: AppContext): Promise<CreateApiKeyPayload> {
    return services.auth.createApiKey(em, viewer, name);
  }
}
