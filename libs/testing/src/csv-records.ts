/**
 * A CSV file as a spreadsheet reads it (RFC 4180: quoted fields, doubled quotes, CRLF or LF line ends, a leading
 * BOM): one object per line after the header, keyed by the header's column names.
 */
export function csvRecords(text: string): Array<Record<string, string>> {
  const rows: string[][] = [[]];
  let cell = '';
  let quoted = false;
  const source = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      rows.at(-1)!.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i++;
      rows.at(-1)!.push(cell);
      cell = '';
      rows.push([]);
    } else cell += char;
  }
  if (cell !== '' || rows.at(-1)!.length > 0) rows.at(-1)!.push(cell);
  const [header, ...lines] = rows.filter((row) => row.length > 0);
  return lines.map((line) => Object.fromEntries((header ?? []).map((name, i) => [name, line[i] ?? ''])));
}
