/** Something with an id and the ids it requires. */
export interface Requiring {
  id: string;
  requires: readonly string[];
}

export class RequirementError extends Error {
  constructor(
    message: string,
    /** The plugins that cannot run because of it. */
    readonly affected: string[],
  ) {
    super(message);
    this.name = 'RequirementError';
  }
}

/**
 * Orders items so each comes after everything it requires (depth-first, stable in the given order).
 * A missing requirement or a cycle throws, naming the plugins involved.
 */
export function orderByRequirements<T extends Requiring>(items: readonly T[]): T[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  for (const item of items) {
    const missing = item.requires.filter((id) => !byId.has(id));
    if (missing.length) {
      throw new RequirementError(`Plugin ${item.id} requires ${missing.map((m) => `"${m}"`).join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not loaded`, [item.id]);
    }
  }
  const ordered: T[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (item: T, path: string[]) => {
    if (state.get(item.id) === 'done') return;
    if (state.get(item.id) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(item.id)), item.id];
      throw new RequirementError(`Plugins require each other in a cycle: ${cycle.join(' -> ')}`, cycle.slice(0, -1));
    }
    state.set(item.id, 'visiting');
    for (const id of item.requires) visit(byId.get(id)!, [...path, item.id]);
    state.set(item.id, 'done');
    ordered.push(item);
  };
  for (const item of items) visit(item, []);
  return ordered;
}
