import { isDecision, type PlanNode } from '../plan/model.js';

/** One step down the tree: into a branch's `next` by index, or into `other`. */
export type Step = number | 'other';

/** The path as the server writes it (`root.branches[2].next.other`), so problems find their node. */
export function pathOf(steps: readonly Step[]): string {
  return ['root', ...steps.map((step) => (step === 'other' ? 'other' : `branches[${step}].next`))].join('.');
}

/**
 * Where a problem's path points: the node (its steps) and, when the path ends at one of the
 * node's branches (`root.branches[1]`, `root.branches[1].npas[0]`), that branch. Null for a path
 * that is not in a tree.
 */
export function locate(path: string): { steps: Step[]; branch: number | null } | null {
  if (!path.startsWith('root')) return null;
  const steps: Step[] = [];
  let rest = path.slice('root'.length);
  for (;;) {
    const next = /^\.branches\[(\d+)\]\.next/.exec(rest);
    if (next) {
      steps.push(Number(next[1]));
      rest = rest.slice(next[0].length);
      continue;
    }
    if (rest.startsWith('.other')) {
      steps.push('other');
      rest = rest.slice('.other'.length);
      continue;
    }
    break;
  }
  const branch = /^\.branches\[(\d+)\]/.exec(rest);
  return { steps, branch: branch ? Number(branch[1]) : null };
}

/** The node the steps lead to, or undefined when the tree has no such place. */
export function nodeAt(root: PlanNode, steps: readonly Step[]): PlanNode | undefined {
  let node: PlanNode | undefined = root;
  for (const step of steps) {
    if (!node || !isDecision(node)) return undefined;
    node = step === 'other' ? (node.type === 'percent' ? undefined : node.other) : node.branches[step]?.next;
  }
  return node;
}

/** A new tree with the node at `steps` replaced by what `change` makes of it; the rest is shared, not copied. */
export function replaceAt(root: PlanNode, steps: readonly Step[], change: (node: PlanNode) => PlanNode): PlanNode {
  if (!steps.length) return change(root);
  if (!isDecision(root)) throw new Error(`no node at ${pathOf(steps)}`);
  const [step, ...rest] = steps as [Step, ...Step[]];
  if (step === 'other') {
    if (root.type === 'percent' || !root.other) throw new Error(`no node at ${pathOf(steps)}`);
    return { ...root, other: replaceAt(root.other, rest, change) };
  }
  const branches = root.branches.map((branch, index) => (index === step ? { ...branch, next: replaceAt(branch.next, rest, change) } : branch));
  return { ...root, branches } as PlanNode;
}

/** Same steps. */
export const sameSteps = (a: readonly Step[], b: readonly Step[]): boolean => a.length === b.length && a.every((step, index) => step === b[index]);
