import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { jsonField, queryRows, rupiahField, updateRows } from './row-schema';

const answering = (result: unknown) => ({ query: async () => result }) as unknown as EntityManager;

describe('checked row reads', () => {
  const Row = z.object({ id: z.string(), amount: rupiahField, owner: jsonField(z.object({ userId: z.string() })).nullable() });

  it('reads bigint strings as exact whole rupiah and keeps a jsonb value exactly as stored', async () => {
    const owner = { userId: 'u1', actingFor: { userId: 'u2' } };
    const [row] = await queryRows(answering([{ id: 'a', amount: '9007199254740991', owner }]), Row, 'SELECT * FROM t');
    expect(row).toEqual({ id: 'a', amount: Number.MAX_SAFE_INTEGER, owner });
    expect(row.owner).toBe(owner);
  });

  it('refuses a row of the wrong shape, naming the statement, rather than passing it on', async () => {
    await expect(queryRows(answering([{ id: 'a', amount: '12.5', owner: null }]), Row, 'SELECT * FROM t WHERE x')).rejects.toThrow(
      /SELECT \* FROM t WHERE x[\s\S]*Not a safe whole-rupiah amount: 12\.5/,
    );
    await expect(queryRows(answering([{ id: 'a', amount: '1', owner: { name: 'x' } }]), Row, 'SELECT 1')).rejects.toThrow(/owner/);
    await expect(
      queryRows(
        answering([
          { id: 'a', amount: '1', owner: null },
          { id: 7, amount: '1', owner: null },
        ]),
        Row,
        'SELECT 2',
      ),
    ).rejects.toThrow(/SELECT 2[\s\S]*row 1:[\s\S]*id/);
    await expect(queryRows(answering({ rowCount: 0 }), Row, 'SELECT 3')).rejects.toThrow(/SELECT 3[\s\S]*expected rows, got object/);
  });

  it("reads the rows of an UPDATE … RETURNING from TypeORM's [rows, count]", async () => {
    await expect(
      updateRows(answering([[{ id: 'a', amount: '5', owner: null }], 1]), Row, 'UPDATE t SET x = 1 RETURNING *'),
    ).resolves.toEqual([{ id: 'a', amount: 5, owner: null }]);
  });
});
