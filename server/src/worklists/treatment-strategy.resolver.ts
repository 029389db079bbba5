import { Arg, Ctx, FieldResolver, Float, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { BucketEnum } from '../accounts/account.entity.js';
import type { Bucket } from '../accounts/buckets.js';
import { Agent } from '../agents/agent.entity.js';
import type { AppContext } from '../graphql/context.js';
import { TreatmentStrategy } from './treatment-strategy.entity.js';

@Resolver(() => TreatmentStrategy)
export class TreatmentStrategyResolver {
  @Query(() => [TreatmentStrategy], { description: 'How each bucket is worked: its worklist priority and what an agent may agree without a supervisor.' })
  treatmentStrategies(@Ctx() { em, viewer, services }: AppContext): Promise<TreatmentStrategy[]> {
    return services.treatmentStrategies.list(em, viewer);
  }

  @Mutation(() => TreatmentStrategy, {
    description: 'Managers and admins: a bucket’s strategy. priority 1-100 (lower is worked first), maxDiscount 0-0.9, maxInstalments 2-24.',
  })
  setTreatmentStrategy(
    @Arg('bucket', () => BucketEnum) bucket: Bucket,
    @Arg('priority', () => Int) priority: number,
    @Arg('maxDiscount', () => Float, { description: 'Largest settlement discount an agent may agree alone, as a share of the balance.' }) maxDiscount: number,
    @Arg('maxInstalments', () => Int, { description: 'Most instalments an agent may agree alone.' }) maxInstalments: number,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<TreatmentStrategy> {
    return services.treatmentStrategies.set(em, viewer, { bucket, priority, maxDiscount, maxInstalments });
  }

  @FieldResolver(() => Agent, { nullable: true, description: 'Who last changed it; null for the strategy the floor started with.' })
  updatedBy(@Root() strategy: TreatmentStrategy, @Ctx() { loaders }: AppContext): Promise<Agent | null> | null {
    return strategy.updatedBy ? loaders.agent.load(strategy.updatedBy.id) : null;
  }
}
