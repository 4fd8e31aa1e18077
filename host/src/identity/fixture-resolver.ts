import { readFileSync } from 'node:fs';
import type { Identity, IdentityRequest, IdentityResolver } from '@switchboard/sdk';
import { unauthenticated } from '@switchboard/sdk';

type FixtureFile = Record<string, Omit<Identity, 'kind' | 'subject'>>;

const PREFIX = 'Bearer fixture:';

/**
 * TESTS ONLY (config identity.fixtures): `Authorization: Bearer fixture:<name>` is the identity of
 * that name in the fixture file. Stands in until real sessions and tokens exist; an unknown name is
 * refused like a bad token would be.
 */
export class FixtureIdentityResolver implements IdentityResolver {
  private readonly identities: Map<string, Identity>;

  constructor(file: string) {
    const fixtures = JSON.parse(readFileSync(file, 'utf8')) as FixtureFile;
    this.identities = new Map(
      Object.entries(fixtures).map(([name, fixture]) => [name, Object.freeze({ kind: 'fixture' as const, subject: name, ...fixture })]),
    );
  }

  async resolve(request: IdentityRequest): Promise<Identity | null> {
    const header = request.headers.authorization;
    if (typeof header !== 'string' || !header.startsWith(PREFIX)) return null;
    const identity = this.identities.get(header.slice(PREFIX.length));
    if (!identity) throw unauthenticated('The credentials are not valid.');
    return identity;
  }
}
