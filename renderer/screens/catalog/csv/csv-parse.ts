/**
 * RFC 4180 CSV parsing, pure and streaming-free (a 5 000-row catalog is a few
 * hundred KB). Handles: a UTF-8 BOM, CRLF / LF / lone CR line ends, quoted
 * fields with embedded delimiters, doubled quotes and newlines, and a
 * semicolon delimiter (what spreadsheet apps write in comma-decimal locales).
 *
 * Every record keeps the physical line it starts on, so the importer can say
 * "line 1 203" even when earlier records contain quoted newlines.
 */

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

/**
 * Choose the delimiter from the first line (outside quotes): the candidate
 * that occurs most often wins, comma on a tie or when none occur.
 */
export function sniffDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) break;
    else if (!inQuotes && (c === ',' || c === ';' || c === '\t')) counts[c]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

export function parseCsv(input: string, options: { delimiter?: ',' | ';' | '\t' } = {}): CsvParseResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = options.delimiter ?? sniffDelimiter(text);
  const records: CsvRecord[] = [];

  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let quoteStartLine = 0;
  // True once the current record has any content (so a trailing newline adds no empty record).
  let recordStarted = false;

  const endField = () => {
    fields.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push({ line: recordLine, fields });
    fields = [];
    recordStarted = false;
  };

  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      if (c === '\r' || c === '\n') {
        // Keep the newline inside the field, normalised to \n; count physical lines.
        if (c === '\r' && text[i + 1] === '\n') i++;
        field += '\n';
        line++;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field.length === 0) {
      // A quote opens a quoted field only at the start of the field (RFC 4180);
      // elsewhere it is literal text, which is what spreadsheets do too.
      inQuotes = true;
      quoteStartLine = line;
      recordStarted = true;
      i++;
      continue;
    }
    if (c === delimiter) {
      endField();
      recordStarted = true;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      i++;
      if (recordStarted || field.length > 0 || fields.length > 0) endRecord();
      else records.push({ line: recordLine, fields: [''] }); // a blank line: kept so callers can skip it knowingly
      line++;
      recordLine = line;
      continue;
    }
    field += c;
    recordStarted = true;
    i++;
  }
  const unterminated = inQuotes ? quoteStartLine : null;
  if (recordStarted || field.length > 0 || fields.length > 0) endRecord();

  return { records, delimiter, unterminatedQuoteAtLine: unterminated };
}

/** True for a record with no content (a blank line or only empty fields). */
export function isBlankRecord(record: CsvRecord): boolean {
  return record.fields.every((f) => f.trim() === '');
}
