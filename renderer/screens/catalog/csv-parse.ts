/**
 * CSV reading on papaparse (RFC 4180: quoted fields with delimiters, doubled quotes and
 * newlines, CRLF / LF / CR, a UTF-8 BOM, `,` `;` or tab guessed from the file). What this
 * adapter adds is what the importer needs from each record: the physical line it starts on
 * (so an error says "line 1 203" even after quoted newlines), and the line of a quote that
 * never closes.
 */
import Papa from 'papaparse';

export interface CsvRecord {
  /** 1-based physical line number where the record starts (the header is line 1). */
  line: number;
  fields: string[];
}

export interface CsvParseResult {
  records: CsvRecord[];
  delimiter: ',' | ';' | '\t';
  /** Set when the text ends inside a quoted field (the last record is still returned). */
  unterminatedQuoteAtLine: number | null;
}

const DELIMITERS = [',', ';', '\t'] as const;
type Delimiter = (typeof DELIMITERS)[number];

/** Lines ended by "\r\n", "\n" or a lone "\r" in text[from, to). */
function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

/**
 * papaparse's guess over the first lines, blank lines left out (a trailing blank line would
 * otherwise make a tab-separated file look like one column); comma when nothing fits.
 */
function guessDelimiter(text: string): Delimiter {
  const found = Papa.parse<string[]>(text, { preview: 10, skipEmptyLines: true, delimitersToGuess: [...DELIMITERS] }).meta.delimiter;
  return (DELIMITERS as readonly string[]).includes(found) ? (found as Delimiter) : ',';
}

export function parseCsv(input: string, options: { delimiter?: Delimiter } = {}): CsvParseResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let unterminated: number | null = null;
  const delimiter = options.delimiter ?? guessDelimiter(text);
  // papaparse reports where each row ends (meta.cursor, past its line break); a row starts
  // where the last one ended, on the line after the breaks that span contained.
  let start = 0;
  let line = 1;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step(row) {
      // A final line break ends the last record; papaparse reports an empty one after it.
      if (start >= text.length && row.data.every((f) => f === '')) return;
      // A quoted newline comes back as written ("\r\n" from spreadsheets); fields hold "\n".
      records.push({ line, fields: row.data.map((f) => (f.includes('\r') ? f.replace(/\r\n?/g, '\n') : f)) });
      if (unterminated === null && row.errors.some((e) => e.code === 'MissingQuotes')) unterminated = line;
      line += lineBreaks(text, start, row.meta.cursor);
      start = row.meta.cursor;
    },
  });
  return { records, delimiter, unterminatedQuoteAtLine: unterminated };
}

/** True for a record with no content (a blank line or only empty fields). */
export function isBlankRecord(record: CsvRecord): boolean {
  return record.fields.every((f) => f.trim() === '');
}
