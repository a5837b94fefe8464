import { NumberedPageQuery } from '../http/page.query';

export class InboxQuery extends NumberedPageQuery({ defaultPageSize: 20, maxPageSize: 100 }) {}
