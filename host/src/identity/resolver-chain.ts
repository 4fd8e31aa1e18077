import type { Identity, IdentityRequest, IdentityResolver } from '@switchboard/sdk';

/** Asks each resolver in turn; the first that recognises the credentials decides. */
export class ResolverChain implements IdentityResolver {
  constructor(private readonly resolvers: IdentityResolver[]) {}

  async resolve(request: IdentityRequest): Promise<Identity | null> {
    for (const resolver of this.resolvers) {
      const identity = await resolver.resolve(request);
      if (identity) return identity;
    }
    return null;
  }
}
