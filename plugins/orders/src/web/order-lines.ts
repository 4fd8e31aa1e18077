import type { CatalogueEntry } from './api.js';

/** What the user chose on the order page. */
export interface OrderChoices {
  /** The numbers service the numbers go to, as the catalogue names it. */
  numbersService: CatalogueEntry | null;
  /** Spare numbers picked from the search, E.164. */
  picked: readonly string[];
  /** Held numbers to give up, E.164. */
  removing: readonly string[];
  /** Services to subscribe to, and to drop, by their catalogue name. */
  subscribe: readonly string[];
  drop: readonly string[];
}

export interface OrderLine {
  action: 'add' | 'change' | 'remove';
  service: string;
  numbers?: { pick: string[] };
  removeNumbers?: string[];
}

/**
 * The order's lines from the user's choices: numbers go on the numbers service as a change (or as
 * part of subscribing to it, when the tenant has not got it yet), services to subscribe to and
 * drop each on their own line. The server checks the rest and names any problem by line.
 */
export function orderLines(choices: OrderChoices): OrderLine[] {
  const lines: OrderLine[] = [];
  const numbers = choices.numbersService;
  const withNumbers = (line: OrderLine): OrderLine => ({
    ...line,
    ...(choices.picked.length ? { numbers: { pick: [...choices.picked] } } : {}),
    ...(choices.removing.length ? { removeNumbers: [...choices.removing] } : {}),
  });
  let numbersPlaced = !numbers || (!choices.picked.length && !choices.removing.length);
  for (const service of choices.subscribe) {
    const line: OrderLine = { action: 'add', service };
    if (numbers && service === numbers.service && !numbersPlaced) {
      lines.push(withNumbers(line));
      numbersPlaced = true;
    } else lines.push(line);
  }
  if (!numbersPlaced && numbers) lines.push(withNumbers({ action: numbers.subscribed ? 'change' : 'add', service: numbers.service }));
  for (const service of choices.drop) lines.push({ action: 'remove', service });
  return lines;
}
