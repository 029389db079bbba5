import { Arg, Ctx, Field, FieldResolver, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Portfolio } from '../accounts/portfolio.entity.js';
import type { AppContext } from '../graphql/context.js';
import { ContactProfile } from './contact-profile.entity.js';

@InputType({ description: 'Changes to a contact profile; fields left out keep their value.' })
export class ContactProfileInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => Int, { nullable: true, description: 'Calling window start, minutes after local midnight: 0 (00:00) to 1439.' })
  windowStartMinute?: number | null;

  @Field(() => Int, { nullable: true, description: 'Calling window end (exclusive), minutes after local midnight: 1 to 1440 (24:00), after the start.' })
  windowEndMinute?: number | null;

  @Field(() => Int, { nullable: true, description: 'Outbound attempts allowed in the attempt window, at least 1.' })
  maxAttempts?: number | null;

  @Field(() => Int, { nullable: true, description: 'The rolling window attempts are counted in, seconds (at most 90 days).' })
  attemptWindowSeconds?: number | null;

  @Field(() => Int, { nullable: true, description: 'Quiet after a right-party conversation, seconds (at most 90 days).' })
  quietAfterConversationSeconds?: number | null;

  @Field(() => Int, { nullable: true, description: 'A callback counts as "now" from this many minutes before the time chosen (0-1440) ...' })
  callbackEarlyMinutes?: number | null;

  @Field(() => Int, { nullable: true, description: '... to this many after (0-1440).' })
  callbackLateMinutes?: number | null;
}

@Resolver(() => ContactProfile)
export class ContactProfileResolver {
  @Query(() => [ContactProfile], { description: 'The contact profiles (DOMAIN.md §6) and the portfolios called under each.' })
  contactProfiles(@Ctx() { em, viewer, services }: AppContext): Promise<ContactProfile[]> {
    return services.contactProfiles.list(em, viewer);
  }

  @Mutation(() => ContactProfile, { description: 'Admins: changes the rules of a contact profile; they apply to the next check.' })
  updateContactProfile(
    @Arg('code') code: string,
    @Arg('input', () => ContactProfileInput) input: ContactProfileInput,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<ContactProfile> {
    return services.contactProfiles.update(em, viewer, code, input);
  }

  @Mutation(() => Portfolio, { description: 'Admins: the contact profile a portfolio’s accounts are called under.' })
  setPortfolioContactProfile(
    @Arg('portfolioCode') portfolioCode: string,
    @Arg('profileCode') profileCode: string,
    @Ctx() { em, viewer, services }: AppContext,
  ): Promise<Portfolio> {
    return services.contactProfiles.setPortfolioProfile(em, viewer, portfolioCode, profileCode);
  }

  @FieldResolver(() => [Portfolio])
  portfolios(@Root() profile: ContactProfile, @Ctx() { em, services }: AppContext): Promise<Portfolio[]> {
    return services.contactProfiles.portfoliosOf(em, profile);
  }
}

@Resolver(() => Portfolio)
export class PortfolioResolver {
  @FieldResolver(() => ContactProfile, { description: 'The contact rules its accounts are called under.' })
  contactProfile(@Root() portfolio: Portfolio, @Ctx() { em }: AppContext): Promise<ContactProfile> {
    return em.findOneOrFail(ContactProfile, { id: portfolio.contactProfile.id });
  }
}
