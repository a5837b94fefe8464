import { DataSource, EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { RidingStatement } from './riding-statement';

type ColumnMetadata = EntityMetadata['columns'][number];

/**
 * An entity read by a statement written once, hydrated as TypeORM's own find hydrates it (the driver's
 * conversions and each column's transformer, from the entity's metadata), for the reads on the common
 * path. `find` and the query builder build, escape and alias their whole statement on every call and map
 * the rows back through the aliases: that cost more CPU than the statement took in PostgreSQL. Its writes
 * are riding statements (RidingStatement), with each value written as TypeORM's insert and update write
 * it: they can go on the round trip of the statement that records the change.
 */
export class EntityRows<E extends ObjectLiteral> {
  private readonly statements = new Map<string, string>();

  constructor(
    private readonly metadata: EntityMetadata,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * The text of a statement `make` writes from the entity's select list, made once per name (a name stands
   * for one statement of this entity): the same text every call, so the connection's prepared statement is
   * found by it.
   */
  statement(name: string, make: (columns: (alias: string) => string) => string): string {
    let text = this.statements.get(name);
    if (text === undefined) {
      text = make((alias) => this.columns(alias));
      this.statements.set(name, text);
    }
    return text;
  }

  /** The entity's columns of the table aliased `alias`, each selected as `"alias.property"`. */
  columns(alias: string): string {
    return this.metadata.columns.map((column) => `${alias}."${column.databaseName}" AS "${alias}.${column.propertyName}"`).join(', ');
  }

  /**
   * The entities inserted, as the WITH item `name`: every column of each (a property left undefined takes the
   * column's default), in one statement however many there are.
   */
  inserting(name: string, entities: readonly Partial<E>[]): RidingStatement {
    const params: unknown[] = [];
    const rows = entities.map(
      (entity) =>
        `(${this.metadata.columns
          .map((column) => {
            const value = column.getEntityValue(entity as E);
            return value === undefined ? 'DEFAULT' : this.parameter(params, column, value);
          })
          .join(', ')})`,
    );
    const columns = this.metadata.columns.map((column) => `"${column.databaseName}"`).join(', ');
    return { with: `${name} AS (INSERT INTO "${this.metadata.tableName}" (${columns}) VALUES ${rows.join(', ')})`, select: 'NULL', params };
  }

  /** The row whose primary key is `id` changed in the columns `changes` gives a value for, as the WITH item `name`. */
  updating(name: string, id: unknown, changes: Partial<E>): RidingStatement {
    const [primary, ...more] = this.metadata.primaryColumns;
    if (!primary || more.length > 0) throw new Error(`${this.metadata.tableName}: updating needs a primary key of one column`);
    const params: unknown[] = [];
    const set: string[] = [];
    for (const column of this.metadata.columns) {
      const value = column.getEntityValue(changes as E);
      if (value !== undefined) set.push(`"${column.databaseName}" = ${this.parameter(params, column, value)}`);
    }
    if (set.length === 0) throw new Error(`${this.metadata.tableName}: updating with nothing to change`);
    const where = `"${primary.databaseName}" = ${this.parameter(params, primary, id)}`;
    return { with: `${name} AS (UPDATE "${this.metadata.tableName}" SET ${set.join(', ')} WHERE ${where})`, select: 'NULL', params };
  }

  /** `value` as the column stores it, added to `params`; its placeholder. */
  private parameter(params: unknown[], column: ColumnMetadata, value: unknown): string {
    params.push(this.dataSource.driver.preparePersistentValue(value, column));
    return `$${params.length}`;
  }

  /** The entity whose columns `row` holds as `columns(alias)` selected them. */
  hydrate(row: Record<string, unknown>, alias: string): E {
    const entity = this.metadata.create(undefined, { fromDeserializer: true }) as E;
    for (const column of this.metadata.columns) {
      column.setEntityValue(entity, this.dataSource.driver.prepareHydratedValue(row[`${alias}.${column.propertyName}`], column));
    }
    return entity;
  }
}

const byDataSource = new WeakMap<DataSource, Map<EntityTarget<ObjectLiteral>, EntityRows<ObjectLiteral>>>();

/** The EntityRows of `target` in the database `db` works on (one per data source and entity). */
export function entityRows<E extends ObjectLiteral>(db: EntityManager, target: EntityTarget<E>): EntityRows<E> {
  const dataSource = db.connection;
  let ofSource = byDataSource.get(dataSource);
  if (!ofSource) byDataSource.set(dataSource, (ofSource = new Map()));
  let rows = ofSource.get(target);
  if (!rows) ofSource.set(target, (rows = new EntityRows(dataSource.getMetadata(target), dataSource)));
  return rows as EntityRows<E>;
}
