import { csvRecords } from './csv-records';

describe('csvRecords', () => {
  it('reads quoted fields, doubled quotes, empty cells and CRLF lines after a BOM, keyed by the header', () => {
    expect(csvRecords('\uFEFFid,judul,kategori\r\n1,"Talud ""Sungai"", RT 04",\r\n2,Sumur,SOCIAL\r\n')).toEqual([
      { id: '1', judul: 'Talud "Sungai", RT 04', kategori: '' },
      { id: '2', judul: 'Sumur', kategori: 'SOCIAL' },
    ]);
  });

  it('reads a header alone as no records, and a last line without its line end', () => {
    expect(csvRecords('id,judul\r\n')).toEqual([]);
    expect(csvRecords('id\n7')).toEqual([{ id: '7' }]);
  });
});
