/**
 * One line of comma-separated values as switches and NANPA write them: fields optionally wrapped
 * in double quotes, a quote inside a quoted field doubled (`""`), no line breaks inside fields.
 * Asterisk's cdr_csv quotes every text field and leaves numbers and empty dates bare, so both
 * forms appear on one line.
 */
export type CsvLine = { fields: string[] } | { error: string };

export function splitCsvLine(line: string): CsvLine {
  const fields: string[] = [];
  let at = 0;
  for (;;) {
    if (line.charCodeAt(at) === 0x22 /* " */) {
      let value = '';
      let from = at + 1;
      for (;;) {
        const quote = line.indexOf('"', from);
        if (quote < 0) return { error: `field ${fields.length + 1} opens a quote that never closes` };
        value += line.slice(from, quote);
        if (line.charCodeAt(quote + 1) === 0x22) {
          value += '"';
          from = quote + 2;
          continue;
        }
        at = quote + 1;
        break;
      }
      fields.push(value);
      if (at === line.length) return { fields };
      if (line.charCodeAt(at) !== 0x2c /* , */) {
        return { error: `field ${fields.length} has text after its closing quote` };
      }
      at += 1;
    } else {
      const comma = line.indexOf(',', at);
      const value = comma < 0 ? line.slice(at) : line.slice(at, comma);
      if (value.includes('"')) return { error: `field ${fields.length + 1} has a quote inside an unquoted value` };
      fields.push(value);
      if (comma < 0) return { fields };
      at = comma + 1;
    }
  }
}
