import { Arg, Ctx, Field, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { AppContext } from '../graphql/context.js';
import type { RolloverSummary } from './rollover.service.js';

@ObjectType({ description: 'What a day rollover changed.' })
export class DayRollover implements RolloverSummary {
  @Field()
  date!: string;
  @Field({ description: 'False when the date was already rolled over: nothing changed.' })
  ran!: boolean;
  @Field(() => Int)
  accountsRedated!: number;
  @Field(() => Int)
  promisesBroken!: number;
  @Field(() => Int)
  promisesPartiallyKept!: number;
  @Field(() => Int, { description: 'Promises still awaiting approval when their grace ended (cancelled).' })
  promisesLapsed!: number;
  @Field(() => Int)
  instalmentsMissed!: number;
  @Field(() => Int)
  plansBroken!: number;
  @Field(() => Int)
  snapshotRows!: number;
}

@Resolver()
export class RolloverResolver {
  @Mutation(() => DayRollover, { description: 'ADMIN: runs the business-day rollover for a date (default today); a second run for a date changes nothing.' })
  runDayRollover(@Arg('date', () => String, { nullable: true }) date: string | null, @Ctx() { em, viewer, services }: AppContext): Promise<RolloverSummary> {
    return services.rollover.run(em, viewer, date);
  }
}
