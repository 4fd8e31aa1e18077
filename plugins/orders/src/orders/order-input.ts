import type { FieldError, InstalledService } from '@switchboard/sdk';
import { readTollFreeNumber } from '../numbers/toll-free-number.js';
import { vanityPattern } from '../numbers/vanity-pattern.js';
import type { OrderAction } from './order-row.js';

/** Numbers an order line asks for: any `quantity` matching an optional vanity `pattern`, or the numbers picked. */
export interface NumberRequestInput {
  quantity?: number;
  pattern?: string;
  pick?: string[];
}

export interface OrderItemInput {
  action: OrderAction;
  service: string;
  /** add, change: numbers to add from the inventory. */
  numbers?: NumberRequestInput;
  /** change: numbers the tenant holds, to disconnect. */
  removeNumbers?: string[];
}

export interface OrderInput {
  items: OrderItemInput[];
  note?: string;
}

/** A number request read and normalised: picked numbers in E.164, or a quantity with a LIKE (null: any). */
export type NumberRequest = { pick: string[] } | { quantity: number; like: string | null };

/** An order line checked against the catalogue, before anything is reserved. */
export interface PlannedItem {
  action: OrderAction;
  service: InstalledService;
  numbers: NumberRequest | null;
  removeNumbers: string[];
}

/**
 * Reads an order's lines against the catalogue: every problem of the input itself, with where it
 * is (`body.items[1].numbers.pattern`) and why. What the tenant has or may have is checked later.
 */
export function planItems(input: OrderInput, find: (service: string) => InstalledService | undefined): { items: PlannedItem[]; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const items: PlannedItem[] = [];
  const plugins = new Map<string, number>();
  input.items.forEach((item, index) => {
    const at = `body.items[${index}]`;
    const service = find(item.service);
    if (!service) {
      problems.push({ field: `${at}.service`, message: `"${item.service}" is not a service of an installed plugin` });
      return;
    }
    if (!service.orderable) problems.push({ field: `${at}.service`, message: `"${item.service}" is arranged by your account team, not ordered` });
    const first = plugins.get(service.plugin);
    if (first !== undefined) problems.push({ field: `${at}.service`, message: `items[${first}] already changes the ${service.pluginTitle} services; one line per plugin` });
    else plugins.set(service.plugin, index);

    const counted = service.quantities === 'numbers';
    if (item.action === 'remove' && (item.numbers || item.removeNumbers)) {
      problems.push({ field: at, message: 'removing a service takes no numbers; change it to add or remove numbers' });
    }
    if (item.action === 'add' && item.removeNumbers) problems.push({ field: `${at}.removeNumbers`, message: 'a service being added has no numbers to remove' });
    if (!counted && (item.numbers || item.removeNumbers)) problems.push({ field: at, message: `"${item.service}" is not counted in numbers` });
    if (item.action === 'change' && !counted) problems.push({ field: `${at}.action`, message: `"${item.service}" has nothing to change; add or remove it` });
    if (item.action === 'change' && counted && !item.numbers && !item.removeNumbers) {
      problems.push({ field: at, message: 'a change adds numbers (numbers) or removes some (removeNumbers), or both' });
    }
    const numbers = item.numbers && counted ? readNumberRequest(item.numbers, `${at}.numbers`, problems) : null;
    const removeNumbers = counted ? readNumbers(item.removeNumbers ?? [], `${at}.removeNumbers`, problems) : [];
    items.push({ action: item.action, service, numbers, removeNumbers });
  });
  return { items, problems };
}

function readNumberRequest(request: NumberRequestInput, at: string, problems: FieldError[]): NumberRequest | null {
  if ((request.quantity === undefined) === (request.pick === undefined)) {
    problems.push({ field: at, message: 'give either a quantity (with an optional pattern) or the numbers to pick' });
    return null;
  }
  if (request.pick !== undefined) {
    if (request.pattern !== undefined) problems.push({ field: `${at}.pattern`, message: 'a pattern goes with a quantity, not with picked numbers' });
    return { pick: readNumbers(request.pick, `${at}.pick`, problems) };
  }
  if (request.pattern === undefined) return { quantity: request.quantity!, like: null };
  const read = vanityPattern(request.pattern);
  if ('problem' in read) {
    problems.push({ field: `${at}.pattern`, message: read.problem });
    return null;
  }
  return { quantity: request.quantity!, like: read.like };
}

function readNumbers(texts: readonly string[], at: string, problems: FieldError[]): string[] {
  const numbers: string[] = [];
  texts.forEach((text, index) => {
    const read = readTollFreeNumber(text);
    if ('problem' in read) problems.push({ field: `${at}[${index}]`, message: `"${text}" ${read.problem}` });
    else if (numbers.includes(read.number)) problems.push({ field: `${at}[${index}]`, message: `${read.number} is listed twice` });
    else numbers.push(read.number);
  });
  return numbers;
}
