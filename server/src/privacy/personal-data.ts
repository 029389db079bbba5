import { Extensions, UseMiddleware } from 'type-graphql';
import type { AppContext } from '../graphql/context.js';
import { seesPersonalDataMasked } from '../auth/viewer.js';
import { mask, type PersonalDataKind } from './masking.js';

/**
 * Marks a field as personal data. The masking travels with the field itself, so every query that
 * reaches it - through any resolver, connection or node() - masks it for roles that must not see it.
 */
export function PersonalData<Root = any>(
  kind: PersonalDataKind | ((root: Root) => PersonalDataKind),
): PropertyDecorator & MethodDecorator {
  const extensions = Extensions({ personalData: typeof kind === 'string' ? kind : 'BY_KIND' });
  const middleware = UseMiddleware(async ({ context, root }: { context: AppContext; root: unknown }, next: () => Promise<unknown>) => {
    const value: unknown = await next();
    if (typeof value !== 'string' || !seesPersonalDataMasked(context.viewer)) return value;
    return mask(typeof kind === 'string' ? kind : kind(root as Root), value);
  });
  return ((target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    (extensions as (t: object, k: string | symbol, d?: PropertyDescriptor) => void)(target, key, descriptor);
    (middleware as (t: object, k: string | symbol, d?: PropertyDescriptor) => void)(target, key, descriptor);
  }) as PropertyDecorator & MethodDecorator;
}
